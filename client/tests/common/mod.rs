//! Shared by the client's integration tests.
#![allow(dead_code)] // each test binary uses part of it

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, OnceLock};

use hub_client::HubClient;

pub fn hub_url() -> String {
    std::env::var("HUB_URL").unwrap_or_else(|_| "http://127.0.0.1:8788".into())
}

/// Runs `f` with a client of `team` holding the test hub's human token
/// (`HUB_ADMIN_TOKEN`, set by `cargo xtask test`), on a thread and runtime
/// of its own so sync and async tests can both call it.
fn as_human<T: Send + 'static, F: Future<Output = T>>(
    team: &str,
    f: impl FnOnce(HubClient) -> F + Send + 'static,
) -> T {
    let admin = std::env::var("HUB_ADMIN_TOKEN").expect("HUB_ADMIN_TOKEN: run with `cargo xtask test`");
    let team = team.to_owned();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let admin = HubClient::new(&hub_url()).expect("client").with_team(team).with_token(admin);
            // Teams are created on purpose; creating one twice is harmless.
            admin.create_team().await.expect("create team");
            f(admin).await
        })
    })
    .join()
    .expect("human thread")
}

/// `team`'s join secret, as the human reads it.
pub fn join_secret(team: &str) -> String {
    as_human(team, |admin| async move { admin.join_secret().await.expect("join secret").secret })
}

/// A token of `agent`'s own in `team`, minted once by the human.
pub fn agent_token(team: &str, agent: &str) -> String {
    static TOKENS: OnceLock<Mutex<HashMap<(String, String), String>>> = OnceLock::new();
    let key = (team.to_owned(), agent.to_owned());
    if let Some(t) = TOKENS.get_or_init(Default::default).lock().expect("lock").get(&key) {
        return t.clone();
    }
    let name = agent.to_owned();
    let token = as_human(team, |admin| async move { admin.mint_token(&name, Some("test")).await.expect("mint").token });
    TOKENS.get_or_init(Default::default).lock().expect("lock").insert(key, token.clone());
    token
}

/// A fresh team for one test, created by the human:
/// `<kind>-<name>-<pid>-<nanos>`.
pub fn team(kind: &str, name: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let team = format!("{kind}-{name}-{}-{nanos}", std::process::id());
    as_human(&team, |_| async {});
    team
}

/// The `hub` binary set up to act as `agent` in `team` on the test hub
/// (with a token of its own, and no config file); add the arguments.
pub fn hub_command(team: &str, agent: &str) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hub"));
    c.env("HUB_URL", hub_url())
        .env("HUB_TEAM", team)
        .env("HUB_AGENT_ID", agent)
        .env("HUB_TOKEN", agent_token(team, agent))
        .env("HUB_CONFIG", "/nonexistent");
    c
}
