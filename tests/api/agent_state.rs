//! `/agent/{id}/*`: checkpoint, inbox, memory, traces, escalations, soul,
//! dashboard, the agent socket, and onboarding.

use std::time::Duration;

use hub_protocol::{
    AgentEvent, AgentStateView, CheckpointResponse, DashboardResponse, EscalationsIndex, EscalationsResponse,
    FlowState, HeartbeatStatus, InboxResponse, Level, MemoriesResponse, OnboardResponse, ResolveResponse, SoulResponse,
    SoulUpdate, StepResponse, TraceResponse, TracesResponse, TriggerType, WorkBundle,
};
use hub_tests::TestApp;
use serde_json::{json, Value};

async fn start_trace(app: &TestApp, agent: &str, task: &str) -> String {
    let res = app.post(&format!("/agent/{agent}/trace"), json!({"task": task})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.typed::<TraceResponse>().trace.session_id
}

async fn step(app: &TestApp, agent: &str, sid: &str, body: Value) -> StepResponse {
    let res = app.post(&format!("/agent/{agent}/trace/{sid}/step"), body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.typed()
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn checkpoint_keeps_absent_fields() {
    let app = TestApp::new();
    let empty: CheckpointResponse = app.get("/agent/ann/checkpoint").await.typed();
    assert!(empty.checkpoint.is_none());
    let res = app
        .post(
            "/agent/ann/checkpoint",
            json!({"conversationSummary": "parser half done", "pendingWork": ["tests"], "filesEdited": ["a.rs"]}),
        )
        .await;
    assert_eq!(res.body["success"], true);
    app.post("/agent/ann/checkpoint", json!({"accomplishments": ["lexer"]})).await;
    let c = app.get("/agent/ann/checkpoint").await.typed::<CheckpointResponse>().checkpoint.unwrap();
    assert_eq!(c.pending_work, ["tests"], "the original wiped absent lists");
    assert_eq!(c.files_edited, ["a.rs"]);
    assert_eq!(c.accomplishments, ["lexer"]);
    let res = app.post("/agent/ann/checkpoint", json!({"pendingWork": "not a list"})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("pendingWork"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn inbox_reading_does_not_mark_read() {
    let app = TestApp::new();
    let sent =
        app.post("/agent/bob/messages", json!({"from": "ann", "message": "review please", "type": "handoff"})).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let id = sent.body["message"]["id"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        let unread: InboxResponse = app.get("/agent/bob/messages?unread=true").await.typed();
        assert_eq!(unread.messages.len(), 1);
    }
    let res = app.patch("/agent/bob/messages", json!({"messageIds": [id]})).await;
    assert_eq!(res.body["marked"], 1);
    let unread: InboxResponse = app.get("/agent/bob/messages?unread=true").await.typed();
    assert!(unread.messages.is_empty());
    let all: InboxResponse = app.get("/agent/bob/messages").await.typed();
    assert!(all.messages[0].read);
    let state: AgentStateView = app.get("/agent/bob/state").await.typed();
    assert_eq!(state.unread_count, 0);
    let res = app.post("/agent/bob/messages", json!({"from": "ann"})).await;
    assert_eq!(res.status, 400);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_state_view_follows_every_write() {
    let app = TestApp::new();
    let view = || async { app.get("/agent/cy/state").await.typed::<AgentStateView>() };
    // Read twice: the second answer is the one the object kept.
    assert_eq!(view().await.unread_count, 0);
    assert_eq!(view().await.unread_count, 0);
    app.post("/agent/cy/messages", json!({"from": "ann", "message": "hi"})).await;
    assert_eq!(view().await.unread_count, 1, "a DM shows at once");
    app.post("/agent/cy/checkpoint", json!({"conversationSummary": "half done"})).await;
    let state = view().await;
    assert_eq!(state.checkpoint.map(|c| c.conversation_summary), Some(Some("half done".to_owned())));
    app.post("/agent/cy/memory", json!({"category": "learning", "content": "kept"})).await;
    assert_eq!(view().await.recent_memories.len(), 1, "and a memory");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn dm_is_pushed_to_the_agent_socket() {
    let app = TestApp::new();
    let mut ws = app.connect_agent("bob").await;
    ws.until_agent(|e| matches!(e, AgentEvent::StateSync(_))).await;
    app.post("/agent/bob/messages", json!({"from": "ann", "message": "ping"})).await;
    let e = ws.until_agent(|e| matches!(e, AgentEvent::Chat(_))).await;
    let AgentEvent::Chat(dm) = e else { unreachable!() };
    assert_eq!((dm.from.as_str(), dm.message.as_str()), ("ann", "ping"));
    ws.send_json(json!({"type": "checkpoint-save", "payload": {"conversationSummary": "via ws"}})).await;
    ws.until_agent(|e| matches!(e, AgentEvent::CheckpointSaved(_))).await;
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn push_reaches_a_socket_after_the_object_hibernated() {
    let app = TestApp::new();
    let mut ws = app.connect_agent("sleepy").await;
    ws.until_agent(|e| matches!(e, AgentEvent::StateSync(_))).await;
    // Idle well past workerd's eviction delay for hibernatable objects (10 s).
    tokio::time::sleep(Duration::from_secs(15)).await;
    app.post("/agent/sleepy/messages", json!({"from": "ann", "message": "wake up"})).await;
    let e = ws.until_agent(|e| matches!(e, AgentEvent::Chat(_))).await;
    let AgentEvent::Chat(dm) = e else { unreachable!() };
    assert_eq!(dm.message, "wake up");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn memory_search_by_text_and_category() {
    let app = TestApp::new();
    app.post("/agent/ann/memory", json!({"category": "decision", "content": "Use SQLite in DOs", "tags": ["storage"]}))
        .await;
    app.post("/agent/ann/memory", json!({"content": "100% of tests pass", "tags": ["ci"]})).await;
    let all: MemoriesResponse = app.get("/agent/ann/memory").await.typed();
    assert_eq!(all.memories.len(), 2);
    let by_text: MemoriesResponse = app.get("/agent/ann/memory?query=sqlite").await.typed();
    assert_eq!(by_text.memories.len(), 1);
    let by_tag: MemoriesResponse = app.get("/agent/ann/memory?query=ci").await.typed();
    assert_eq!(by_tag.memories.len(), 1);
    let percent: MemoriesResponse = app.get("/agent/ann/memory?query=%25").await.typed();
    assert_eq!(percent.memories.len(), 1, "% is matched literally");
    let decisions: MemoriesResponse = app.get("/agent/ann/memory?category=decision").await.typed();
    assert_eq!(decisions.memories[0].content, "Use SQLite in DOs");
    let res = app.post("/agent/ann/memory", json!({"category": "rumour", "content": "x"})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("learning"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn steps_in_both_vocabularies_and_bad_outcomes() {
    let app = TestApp::new();
    let sid = start_trace(&app, "ann", "find the bug").await;
    let s = step(&app, "ann", &sid, json!({"tool": "grep", "intent": "find", "outcome": "found", "durationMs": 1200}))
        .await;
    assert_eq!(s.step.outcome.as_str(), "found");
    assert!(s.escalation.is_none());
    let s = step(&app, "ann", &sid, json!({"action": "edit", "target": "a.rs", "outcome": "success"})).await;
    assert_eq!((s.step.tool.as_str(), s.step.intent.as_str(), s.step.outcome.as_str()), ("edit", "a.rs", "found"));
    let res = app.post(&format!("/agent/ann/trace/{sid}/step"), json!({"tool": "x", "outcome": "meh"})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("found, nothing, error, partial"), "{}", res.error());
    let res = app.post("/agent/ann/trace/nope/step", json!({"tool": "x", "outcome": "found"})).await;
    assert_eq!(res.status, 404);
    let trace: TraceResponse = app.get(&format!("/agent/ann/trace/{sid}")).await.typed();
    assert_eq!(trace.trace.steps.len(), 2, "the bad step was not stored");
    let list: TracesResponse = app.get("/agent/ann/trace").await.typed();
    assert_eq!(list.traces.len(), 1);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn escalations_once_per_trigger_then_human_and_resolution() {
    let app = TestApp::new();
    let mut team = app.connect(None).await;
    team.next().await;
    let sid = start_trace(&app, "ann", "flaky test").await;
    step(&app, "ann", &sid, json!({"tool": "run", "outcome": "error"})).await;
    let s = step(&app, "ann", &sid, json!({"tool": "run", "outcome": "error"})).await;
    let notice = s.escalation.expect("error_accumulation fires");
    assert_eq!(notice.highest_level, 2);
    assert!(notice.recommendation.starts_with("PAUSE"));
    let first_id = notice.escalation_id.clone();
    // Triggers keep holding; the escalation is not recorded again.
    for _ in 0..4 {
        let s = step(&app, "ann", &sid, json!({"tool": "read", "outcome": "found"})).await;
        assert_eq!(s.escalation.unwrap().escalation_id, first_id);
    }
    let escs: EscalationsResponse = app.get(&format!("/agent/ann/trace/{sid}/escalations")).await.typed();
    assert_eq!(escs.escalations.len(), 1, "{:?}", escs.escalations);
    // Five steps after it opened, unresolved: a human is needed.
    let s = step(&app, "ann", &sid, json!({"tool": "read", "outcome": "found"})).await;
    assert_eq!(s.escalation.unwrap().highest_level, 3);
    let index: EscalationsIndex = app
        .eventually("/coordinator/escalations", |b| b["escalations"][0]["escalation"]["highestLevel"] == 3)
        .await
        .typed();
    assert_eq!(index.escalations.len(), 1);
    assert_eq!(index.escalations[0].escalation.highest_level, 3);
    assert!(index.escalations[0].escalation.triggers.iter().any(|t| t.kind == TriggerType::HumanNeeded));
    team.until(|e| matches!(&e.event, hub_protocol::Event::Escalation(a) if a.escalation.highest_level == 3)).await;

    let res: ResolveResponse = app
        .post(
            &format!("/agent/ann/trace/{sid}/resolve-escalation"),
            json!({"escalationId": first_id, "resolvedBy": "human", "helpfulHint": "retry with --nocapture"}),
        )
        .await
        .typed();
    assert_eq!(res.resolution.helpful_hint.as_deref(), Some("retry with --nocapture"));
    let index: EscalationsIndex = app
        .eventually("/coordinator/escalations", |b| b["escalations"].as_array().is_some_and(Vec::is_empty))
        .await
        .typed();
    assert!(index.escalations.is_empty());
    let again = app
        .post(
            &format!("/agent/ann/trace/{sid}/resolve-escalation"),
            json!({"escalationId": first_id, "resolvedBy": "self"}),
        )
        .await;
    assert_eq!(again.status, 409);
    let bad = app
        .post(
            &format!("/agent/ann/trace/{sid}/resolve-escalation"),
            json!({"escalationId": first_id, "resolvedBy": "robot"}),
        )
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn completion_credits_the_soul_exactly_once() {
    let app = TestApp::new();
    let sid = start_trace(&app, "ann", "ship").await;
    step(&app, "ann", &sid, json!({"tool": "edit", "outcome": "found", "durationMs": 60_000})).await;
    let done = app.post(&format!("/agent/ann/trace/{sid}/complete"), json!({"domain": "backend"})).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let done: TraceResponse = done.typed();
    assert_eq!(done.xp_gained, Some(40), "efficiency 1.0, no escalation: 10 + 15 + 10 + 5");
    let summary = done.trace.summary.unwrap();
    assert_eq!((summary.total_steps, summary.efficiency), (1, 1.0));
    let again: TraceResponse = app.post(&format!("/agent/ann/trace/{sid}/complete"), json!({})).await.typed();
    assert_eq!(again.xp_gained, Some(0));
    let patched: SoulUpdate =
        app.send("PATCH", "/agent/ann/soul", Some(json!({"traceId": sid}).to_string().as_bytes())).await.typed();
    assert_eq!(patched.xp_gained, Some(0));
    let soul = app.get("/agent/ann/soul").await.typed::<SoulResponse>().soul.unwrap();
    assert_eq!((soul.total_xp, soul.current_streak, soul.tasks_completed), (40, 1, 1));
    assert_eq!(soul.specializations["backend"], 20);
    let res = app.post(&format!("/agent/ann/trace/{sid}/step"), json!({"tool": "x", "outcome": "found"})).await;
    assert_eq!(res.status, 409, "a completed trace takes no steps");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn soul_is_not_wiped_and_dashboard_coaches() {
    let app = TestApp::new();
    let res = app.get("/agent/ann/dashboard").await;
    assert_eq!(res.status, 404);
    assert!(res.error().contains("No soul data"));
    assert_eq!(app.post("/agent/ann/soul", json!({"name": "Ann"})).await.status, 200);
    let xp: SoulUpdate =
        app.send("PATCH", "/agent/ann/soul", Some(br#"{"action":"add-xp","xp":50,"source":"test"}"#)).await.typed();
    assert_eq!(xp.total_xp, Some(50));
    let res = app.post("/agent/ann/soul", json!({"name": "Ann"})).await;
    assert_eq!(res.status, 409, "the original reset progress here");
    let soul = app.get("/agent/ann/soul").await.typed::<SoulResponse>().soul.unwrap();
    assert_eq!(soul.total_xp, 50);
    let ach: SoulUpdate = app
        .send("PATCH", "/agent/ann/soul", Some(br#"{"action":"unlock-achievement","achievementId":"first-blood"}"#))
        .await
        .typed();
    assert_eq!(ach.already_unlocked, Some(false));
    let res = app.send("PATCH", "/agent/ann/soul", Some(br#"{"action":"add-xp","xp":-5}"#)).await;
    assert_eq!(res.status, 400);

    let d: DashboardResponse = app.get("/agent/ann/dashboard").await.typed();
    let d = d.dashboard;
    assert_eq!((d.level.current, d.level.next_level, d.level.xp_needed), (Level::Novice, Some(Level::Capable), 50));
    assert_eq!(d.flow.status, FlowState::Offline);
    assert_eq!(d.recent_achievements, ["first-blood"]);
    assert!(d.suggestions.iter().any(|s| s.action == "Start your first task of the day"));
    assert!(d.streak.at_risk);

    let reset = app.post("/agent/ann/soul", json!({"reset": true})).await;
    assert_eq!(reset.body["soul"]["totalXP"], 0, "the original's name");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn onboarding_and_hot_start_carry_the_agent_state() {
    let app = TestApp::new();
    app.register("ann").await;
    let res = app.get("/coordinator/onboard?agentId=newbie").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let o = res.typed::<OnboardResponse>().onboarding;
    assert!(o.is_new_agent);
    assert_eq!(o.soul.total_xp, 0);
    assert!(o.welcome_message.contains("0 XP"));
    assert_eq!(o.suggested_task.task, "Introduce yourself in the group chat");
    assert!(o.team_online.iter().any(|m| m.agent_id.as_str() == "ann"));

    app.post(
        "/agent/newbie/checkpoint",
        json!({"conversationSummary": "wired the router", "pendingWork": ["add tests"]}),
    )
    .await;
    app.post("/agent/newbie/messages", json!({"from": "ann", "message": "nice"})).await;
    let o = app.get("/coordinator/onboard?agentId=newbie").await.typed::<OnboardResponse>().onboarding;
    assert!(!o.is_new_agent);
    assert_eq!(o.suggested_task.task, "Resume: add tests");
    assert!(o.welcome_message.contains("wired the router"));

    let w: WorkBundle = app.get("/coordinator/work?agentId=newbie").await.typed();
    assert_eq!(w.checkpoint.unwrap().pending_work, ["add tests"]);
    assert_eq!(w.unread_dms, Some(1));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn heartbeats_count_tokens_and_show_health() {
    let app = TestApp::new();
    assert_eq!(app.post("/agent/ann/soul", json!({"name": "Ann"})).await.status, 200);
    let never: HeartbeatStatus = app.get("/agent/ann/heartbeat").await.typed();
    assert!(!never.is_healthy && never.last_heartbeat.is_none());

    for tokens in [1200, 300] {
        let res = app
            .post("/agent/ann/heartbeat", json!({"tokensUsed": tokens, "currentTask": "parser", "status": "busy"}))
            .await;
        assert_eq!(res.status, 200, "{}", res.body);
        assert_eq!(res.body["success"], true);
        assert!(res.body["heartbeat"]["id"].as_str().is_some_and(|id| id.starts_with("hb-")));
    }
    let status: HeartbeatStatus = app.get("/agent/ann/heartbeat").await.typed();
    assert!(status.is_healthy);
    assert_eq!(status.heartbeat_count, 2);
    assert_eq!((status.recent_heartbeats[0].tokens_used, status.recent_heartbeats[0].status.as_str()), (300, "busy"));

    let d = app.get("/agent/ann/dashboard").await.typed::<DashboardResponse>().dashboard;
    assert_eq!(d.session.tokens_used, 1500, "tokens since the previous heartbeat add up");
    assert_eq!((d.agent_id.as_str(), d.heartbeat.heartbeat_count), ("ann", 2));
    let soul = app.get("/agent/ann/soul").await;
    assert_eq!(soul.body["soul"]["totalTokensUsed"], 1500);
    assert_eq!(soul.body["soul"]["totalXP"], 0, "the original's name");

    let bad = app.post("/agent/ann/heartbeat", json!({"tokensUsed": "lots"})).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("tokensUsed")));
    assert_eq!(bad.body["success"], false);
    assert_eq!(app.get("/agent/ann/heartbeat").await.typed::<HeartbeatStatus>().heartbeat_count, 2);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_dm_type_outside_the_four_is_refused_by_name() {
    let app = TestApp::new();
    let res = app.post("/agent/bob/messages", json!({"from": "ann", "message": "hi", "type": "request"})).await;
    assert_eq!((res.status, res.body["field"].as_str()), (400, Some("type")), "{}", res.body);
    assert!(res.error().contains("note"), "names the allowed values: {}", res.body);
    assert!(app.get("/agent/bob/messages").await.typed::<InboxResponse>().messages.is_empty());
}
