//! What the portal's charts read: chat messages per hour from the
//! coordinator, steps and errors per hour and XP over time from an agent.

use hub_protocol::{Activity, XpHistory};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn activity_counts_messages_steps_and_errors_per_hour() {
    let app = TestApp::new();
    app.chat("ann", "one").await;
    app.chat("bob", "two").await;
    let trace = app.post("/agent/ann/trace", json!({"task": "charts"})).await;
    let sid = trace.body["trace"]["sessionId"].as_str().expect("session").to_owned();
    for outcome in ["found", "error", "error"] {
        let step = json!({"tool": "cargo", "intent": "build", "outcome": outcome, "durationMs": 100});
        assert_eq!(app.post(&format!("/agent/ann/trace/{sid}/step"), step).await.status, 200);
    }

    let chat: Activity = app.get("/coordinator/activity?days=1").await.typed();
    assert_eq!(chat.hours.iter().map(|h| h.messages).sum::<u32>(), 2, "{chat:?}");
    let ann: Activity = app.get("/agent/ann/activity?days=7").await.typed();
    assert_eq!(ann.hours.iter().map(|h| (h.steps, h.errors)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)), (3, 2));
    assert!(ann.hours.iter().all(|h| h.hour.millis() % 3_600_000 == 0), "each count starts on the hour");

    // An empty window is an empty answer, and a bad one a clear 400.
    let none: Activity = app.get("/agent/nobody/activity").await.typed();
    assert!(none.hours.is_empty());
    assert_eq!(app.get("/coordinator/activity?days=many").await.status, 400);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn xp_history_gains_a_point_per_change_of_xp() {
    let app = TestApp::new();
    assert_eq!(app.post("/agent/ann/soul", json!({"name": "Ann"})).await.status, 200);
    for xp in [50, 30] {
        let add = json!({"action": "add-xp", "xp": xp, "source": "test"}).to_string();
        assert_eq!(app.send("PATCH", "/agent/ann/soul", Some(add.as_bytes())).await.status, 200);
    }
    let h: XpHistory = app.get("/agent/ann/xp-history").await.typed();
    let totals: Vec<i64> = h.points.iter().map(|p| p.total_xp).collect();
    assert_eq!(totals, [0, 50, 80], "the new soul, then each change: {h:?}");
    assert!(h.points.windows(2).all(|w| w[0].at <= w[1].at));
}
