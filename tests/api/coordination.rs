//! Zones, claims, handoffs and the session-resume bundle.

use hub_protocol::{
    ClaimsResponse, Event, HandoffResult, HandoffStatus, HandoffsResponse, SessionResumeResponse, TaskUpdate,
    ZonesResponse,
};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn zones_are_segment_aware_and_conflicts_are_409() {
    let app = TestApp::new();
    let claim =
        |id: &str, path: &str, owner: &str| json!({"action": "claim", "zoneId": id, "path": path, "owner": owner});
    assert_eq!(app.post("/coordinator/zones", claim("z1", "src/a", "ann")).await.status, 200);
    // src/ab is not inside src/a.
    assert_eq!(app.post("/coordinator/zones", claim("z2", "src/ab", "bob")).await.status, 200);
    let res = app.post("/coordinator/zones", claim("z3", "src/a/deep", "bob")).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.error().contains("ann"));
    let res = app.post("/coordinator/zones", claim("z1", "elsewhere", "bob")).await;
    assert_eq!(res.status, 409, "a zone id is not taken over silently");

    let covering: ZonesResponse = app.get("/coordinator/zones?path=src/a/x.rs").await.typed();
    assert_eq!(covering.zone.flatten().map(|z| z.zone_id).as_deref(), Some("z1"));
    let none = app.get("/coordinator/zones?path=src/abc").await;
    assert_eq!(none.body, json!({"zone": null}));
    let bobs: ZonesResponse = app.get("/coordinator/zones?owner=bob").await.typed();
    assert_eq!(bobs.zones.unwrap().len(), 1);

    let res = app.post("/coordinator/zones", json!({"action": "release", "zoneId": "z1", "owner": "bob"})).await;
    assert_eq!(res.body["success"], false, "only the owner releases");
    let res = app.post("/coordinator/zones", json!({"action": "release", "zoneId": "z1", "owner": "ann"})).await;
    assert_eq!(res.body["success"], true);
    assert_eq!(app.post("/coordinator/zones", claim("z3", "src/a/deep", "bob")).await.status, 200);
    let res = app.post("/coordinator/zones", json!({"action": "grab", "zoneId": "z9"})).await;
    assert_eq!(res.status, 400);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn claims_conflict_while_live() {
    let app = TestApp::new();
    let res = app.post("/coordinator/claims", json!({"action": "claim", "what": "auth refactor", "by": "ann"})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = app.post("/coordinator/claims", json!({"action": "claim", "what": "auth refactor", "by": "bob"})).await;
    assert_eq!(res.status, 409);
    assert!(res.error().contains("Already claimed by ann"));
    let one: ClaimsResponse = app.get("/coordinator/claims?what=auth%20refactor").await.typed();
    let claim = one.claim.flatten().unwrap();
    assert_eq!((claim.by.as_str(), claim.stale), ("ann", false));
    let all: ClaimsResponse = app.get("/coordinator/claims").await.typed();
    assert_eq!(all.claims.unwrap().len(), 1);
    app.post("/coordinator/claims", json!({"action": "release", "what": "auth refactor", "by": "ann"})).await;
    let res = app.post("/coordinator/claims", json!({"action": "claim", "what": "auth refactor", "by": "bob"})).await;
    assert_eq!(res.status, 200);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn handoff_lifecycle_is_broadcast() {
    let app = TestApp::new();
    let mut socket = app.connect(None).await;
    socket.next().await;
    let created: HandoffResult = app
        .post(
            "/coordinator/handoffs",
            json!({"fromAgent": "ann", "title": "finish parser", "context": "half done", "nextSteps": ["tests"]}),
        )
        .await
        .typed();
    let id = created.handoff.id.clone();
    assert_eq!(created.handoff.status, HandoffStatus::Pending);
    for action in ["handoff-created"] {
        socket.until(|e| matches!(&e.event, Event::TaskUpdate(TaskUpdate::Handoff(h)) if h.action == action)).await;
    }
    let res = app.post("/coordinator/handoffs", json!({"action": "complete", "handoffId": id, "agentId": "bob"})).await;
    assert_eq!(res.status, 400, "pending cannot complete");
    let claimed: HandoffResult =
        app.post("/coordinator/handoffs", json!({"action": "claim", "handoffId": id, "agentId": "bob"})).await.typed();
    assert_eq!(claimed.handoff.claimed_by.as_ref().map(hub_protocol::AgentId::as_str), Some("bob"));
    let res = app.post("/coordinator/handoffs", json!({"action": "claim", "handoffId": id, "agentId": "cat"})).await;
    assert_eq!(res.status, 409);
    let done: HandoffResult = app
        .post("/coordinator/handoffs", json!({"action": "complete", "handoffId": id, "agentId": "bob"}))
        .await
        .typed();
    assert_eq!(done.handoff.status, HandoffStatus::Completed);
    socket
        .until(|e| matches!(&e.event, Event::TaskUpdate(TaskUpdate::Handoff(h)) if h.action == "handoff-completed"))
        .await;

    let targeted: HandoffResult = app
        .post("/coordinator/handoffs", json!({"fromAgent": "ann", "toAgent": "dan", "title": "t", "context": "c"}))
        .await
        .typed();
    let res = app
        .post("/coordinator/handoffs", json!({"action": "claim", "handoffId": targeted.handoff.id, "agentId": "bob"}))
        .await;
    assert_eq!(res.status, 409);
    let for_dan: HandoffsResponse = app.get("/coordinator/handoffs?toAgent=dan&status=pending").await.typed();
    assert_eq!(for_dan.handoffs.unwrap().len(), 1);
    let res = app.get("/coordinator/handoffs?id=handoff-nope").await;
    assert_eq!(res.status, 404);
    let res = app.post("/coordinator/handoffs", json!({"fromAgent": "ann", "title": "no context"})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("context"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn session_resume_counts_match_the_api() {
    let app = TestApp::new();
    let empty: SessionResumeResponse = app.get("/coordinator/session-resume").await.typed();
    assert_eq!(empty.session_resume.summary_text, "No recent activity");

    app.register("ann").await;
    app.chat("ann", "✅ shipped the parser").await;
    app.chat("bob", "fixed the flaky test").await;
    app.chat("ann", "lunch").await;
    app.create_task(json!({"title": "wip", "status": "in-progress", "assignee": "ann"})).await;
    app.post("/coordinator/handoffs", json!({"fromAgent": "ann", "title": "docs", "context": "write them"})).await;
    app.lock("src/lib.rs", "ann").await;

    let r: SessionResumeResponse = app
        .eventually("/coordinator/session-resume", |b| {
            b["sessionResume"]["heldLocks"].as_array().is_some_and(|l| !l.is_empty())
        })
        .await
        .typed();
    let r = r.session_resume;
    assert_eq!(r.participants[0].author, "ann");
    assert_eq!(r.participants[0].message_count, 2);
    assert_eq!(r.accomplishments.len(), 2);
    assert_eq!(r.pending.handoffs.len(), 1);
    assert_eq!(r.pending.tasks.len(), 1);
    assert_eq!(r.held_locks.len(), 1);
    assert_eq!(r.session.message_count, 3);
    assert_eq!(r.quick_actions[0].action, "review_handoffs");
    assert_eq!(
        r.summary_text,
        "1 agent active • 2 things shipped • 1 handoff pending • 1 task in progress • 1 lock held"
    );
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_pending_handoff_is_routed_by_its_author_or_a_human() {
    let app = TestApp::new();
    let created: HandoffResult = app
        .post("/coordinator/handoffs", json!({"fromAgent": "ann", "toAgent": "bob", "title": "t", "context": "c"}))
        .await
        .typed();
    let id = created.handoff.id.clone();
    let route = |by: &str, to: &str| json!({"action": "route", "handoffId": id, "agentId": by, "toAgent": to});
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;

    let res = bob.post("/coordinator/handoffs", route("bob", "cy")).await;
    assert_eq!(res.status, 400, "only its author or a human routes it: {}", res.body);
    let routed: HandoffResult = ann.post("/coordinator/handoffs", route("ann", "cy")).await.typed();
    assert_eq!(routed.handoff.to_agent.as_ref().map(hub_protocol::AgentId::as_str), Some("cy"));
    let routed: HandoffResult = app.post("/coordinator/handoffs", route("human", "dan")).await.typed();
    assert_eq!(routed.handoff.to_agent.as_ref().map(hub_protocol::AgentId::as_str), Some("dan"));
    assert_eq!(app.post("/coordinator/handoffs", route("human", "ann")).await.status, 400, "not back to its author");

    let claim = json!({"action": "claim", "handoffId": id, "agentId": "dan"});
    assert_eq!(app.post("/coordinator/handoffs", claim).await.status, 200);
    assert_eq!(app.post("/coordinator/handoffs", route("ann", "cy")).await.status, 409, "claimed: no more routing");
}
