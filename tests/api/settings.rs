//! A team's settings: defaults from the deployment, changed by humans with
//! `PATCH /coordinator/settings`, bounded, recorded with who and when.

use hub_protocol::SettingsResponse;
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn humans_change_a_teams_settings_within_bounds() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let start: SettingsResponse = ann.get("/coordinator/settings").await.typed();
    assert_eq!(start.settings, start.defaults, "a new team runs on the deployment's defaults");
    assert_eq!(start.updated_by, None);

    let refused = ann.patch("/coordinator/settings", json!({"inProgressPerAgent": 9})).await;
    assert_eq!(refused.status, 403, "an agent does not change them: {}", refused.body);

    let set = app.patch("/coordinator/settings", json!({"inProgressPerAgent": 1, "notDeliveredAfterSecs": 30})).await;
    assert_eq!(set.status, 200, "{}", set.body);
    let set: SettingsResponse = set.typed();
    assert_eq!((set.settings.in_progress_per_agent, set.settings.not_delivered_after_secs), (1, 30));
    assert_eq!(set.settings.reescalate_times, start.defaults.reescalate_times, "the rest stays");
    assert_eq!(set.updated_by.map(|h| h.to_string()).as_deref(), Some("human"));
    assert!(set.updated_at.is_some());

    // One value out of bounds: a 400 naming it, and nothing changes.
    let bad = app.patch("/coordinator/settings", json!({"inProgressPerAgent": 2, "notDeliveredAfterSecs": 0})).await;
    assert_eq!(bad.status, 400);
    assert!(bad.error().contains("notDeliveredAfterSecs"), "{}", bad.body);
    let unknown = app.patch("/coordinator/settings", json!({"inProgress": 2})).await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    let now: SettingsResponse = ann.get("/coordinator/settings").await.typed();
    assert_eq!(now.settings, set.settings);

    // `null`: back to the deployment's default.
    let reset: SettingsResponse =
        app.patch("/coordinator/settings", json!({"notDeliveredAfterSecs": null})).await.typed();
    assert_eq!(reset.settings.not_delivered_after_secs, start.defaults.not_delivered_after_secs);
    assert_eq!(reset.settings.in_progress_per_agent, 1);
    assert_eq!(app.post("/coordinator/settings", json!({})).await.status, 405);
}
