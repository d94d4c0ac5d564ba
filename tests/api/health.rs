use hub_protocol::Health;
use hub_tests::TestApp;

#[tokio::test]
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
