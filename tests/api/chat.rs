use hub_protocol::{AuthorType, ChatResponse, PostChatResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn post_and_read_in_order_with_limit_and_since() {
    let app = TestApp::new();
    for i in 0..5 {
        let res = app.chat("ann", &format!("message {i}")).await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let all: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(all.count, 5);
    let texts: Vec<_> = all.messages.iter().map(|m| m.message.as_str()).collect();
    assert_eq!(texts, ["message 0", "message 1", "message 2", "message 3", "message 4"]);

    let last2: ChatResponse = app.get("/coordinator/chat?limit=2").await.typed();
    assert_eq!(last2.messages.iter().map(|m| m.message.as_str()).collect::<Vec<_>>(), ["message 3", "message 4"]);

    let since = all.messages[2].timestamp.to_iso();
    let newer: ChatResponse = app.get(&format!("/coordinator/chat?since={since}")).await.typed();
    assert!(newer.messages.iter().all(|m| m.timestamp > all.messages[2].timestamp));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn human_author_type_is_kept() {
    let app = TestApp::new();
    let res: PostChatResponse = app
        .post("/coordinator/chat", json!({"author": "alice", "message": "hello team", "authorType": "human"}))
        .await
        .typed();
    assert_eq!(res.message.author_type, AuthorType::Human);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn mentions_are_pending_once_then_cleared() {
    let app = TestApp::new();
    app.register("bob").await;
    app.chat("ann", "@bob can you review?").await;
    app.chat("ann", "@all standup in 5").await;
    app.chat("ann", "@bobby is someone else").await;
    app.chat("bob", "@all my own message").await;

    let first: ChatResponse = app.get("/coordinator/chat?agentId=bob").await.typed();
    assert_eq!(first.pending_count, Some(2), "{:?}", first.pending_mentions);
    assert!(first.hint.is_some());

    let second: ChatResponse = app.get("/coordinator/chat?agentId=bob").await.typed();
    assert_eq!(second.pending_count, Some(0), "reading moved the cursor");

    app.chat("ann", "@bob one more").await;
    let inbox: ChatResponse = app.get("/coordinator/chat?agentId=bob&inbox=true").await.typed();
    assert_eq!(inbox.is_inbox, Some(true));
    assert_eq!(inbox.count, 1);
    assert_eq!(inbox.messages[0].message, "@bob one more");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_heartbeat_does_not_swallow_mentions() {
    let app = TestApp::new();
    app.register("bob").await;
    app.chat("ann", "@bob ping").await;
    // Re-registering (a heartbeat) moved last_seen; the original lost the mention here.
    app.register("bob").await;
    let res: ChatResponse = app.get("/coordinator/chat?agentId=bob").await.typed();
    assert_eq!(res.pending_count, Some(1));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn lists_read_again_follow_every_write() {
    let app = TestApp::new();
    let chat = || async { app.get("/coordinator/chat").await.typed::<ChatResponse>().messages.len() };
    let tasks = || async { app.get("/coordinator/tasks").await.body["tasks"].clone() };
    // Each read twice: the second answer is the one the coordinator kept.
    assert_eq!((chat().await, chat().await), (0, 0));
    app.chat("ann", "one").await;
    assert_eq!(chat().await, 1, "a post shows at once");
    assert_eq!((tasks().await, tasks().await), (json!([]), json!([])));
    let task = app.post("/coordinator/tasks", json!({"title": "ship it"})).await;
    let id = task.body["task"]["id"].as_str().expect("id").to_owned();
    assert_eq!(tasks().await[0]["status"], "todo");
    app.patch(&format!("/coordinator/tasks/{id}"), json!({"status": "in-progress"})).await;
    assert_eq!(tasks().await[0]["status"], "in-progress", "and so does an update");
}
