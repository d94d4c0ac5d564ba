//! Teams are isolated even when their names and ids contain `:`: objects
//! used to be named `<team>:<id>`, so team `acme` + agent `web:ann` was the
//! same object as team `acme:web` + agent `ann`.

use hub_protocol::{InboxResponse, LockStatus};
use hub_tests::TestApp;
use serde_json::json;

/// Two teams whose names and ids would join to the same `team:id`.
fn colliding() -> (TestApp, TestApp) {
    let base = TestApp::new();
    let url = base.url.clone();
    let team = base.team.replace('-', "");
    (TestApp::with_team(url.clone(), team.clone()), TestApp::with_team(url, format!("{team}:web")))
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_dm_to_ann_in_one_team_is_not_read_by_web_ann_in_another() {
    let (outer, inner) = colliding();
    let sent = inner.post("/agent/ann/messages", json!({"from": "bob", "message": "for ann of acme:web"})).await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    let mine: InboxResponse = inner.get("/agent/ann/messages").await.typed();
    assert_eq!(mine.messages.len(), 1);
    let other: InboxResponse = outer.get(&format!("/agent/{}/messages", "web%3Aann")).await.typed();
    assert!(other.messages.is_empty(), "read another team's DM: {:?}", other.messages);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_lock_in_one_team_is_not_held_in_another() {
    let (outer, inner) = colliding();
    let granted = inner.lock_call("x.rs", "lock", json!({"agentId": "ann"})).await;
    assert_eq!(granted.status, 200, "{:?}", granted.body);
    let other: LockStatus = outer.check("web:x.rs").await.typed();
    assert!(!other.locked, "another team's lock: {:?}", other.lock);
}
