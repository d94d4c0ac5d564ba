//! Shared by the client's integration tests.
#![allow(dead_code)] // each test binary uses part of it

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub fn hub_url() -> String {
    std::env::var("HUB_URL").unwrap_or_else(|_| "http://127.0.0.1:8788".into())
}

/// `team`'s join secret, as the human reads it.
pub fn join_secret(team: &str) -> String {
    let admin = std::env::var("HUB_ADMIN_TOKEN").expect("HUB_ADMIN_TOKEN: run with `cargo xtask test`");
    let team = team.to_owned();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let admin = hub_client::HubClient::new(&hub_url()).expect("client").with_team(team).with_token(admin);
            admin.join_secret().await.expect("join secret").secret
        })
    })
    .join()
    .expect("thread")
}

/// A token of `agent`'s own in `team`, minted once with the test hub's
/// human token (`HUB_ADMIN_TOKEN`, set by `cargo xtask test`).
pub fn agent_token(team: &str, agent: &str) -> String {
    static TOKENS: OnceLock<Mutex<HashMap<(String, String), String>>> = OnceLock::new();
    let key = (team.to_owned(), agent.to_owned());
    if let Some(t) = TOKENS.get_or_init(Default::default).lock().expect("lock").get(&key) {
        return t.clone();
    }
    let admin = std::env::var("HUB_ADMIN_TOKEN").expect("HUB_ADMIN_TOKEN: run with `cargo xtask test`");
    let (team_owned, agent_owned) = key.clone();
    // Its own thread and runtime, so sync and async tests can both call it.
    let token = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let admin = hub_client::HubClient::new(&hub_url()).expect("client").with_team(team_owned).with_token(admin);
            admin.mint_token(&agent_owned, Some("test")).await.expect("mint").token
        })
    })
    .join()
    .expect("mint thread");
    TOKENS.get_or_init(Default::default).lock().expect("lock").insert(key, token.clone());
    token
}
