//! The registry of teams: every team that served a request is listed (for
//! the human only); the human creates teams; the registry's own inbox for
//! coordinators is closed to everyone else.

use std::time::Duration;

use hub_protocol::{TeamResponse, TeamsResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
async fn teams_register_themselves_and_the_human_creates_more() {
    let app = TestApp::new();
    assert_eq!(app.get("/coordinator/agents").await.status, 200);
    // The coordinator registers its team in the background.
    let mut listed = false;
    for _ in 0..40 {
        let teams: TeamsResponse = app.get("/registry/teams").await.typed();
        if teams.teams.iter().any(|t| t.name.as_str() == app.team) {
            listed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(listed, "team {} is in the registry", app.team);

    let name = format!("{}-new", app.team);
    let made: TeamResponse = app.post("/registry/teams", json!({"name": name})).await.typed();
    assert_eq!(made.team.name.as_str(), name);
    let again: TeamResponse = app.post("/registry/teams", json!({"name": name})).await.typed();
    assert_eq!(again.team.created_at, made.team.created_at, "creating twice keeps the first date");
    assert_eq!(app.post("/registry/teams", json!({"name": "a b"})).await.status, 400);

    let (ann, _) = app.as_agent("ann").await;
    assert_eq!(ann.get("/registry/teams").await.status, 403, "the list of teams is the human's");
    assert_eq!(ann.post("/registry/teams", json!({"name": "mine"})).await.status, 403);
    assert_eq!(app.post("/registry/teams/seen", json!({"name": "forged"})).await.status, 403, "coordinators only");
}
