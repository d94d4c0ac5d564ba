use hub_protocol::Health;
use hub_tests::TestApp;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn health_names_the_three_objects() {
    let app = TestApp::new();
    let res = app.get("/health").await;
    assert_eq!(res.status, 200);
    let h: Health = res.typed();
    assert_eq!(h.status, "ok");
    assert_eq!(h.durable_objects, ["AgentCoordinator", "AgentState", "ResourceLock"]);
}

/// API answers are private to their caller: no cache may keep them. The
/// portal's static files are the exception (revalidated, never stale).
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn api_answers_are_not_cached_and_files_are_typed() {
    let app = TestApp::new();
    let http = reqwest::Client::new();
    let inbox =
        http.get(format!("{}/agent/ann/messages", app.url)).bearer_auth(hub_tests::admin_token()).send().await.unwrap();
    assert_eq!(inbox.headers()["cache-control"], "no-store");
    assert_eq!(inbox.headers()["x-content-type-options"], "nosniff");
    for (file, kind) in [("/pkg/hub.wasm", "application/wasm"), ("/pkg/hub.css", "text/css; charset=utf-8")] {
        let res = http.get(format!("{}{file}", app.url)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{file}");
        assert_eq!(res.headers()["content-type"], kind);
        assert_eq!(res.headers()["cache-control"], "no-cache");
    }
}

/// Every kind of answer carries the hardening headers: the Worker's own,
/// an object's passed on untouched, errors, the MCP endpoint's, charts.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn every_kind_of_answer_is_hardened() {
    let app = TestApp::new();
    let http = reqwest::Client::new();
    let token = hub_tests::admin_token();
    let minted = app.post("/coordinator/tokens", serde_json::json!({"agentId": "ann"})).await;
    let agent_token = minted.body["token"].as_str().expect("token").to_owned();
    let mcp = serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}});
    let answers = [
        http.get(format!("{}/health", app.url)),
        http.get(format!("{}/coordinator/tasks", app.url)).bearer_auth(&token),
        http.get(format!("{}/coordinator/nowhere", app.url)).bearer_auth(&token),
        http.get(format!("{}/coordinator/tasks", app.url)),
        http.post(format!("{}/mcp", app.url))
            .bearer_auth(&agent_token)
            .header("accept", "application/json, text/event-stream")
            .json(&mcp),
        http.get(format!("{}/charts/activity", app.url)).bearer_auth(&token),
    ];
    for req in answers {
        let res = req.send().await.unwrap();
        let what = format!("{} {}", res.url().path(), res.status());
        assert!(res.status() != 403, "{what}: a real answer, not a refusal");
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "same-origin"),
            ("strict-transport-security", "max-age=31536000"),
            ("cache-control", "no-store"),
        ] {
            assert_eq!(res.headers().get(name).and_then(|v| v.to_str().ok()), Some(value), "{name} on {what}");
        }
    }
}
