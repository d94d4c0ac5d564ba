//! The registry of teams: teams exist once a human creates them (or a join
//! with the team's secret does), and are listed for the human only; the
//! registry's own inbox for coordinators is closed to everyone else.

use hub_protocol::{TeamResponse, TeamsResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn teams_exist_only_once_created_and_the_human_creates_them() {
    // A team nobody created answers 404 to everyone, and appears nowhere.
    let app = TestApp::new().uncreated();
    let nobody = app.get("/coordinator/agents").await;
    assert_eq!(nobody.status, 404, "{}", nobody.body);
    assert!(nobody.error().contains("POST /registry/teams"), "says how to create it: {}", nobody.body);
    assert_eq!(app.post("/coordinator/chat", json!({"author": "human", "message": "x"})).await.status, 404);
    let teams: TeamsResponse = app.get("/registry/teams").await.typed();
    assert!(!teams.teams.iter().any(|t| t.name.as_str() == app.team), "not created by asking");
    assert!(teams.teams.iter().any(|t| t.name.as_str() == "main"), "main always exists");
    app.create_team().await;
    assert_eq!(app.get("/coordinator/agents").await.status, 200);
    let teams: TeamsResponse = app.get("/registry/teams").await.typed();
    assert!(teams.teams.iter().any(|t| t.name.as_str() == app.team), "team {} is in the registry", app.team);

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
