//! Joining with the team secret lets a new agent in and nothing more: never
//! as an agent the team has had (token, registration or data, revoked or
//! not), never as the hub's own names, and
//! not as fast as a script can guess. The human pages through tokens and
//! revokes every token of an agent at once.

use std::time::Duration;

use hub_protocol::{RevokedTokens, TokensResponse};
use hub_tests::TestApp;
use serde_json::json;

async fn join_secret_of(app: &TestApp) -> String {
    app.get("/coordinator/join-secret").await.body["secret"].as_str().expect("secret").to_owned()
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_secret_mints_only_ids_the_team_never_had() {
    let app = TestApp::new();
    let secret = join_secret_of(&app).await;
    let anon = app.with_token(None);
    let join = |id: &'static str| anon.post("/coordinator/join", json!({"agentId": id, "secret": secret}));
    // An agent with a live token.
    let (ann, _) = app.as_agent("ann").await;
    let again = join("ann").await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.error().contains("a human to mint"), "says how to come back: {}", again.body);
    // Revoked: still hers (her inbox, memory and checkpoint stay hers).
    let revoked: RevokedTokens = app.delete("/coordinator/tokens?agentId=ann").await.typed();
    assert_eq!(revoked.revoked.len(), 1);
    assert_eq!(ann.get("/agent/ann/messages").await.status, 401, "the old token is dead at once");
    assert_eq!(join("ann").await.status, 409, "a revoked agent is not handed to whoever knows the secret");
    // Registered by the human, never given a token.
    assert_eq!(app.register("bob").await.status, 200);
    assert_eq!(join("bob").await.status, 409, "a registered agent");
    // Never registered, but a DM waits in its own object.
    let dm = app.post("/agent/cid/messages", json!({"from": "human", "message": "for cid only"})).await;
    assert_eq!(dm.status, 200, "{}", dm.body);
    assert_eq!(join("cid").await.status, 409, "an agent with data of its own");
    // A new id joins (five joins: the limiter's burst).
    assert_eq!(join("dee").await.status, 200);
    // The human can still mint for any of them.
    assert_eq!(app.post("/coordinator/tokens", json!({"agentId": "ann"})).await.status, 200);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_hubs_own_names_get_no_token() {
    let app = TestApp::new();
    let secret = join_secret_of(&app).await;
    for id in ["human", "system", "all"] {
        let joined = app.with_token(None).post("/coordinator/join", json!({"agentId": id, "secret": secret})).await;
        assert_eq!(joined.status, 400, "join as {id}: {}", joined.body);
        let minted = app.post("/coordinator/tokens", json!({"agentId": id})).await;
        assert_eq!(minted.status, 400, "mint for {id}: {}", minted.body);
    }
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn joins_are_rate_limited_per_address_and_team() {
    let app = TestApp::new();
    let anon = app.with_token(None);
    let statuses: Vec<u16> = {
        let mut s = Vec::new();
        for i in 0..7 {
            s.push(anon.post("/coordinator/join", json!({"agentId": format!("g{i}"), "secret": "guess"})).await.status);
        }
        s
    };
    assert_eq!(&statuses[..5], [403; 5], "wrong secrets are refused: {statuses:?}");
    assert_eq!(statuses[6], 429, "then the address waits: {statuses:?}");
    // Another team is another bucket.
    let other = TestApp::new().with_token(None);
    assert_eq!(other.post("/coordinator/join", json!({"agentId": "g", "secret": "guess"})).await.status, 403);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_token_list_comes_in_pages() {
    let app = TestApp::new();
    for agent in ["a1", "a2", "a3"] {
        assert_eq!(app.post("/coordinator/tokens", json!({"agentId": agent})).await.status, 200);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let first: TokensResponse = app.get("/coordinator/tokens?limit=2").await.typed();
    assert_eq!(first.tokens.iter().map(|t| t.agent_id.as_str()).collect::<Vec<_>>(), ["a3", "a2"]);
    let before = first.next_before.expect("a next page");
    let before = serde_json::to_value(before).expect("json");
    let before = hub_protocol::percent_encode(before.as_str().expect("a timestamp string"));
    let rest: TokensResponse = app.get(&format!("/coordinator/tokens?before={before}")).await.typed();
    assert_eq!(rest.tokens.iter().map(|t| t.agent_id.as_str()).collect::<Vec<_>>(), ["a1"]);
    assert_eq!(rest.next_before, None);
}
