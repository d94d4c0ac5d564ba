//! Behaviour of the runtime itself: data on disk survives a restart of
//! `wrangler dev`, and presence times out. These start their own hub.

use std::time::Duration;

use hub_protocol::{AgentsResponse, CheckpointResponse, InboxResponse, ChatResponse, LockHistory, LockStatus, LocksResponse, TasksResponse};
use hub_tests::{OwnHub, TestApp};
use serde_json::json;

#[tokio::test]
async fn data_survives_a_restart_and_presence_times_out() {
    let mut hub = OwnHub::start("restart", 8790, &[("PRESENCE_OFFLINE_AFTER_SECS", "2")]).await;
    let app = TestApp::on(hub.url());
    app.post("/coordinator/agents", json!({"agentId": "ann", "workingOn": "persistence"})).await;
    app.chat("ann", "before restart").await;
    app.create_task(json!({"title": "survive"})).await;
    app.lock_call("src/kept.rs", "lock", json!({"agentId": "ann", "ttlMs": 600_000})).await;
    app.lock_call("src/kept.rs", "lock", json!({"agentId": "bob", "wait": true})).await;

    app.post("/agent/ann/checkpoint", json!({"conversationSummary": "kept", "pendingWork": ["x"]})).await;
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "still there?"})).await;

    hub.restart().await;

    let cp: CheckpointResponse = app.get("/agent/ann/checkpoint").await.typed();
    assert_eq!(cp.checkpoint.unwrap().conversation_summary.as_deref(), Some("kept"));
    let inbox: InboxResponse = app.get("/agent/ann/messages?unread=true").await.typed();
    assert_eq!(inbox.messages.len(), 1);

    let kept: LockStatus = app.check("src/kept.rs").await.typed();
    assert_eq!(kept.lock.map(|l| l.locked_by.to_string()).as_deref(), Some("ann"));
    assert_eq!(kept.queue.len(), 1);
    let history: LockHistory = app.history("src/kept.rs").await.typed();
    assert_eq!(history.history.len(), 1);
    let index: LocksResponse = app.get("/coordinator/locks").await.typed();
    assert_eq!(index.locks.len(), 1);

    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(chat.messages.len(), 1);
    assert_eq!(chat.messages[0].message, "before restart");
    let tasks: TasksResponse = app.get("/coordinator/tasks").await.typed();
    assert_eq!(tasks.tasks[0].title, "survive");
    let all: AgentsResponse = app.get("/coordinator/agents?includeOffline=true").await.typed();
    assert_eq!(all.agents[0].working_on.as_deref(), Some("persistence"));

    // Not seen for more than 2 s, no socket: offline without any close.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let online: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert!(online.agents.is_empty(), "{:?}", online.agents);
    app.register("ann").await;
    let online: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert_eq!(online.agents.len(), 1);
}
