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
