//! Role rules beyond "act only as yourself": tasks change by their assignee,
//! their creator or the human (an agent may take an unassigned one); a peer
//! resolving an escalation is named as the caller; a level-3 escalation is
//! the human's to close; XP comes from traces or the human.

use hub_protocol::{ResolveResponse, StepResponse, TaskResponse, TraceResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn tasks_change_by_assignee_creator_or_human() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let (eve, _) = app.as_agent("eve").await;
    let mine: TaskResponse = ann.post("/coordinator/tasks", json!({"title": "ann's", "assignee": "ann"})).await.typed();
    assert_eq!(mine.task.created_by, "ann", "an agent's task is its own without saying so");
    let path = format!("/coordinator/tasks/{}", mine.task.id);
    assert_eq!(eve.patch(&path, json!({"status": "done"})).await.status, 403);
    assert_eq!(eve.patch(&path, json!({"assignee": "eve"})).await.status, 403, "not by reassigning it");
    assert_eq!(ann.patch(&path, json!({"status": "in-progress"})).await.status, 200);
    assert_eq!(app.patch(&path, json!({"assignee": "eve"})).await.status, 200, "the human may");
    let open: TaskResponse = app.post("/coordinator/tasks", json!({"title": "anyone's"})).await.typed();
    let open = format!("/coordinator/tasks/{}", open.task.id);
    assert_eq!(eve.patch(&open, json!({"assignee": "ann"})).await.status, 403, "no giving it to another");
    assert_eq!(eve.patch(&open, json!({"assignee": "eve", "status": "in-progress"})).await.status, 200);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn xp_comes_from_traces_or_the_human() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    assert_eq!(ann.post("/agent/ann/soul", json!({})).await.status, 200);
    let add = json!({"action": "add-xp", "xp": 10000, "source": "me"});
    assert_eq!(ann.patch("/agent/ann/soul", add.clone()).await.status, 403);
    assert_eq!(app.patch("/agent/ann/soul", add).await.status, 200);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn peers_are_named_and_level_three_is_the_humans() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    let trace: TraceResponse = ann.post("/agent/ann/trace", json!({"task": "flaky"})).await.typed();
    let sid = trace.trace.session_id;
    let step_path = format!("/agent/ann/trace/{sid}/step");
    let step = |body| ann.post(&step_path, body);
    step(json!({"tool": "run", "outcome": "error"})).await;
    let s: StepResponse = step(json!({"tool": "run", "outcome": "error"})).await.typed();
    let level2 = s.escalation.expect("an escalation").escalation_id;
    let resolve = format!("/agent/ann/trace/{sid}/resolve-escalation");
    let by_bob = bob.post(&resolve, json!({"escalationId": level2, "resolvedBy": "peer"})).await;
    assert_eq!(by_bob.status, 200, "{}", by_bob.body);
    let r: ResolveResponse = by_bob.typed();
    assert_eq!(r.resolution.resolver_agent.map(|a| a.to_string()).as_deref(), Some("bob"), "the caller is the peer");

    // A fresh escalation left open five steps becomes level 3.
    for _ in 0..2 {
        step(json!({"tool": "run", "outcome": "error"})).await;
    }
    let mut id = None;
    for _ in 0..8 {
        let s: StepResponse = step(json!({"tool": "read", "outcome": "found"})).await.typed();
        if let Some(e) = s.escalation.filter(|e| e.highest_level >= 3) {
            id = Some(e.escalation_id);
            break;
        }
    }
    let Some(level3) = id else { panic!("no level-3 escalation") };
    for (who, by) in [(&ann, "self"), (&bob, "peer")] {
        let res = who.post(&resolve, json!({"escalationId": level3, "resolvedBy": by})).await;
        assert_eq!(res.status, 403, "{by}: {}", res.body);
    }
    assert_eq!(app.post(&resolve, json!({"escalationId": level3, "resolvedBy": "human"})).await.status, 200);
}
