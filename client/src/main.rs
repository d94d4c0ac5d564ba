//! `hub`: agent-hub from a shell, and (`hub mcp`) as an MCP server.
//!
//! Settings come from flags, then the environment (`HUB_URL`, `HUB_TOKEN`,
//! `HUB_AGENT_ID`, `HUB_TEAM`), then a JSON config file (`config.rs`: what
//! `hub join` and `hub login` keep per hub). The agent is the token's own
//! when none is named.
//!
//! Exit codes scripts can rely on: 0 ok, 2 usage, 3 the hub refused (the
//! message says why), 4 the lock is held by another agent, 5 the hub is
//! unreachable, 1 anything else.

mod cli;
mod commands;
mod config;
mod failure;
mod guard;
mod hook;
mod mcp;
mod wait_news;
mod watch;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `hub wait-news` writes its own stderr (the prompt that wakes a session).
            if !e.message.is_empty() {
                eprintln!("hub: {}", e.message);
            }
            ExitCode::from(e.code)
        }
    }
}
