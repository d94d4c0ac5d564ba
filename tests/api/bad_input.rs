//! Bad input gets a 4xx JSON error that says what is wrong, and stores nothing.

use hub_protocol::{AgentsResponse, ChatResponse, TasksResponse, MAX_BODY_BYTES};
use hub_tests::TestApp;
use serde_json::json;

async fn nothing_stored(app: &TestApp) {
    let agents: AgentsResponse = app.get("/coordinator/agents?includeOffline=true").await.typed();
    assert!(agents.agents.is_empty(), "{:?}", agents.agents);
    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert!(chat.messages.is_empty());
    let tasks: TasksResponse = app.get("/coordinator/tasks").await.typed();
    assert!(tasks.tasks.is_empty());
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn malformed_bodies_are_400_with_words() {
    let app = TestApp::new();
    let cases: &[(&str, &[u8], &str)] = &[
        ("/coordinator/agents", b"{not json", "not valid JSON"),
        ("/coordinator/agents", b"", "empty"),
        ("/coordinator/agents", b"[]", "Invalid"),
        ("/coordinator/agents", br#"{"status":"active"}"#, "agentId"),
        ("/coordinator/agents", br#"{"agentId":""}"#, "agentId"),
        ("/coordinator/agents", br#"{"agentId":"a b"}"#, "agentId"),
        ("/coordinator/agents", br#"{"agentId":"a","status":"sleeping"}"#, "active"),
        ("/coordinator/agents", br#"{"agentId":"a","capabilities":"rust"}"#, "capabilities"),
        ("/coordinator/chat", br#"{"author":"a"}"#, "message"),
        ("/coordinator/chat", br#"{"author":"a","message":"   "}"#, "message"),
        ("/coordinator/chat", br#"{"author":"a","message":42}"#, "message"),
        ("/coordinator/tasks", br#"{"title":""}"#, "title"),
        ("/coordinator/tasks", br#"{"priority":"asap"}"#, "urgent"),
        // Every JSON endpoint alike, the soul's too (the fuzz test found it
        // creating a default soul from an empty body).
        ("/agent/nobody/soul", b"", "empty"),
        ("/agent/nobody/soul", b"  ", "empty"),
    ];
    for (path, body, needle) in cases {
        let res = app.send("POST", path, Some(body)).await;
        assert_eq!(res.status, 400, "{path} {}: {}", String::from_utf8_lossy(body), res.body);
        assert!(
            res.error().contains(needle),
            "{path} {} → {:?} should mention {needle}",
            String::from_utf8_lossy(body),
            res.error()
        );
    }
    nothing_stored(&app).await;
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn oversized_strings_and_bodies() {
    let app = TestApp::new();
    let long = "x".repeat(10_000);
    let res = app.post("/coordinator/chat", json!({"author": "a", "message": long})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("at most"));
    let huge = format!(r#"{{"author":"a","message":"{}"}}"#, "y".repeat(MAX_BODY_BYTES + 1));
    let res = app.send("POST", "/coordinator/chat", Some(huge.as_bytes())).await;
    assert_eq!(res.status, 413);
    assert_eq!(res.body["limit"], MAX_BODY_BYTES);
    nothing_stored(&app).await;
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn unknown_routes_and_methods() {
    let app = TestApp::new();
    let res = app.get("/coordinator/nope").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.body["path"], "/coordinator/nope");
    let res = app.get("/definitely/not/here").await;
    assert_eq!(res.status, 404);
    let res = app.send("DELETE", "/coordinator/agents", None).await;
    assert_eq!(res.status, 405);
    assert_eq!(res.body["allowed"], json!(["GET", "POST"]));
    let res = app.send("PUT", "/coordinator/tasks/task-1", Some(b"{}")).await;
    assert_eq!(res.status, 405);
    let res = app.get("/coordinator/chat?limit=lots").await;
    assert_eq!(res.status, 400);
    let res = app.get("/agent/bad%20id/state").await;
    assert_eq!(res.status, 400);
    let odd_team = TestApp::with_team(app.url.clone(), "bad team".into()).uncreated();
    let res = odd_team.get("/coordinator/agents").await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("team"));
}
