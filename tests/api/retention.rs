//! Growth is bounded: chat, DMs, memories, traces and steps keep what the
//! hub's limits say (here set small on a hub of their own), and every list
//! that can grow pages back with `before`.

use hub_protocol::{ChatResponse, InboxResponse, MemoriesResponse, TracesResponse};
use hub_tests::{OwnHub, TestApp};
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn history_is_bounded_and_pages_back() {
    let hub = OwnHub::start(
        "retention",
        8786,
        &[
            ("HUB_KEEP_CHAT", "5"),
            ("HUB_KEEP_DMS", "3"),
            ("HUB_KEEP_MEMORIES", "3"),
            ("HUB_KEEP_TRACES", "2"),
            ("HUB_STEPS_PER_TRACE", "3"),
            ("HUB_WRITE_BURST", "0"),
        ],
    )
    .await;
    let app = TestApp::on(hub.url());

    for i in 0..8 {
        assert_eq!(app.chat("ann", &format!("message {i}")).await.status, 200);
    }
    let chat: ChatResponse = app.get("/coordinator/chat?limit=200").await.typed();
    let texts: Vec<&str> = chat.messages.iter().map(|m| m.message.as_str()).collect();
    assert_eq!(texts, ["message 3", "message 4", "message 5", "message 6", "message 7"], "the newest five");
    let page: ChatResponse =
        app.get(&format!("/coordinator/chat?limit=2&before={}", chat.messages[2].id)).await.typed();
    let texts: Vec<&str> = page.messages.iter().map(|m| m.message.as_str()).collect();
    assert_eq!(texts, ["message 3", "message 4"], "a page back, in order");
    let found = app.get("/coordinator/search?q=message").await;
    assert_eq!(found.body["hits"].as_array().map(Vec::len), Some(5), "pruned messages leave the search index too");

    for i in 0..5 {
        app.post("/agent/bob/messages", json!({"from": "ann", "message": format!("dm {i}")})).await;
        app.post("/agent/bob/memory", json!({"category": "learning", "content": format!("memory {i}")})).await;
    }
    let dms: InboxResponse = app.get("/agent/bob/messages").await.typed();
    assert_eq!(dms.messages.iter().map(|m| m.message.as_str()).collect::<Vec<_>>(), ["dm 2", "dm 3", "dm 4"]);
    let older: InboxResponse =
        app.get(&format!("/agent/bob/messages?limit=1&before={}", dms.messages[1].id)).await.typed();
    assert_eq!(older.messages[0].message, "dm 2");
    let state = app.get("/agent/bob/state").await;
    assert_eq!(state.body["unreadCount"], 3);
    let memories: MemoriesResponse = app.get("/agent/bob/memory").await.typed();
    assert_eq!(
        memories.memories.iter().map(|m| m.content.as_str()).collect::<Vec<_>>(),
        ["memory 4", "memory 3", "memory 2"]
    );
    let page: MemoriesResponse =
        app.get(&format!("/agent/bob/memory?limit=1&before={}", memories.memories[0].id)).await.typed();
    assert_eq!(page.memories[0].content, "memory 3");

    let mut sessions = Vec::new();
    for i in 0..3 {
        let t = app.post("/agent/bob/trace", json!({"task": format!("task {i}")})).await;
        sessions.push(t.body["trace"]["sessionId"].as_str().expect("session").to_owned());
    }
    let traces: TracesResponse = app.get("/agent/bob/trace").await.typed();
    assert_eq!(traces.traces.len(), 2, "the oldest trace went");
    assert_eq!(app.get(&format!("/agent/bob/trace/{}", sessions[0])).await.status, 404);
    let step = json!({"tool": "grep", "outcome": "found"});
    for _ in 0..3 {
        assert_eq!(app.post(&format!("/agent/bob/trace/{}/step", sessions[2]), step.clone()).await.status, 200);
    }
    let fourth = app.post(&format!("/agent/bob/trace/{}/step", sessions[2]), step).await;
    assert_eq!(fourth.status, 409);
    assert!(fourth.error().contains("complete it and start another"), "{}", fourth.body);
}
