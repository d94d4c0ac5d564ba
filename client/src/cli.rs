//! The `hub` commands.

use clap::{Parser, Subcommand};
use hub_client::HubClient;

pub use crate::failure::Failure;

#[derive(Parser)]
#[command(
    name = "hub",
    version,
    about = "Work with an agent-hub from the shell: hot start, chat, locks, checkpoints, traces."
)]
pub struct Args {
    /// The hub's address.
    #[arg(long, env = "HUB_URL", global = true)]
    url: Option<String>,
    /// Bearer token.
    #[arg(long, env = "HUB_TOKEN", global = true, hide_env_values = true)]
    token: Option<String>,
    /// The agent you act as.
    #[arg(long = "agent", env = "HUB_AGENT_ID", global = true)]
    agent: Option<String>,
    /// The team (default main).
    #[arg(long, env = "HUB_TEAM", global = true)]
    team: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Trade the team's join secret for a token of your own, as --agent NAME
    /// (kept in ~/.config/agent-hub/config.json for this hub).
    Join {
        /// The team's join secret (the portal's Tokens page shows it).
        #[arg(long, env = "HUB_JOIN_SECRET")]
        secret: String,
    },
    /// Keep a token you were given (the portal's Tokens page mints them) in
    /// ~/.config/agent-hub/config.json, for this hub; later commands use it.
    Login {
        #[arg(long)]
        token: String,
    },
    /// Hot start: onboarding, team, tasks, mentions, checkpoint in one call.
    Start,
    /// The hub's health and who is online.
    Status,
    /// Post to the group chat.
    Chat { message: Vec<String> },
    /// Send another agent a direct message.
    Dm { to: String, message: Vec<String> },
    /// Lock a file (exit code 4 when another agent holds it).
    Lock {
        path: String,
        /// Time to live in seconds.
        #[arg(long)]
        ttl: Option<i64>,
        /// Queue for the lock and wait until it is yours, at most SECS
        /// seconds (default 600); exit code 4 after that, out of the queue.
        #[arg(long, value_name = "SECS", num_args = 0..=1, default_missing_value = "600")]
        wait: Option<u64>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Release a lock.
    Unlock {
        path: String,
        #[arg(long)]
        force: bool,
    },
    /// The ready queue: see what may start now, take the next task.
    #[command(subcommand)]
    Tasks(TasksCmd),
    /// Save or show your checkpoint.
    #[command(subcommand)]
    Checkpoint(CheckpointCmd),
    /// Record work as a trace of steps.
    #[command(subcommand)]
    Trace(TraceCmd),
    /// Stream team and personal events until interrupted.
    Watch,
    /// Serve the Model Context Protocol on stdin/stdout (relayed to the hub's /mcp).
    Mcp,
    /// Refuse commits touching files other agents hold (a git pre-commit hook).
    #[command(subcommand)]
    Guard(GuardCmd),
    /// Claude Code's hook protocol, relayed to the hub's /hooks/claude-code:
    /// deny edits of held files (PreToolUse), news for the model
    /// (PostToolUse, UserPromptSubmit), the hot start (SessionStart), no
    /// stop while locks are held or an ack is owed (Stop). Event on stdin.
    Hook,
    /// Wait for news for this agent; exit 2 with it on stderr (wakes an idle
    /// Claude Code session from an `asyncRewake` hook), 0 after the timeout.
    WaitNews {
        /// Seconds to wait at most.
        #[arg(long, default_value_t = 3600)]
        timeout: u64,
    },
}

#[derive(Subcommand)]
enum GuardCmd {
    /// Write this repository's pre-commit hook (it runs `hub guard check`).
    Install {
        /// Replace a pre-commit hook that is not ours.
        #[arg(long)]
        force: bool,
    },
    /// Check the staged files (what the hook runs). HUB_GUARD=warn only
    /// warns; HUB_GUARD_OFFLINE=refuse refuses when the hub is unreachable.
    Check,
}

#[derive(Subcommand)]
enum TasksCmd {
    /// Tasks that may start now (todo, unassigned, every blocker done), best first.
    Ready {
        #[arg(long)]
        tag: Option<String>,
    },
    /// Take the next ready task, or the one named (exit code 6 when nothing is ready).
    Take {
        task_id: Option<String>,
        #[arg(long)]
        tag: Option<String>,
    },
}

#[derive(Subcommand)]
enum CheckpointCmd {
    /// Save (absent fields keep their stored values).
    Save {
        #[arg(long)]
        summary: Option<String>,
        /// Work still to do (repeatable).
        #[arg(long = "pending")]
        pending: Vec<String>,
        /// Work done (repeatable).
        #[arg(long = "done")]
        done: Vec<String>,
        /// Files edited (repeatable).
        #[arg(long = "file")]
        files: Vec<String>,
    },
    /// Show the saved checkpoint.
    Show,
}

#[derive(Subcommand)]
enum TraceCmd {
    /// Start a trace; prints its session id.
    Start { task: Vec<String> },
    /// Log a step.
    Step {
        session: String,
        #[arg(long)]
        tool: String,
        /// found, nothing, error or partial.
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        intent: Option<String>,
        #[arg(long)]
        duration_ms: Option<i64>,
    },
    /// Complete a trace (credits XP once).
    Complete {
        session: String,
        #[arg(long)]
        domain: Option<String>,
    },
}

/// The client the flags, environment and config file describe.
pub fn client(
    url: Option<String>,
    token: Option<String>,
    agent: Option<String>,
    team: Option<String>,
) -> Result<HubClient, Failure> {
    let (url, file) = crate::config::read().pick(url.as_deref());
    let mut c = HubClient::new(&url)?;
    if let Some(t) = token.or(file.token) {
        c = c.with_token(t);
    }
    if let Some(t) = team.or(file.team) {
        c = c.with_team(t);
    }
    if let Some(a) = agent.or(file.agent_id) {
        c = c.as_agent(&a)?;
    }
    Ok(c)
}

/// With no agent named, the token's own (the hub knows it): an agent's
/// token acts only as its agent, so nobody needs to say it twice.
async fn with_token_agent(hub: HubClient) -> HubClient {
    if hub.agent().is_ok() || hub.token().is_none() {
        return hub;
    }
    match hub.whoami().await {
        Ok(who) if who.role == hub_protocol::Role::Agent => match who.agent_id {
            Some(id) => hub.clone().as_agent(id.as_str()).unwrap_or(hub),
            None => hub,
        },
        _ => hub,
    }
}

pub async fn run(args: Args) -> Result<(), Failure> {
    use crate::commands as c;
    let hub = client(args.url, args.token, args.agent, args.team)?;
    let json = args.json;
    let hub = match &args.command {
        Command::Join { .. } | Command::Login { .. } | Command::Guard(GuardCmd::Install { .. }) | Command::Mcp => hub,
        _ => with_token_agent(hub).await,
    };
    match args.command {
        Command::Mcp => crate::mcp::serve(hub).await,
        Command::Guard(GuardCmd::Install { force }) => c::guard_install(json, force),
        Command::Guard(GuardCmd::Check) => crate::guard::check(&hub).await,
        Command::Hook => crate::hook::run(&hub).await,
        Command::WaitNews { timeout } => crate::wait_news::run(&hub, std::time::Duration::from_secs(timeout)).await,
        Command::Join { secret } => c::join(hub, json, &secret).await,
        Command::Login { token } => c::login(hub, json, token).await,
        Command::Start => c::start(&hub, json).await,
        Command::Status => c::status(&hub, json).await,
        Command::Chat { message } => c::chat(&hub, json, &message.join(" ")).await,
        Command::Dm { to, message } => c::dm(&hub, json, &to, &message.join(" ")).await,
        Command::Lock { path, ttl, wait, reason } => c::lock(&hub, json, &path, ttl, wait, reason.as_deref()).await,
        Command::Unlock { path, force } => c::unlock(&hub, json, &path, force).await,
        Command::Tasks(TasksCmd::Ready { tag }) => c::tasks_ready(&hub, json, tag.as_deref()).await,
        Command::Tasks(TasksCmd::Take { task_id, tag }) => {
            c::tasks_take(&hub, json, task_id.as_deref(), tag.as_deref()).await
        }
        Command::Checkpoint(CheckpointCmd::Show) => c::checkpoint_show(&hub, json).await,
        Command::Checkpoint(CheckpointCmd::Save { summary, pending, done, files }) => {
            c::checkpoint_save(&hub, json, summary, pending, done, files).await
        }
        Command::Trace(TraceCmd::Start { task }) => c::trace_start(&hub, json, &task.join(" ")).await,
        Command::Trace(TraceCmd::Step { session, tool, outcome, intent, duration_ms }) => {
            c::trace_step(&hub, json, &session, tool, outcome, intent, duration_ms).await
        }
        Command::Trace(TraceCmd::Complete { session, domain }) => {
            c::trace_complete(&hub, json, &session, domain.as_deref()).await
        }
        Command::Watch => crate::watch::watch(&hub, json).await,
    }
}
