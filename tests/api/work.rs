use hub_protocol::WorkBundle;
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn hot_start_bundle() {
    let app = TestApp::new();
    app.register("ann").await;
    app.create_task(json!({"title": "todo one"})).await;
    app.create_task(json!({"title": "mine", "assignee": "bob", "status": "in-progress"})).await;
    app.chat("ann", "@bob welcome").await;

    let res = app.get("/coordinator/work?agentId=bob").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let w: WorkBundle = res.typed();
    assert_eq!(w.agent_id.as_str(), "bob");
    assert_eq!(w.summary.todo_tasks, 1);
    assert_eq!(w.summary.in_progress_tasks, 1);
    assert_eq!(w.tasks.mine[0].title, "mine");
    assert_eq!(w.recent_chat.len(), 1);
    assert!(w.team.iter().any(|a| a.agent_id.as_str() == "bob"), "hot start marks the agent active");
    assert!(w.team.iter().any(|a| a.agent_id.as_str() == "ann"));
    // bob was unknown, so every mention counts until its first read.
    assert_eq!(w.summary.pending_mentions, 1);
    assert_eq!(w.inbox.map(|i| i.count), Some(1));

    let again: WorkBundle = app.get("/coordinator/work?agentId=bob").await.typed();
    assert_eq!(again.summary.pending_mentions, 0);

    // The open tasks are kept between bundles, and follow every task write.
    let id = w.tasks.mine[0].id.clone();
    app.patch(&format!("/coordinator/tasks/{id}"), json!({"status": "done"})).await;
    app.create_task(json!({"title": "todo two"})).await;
    let later: WorkBundle = app.get("/coordinator/work?agentId=bob").await.typed();
    assert_eq!((later.summary.todo_tasks, later.tasks.mine.len()), (2, 0), "done is gone, the new one is there");

    // And the agent's own part (checkpoint, unread DMs) follows its writes.
    app.post("/agent/bob/checkpoint", json!({"conversationSummary": "where I stopped"})).await;
    app.post("/agent/bob/messages", json!({"from": "ann", "message": "ping"})).await;
    let resumed: WorkBundle = app.get("/coordinator/work?agentId=bob").await.typed();
    let summary = resumed.checkpoint.and_then(|c| c.conversation_summary);
    assert_eq!((summary.as_deref(), resumed.unread_dms), (Some("where I stopped"), Some(1)));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_mention_between_two_quick_polls_is_delivered_once() {
    let app = TestApp::new();
    app.get("/coordinator/work?agentId=bob").await;
    // Polls within the second store nothing, but a message since the
    // cursor still moves it.
    let quiet: WorkBundle = app.get("/coordinator/work?agentId=bob").await.typed();
    assert_eq!(quiet.summary.pending_mentions, 0);
    app.chat("ann", "@bob look").await;
    let told: WorkBundle = app.get("/coordinator/work?agentId=bob").await.typed();
    assert_eq!(told.summary.pending_mentions, 1);
    let after: WorkBundle = app.get("/coordinator/work?agentId=bob").await.typed();
    assert_eq!(after.summary.pending_mentions, 0);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn work_needs_an_agent_id() {
    let app = TestApp::new();
    let res = app.get("/coordinator/work").await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("agentId"));
}
