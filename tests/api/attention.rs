//! What needs a human (`GET /coordinator/attention`), approvals, "Shipped"
//! and the audit log.

use std::time::Duration;

use hub_protocol::{
    AgentEvent, ApprovalResponse, AttentionAction, AttentionKind, AttentionResponse, Event, ShippedKind,
    ShippedResponse, TaskResponse,
};
use hub_tests::TestApp;
use serde_json::{json, Value};

/// A level-1 escalation on `agent`'s trace: three steps that found
/// nothing, with different tools (so no loop).
async fn level_one(app: &TestApp, agent: &str) -> String {
    let trace: hub_protocol::TraceResponse =
        app.post(&format!("/agent/{agent}/trace"), json!({"task": "find the flake"})).await.typed();
    let sid = trace.trace.session_id;
    for tool in ["grep", "read", "search"] {
        let r =
            app.post(&format!("/agent/{agent}/trace/{sid}/step"), json!({"tool": tool, "outcome": "nothing"})).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    sid
}

fn kinds(list: &AttentionResponse) -> Vec<(AttentionKind, AttentionAction)> {
    list.items.iter().map(|i| (i.kind, i.action)).collect()
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_list_holds_what_needs_a_human_and_answering_removes_it() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    assert_eq!(ann.chat("ann", "@human I need someone with CI access").await.status, 200);
    let asked: ApprovalResponse =
        ann.post("/coordinator/approvals", json!({"agentId": "ann", "question": "Deploy to staging?"})).await.typed();
    assert_eq!(asked.approval.options, ["approve", "deny"]);
    let blocked: TaskResponse = app.create_task(json!({"title": "Migrate the DB", "assignee": "ann"})).await.typed();
    let r = app.patch(&format!("/coordinator/tasks/{}", blocked.task.id), json!({"status": "blocked"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let urgent: TaskResponse = app.create_task(json!({"title": "Fix prod", "priority": "urgent"})).await.typed();
    let sid = level_one(&app, "bob").await;

    let list: AttentionResponse = app.eventually("/coordinator/attention", |b| b["count"] == 5).await.typed();
    assert_eq!(list.count, list.items.len());
    let mut got = kinds(&list);
    got.sort_by_key(|(k, _)| k.as_str());
    assert_eq!(
        got,
        [
            (AttentionKind::Approval, AttentionAction::Decide),
            (AttentionKind::BlockedTask, AttentionAction::Assign),
            (AttentionKind::Escalation, AttentionAction::Resolve),
            (AttentionKind::Mention, AttentionAction::Reply),
            (AttentionKind::UrgentTask, AttentionAction::Assign),
        ]
    );
    let esc = list.items.iter().find(|i| i.kind == AttentionKind::Escalation).unwrap();
    assert_eq!((esc.level, esc.who.as_str()), (Some(1), "bob"));
    assert!(esc.what.contains("3 steps found nothing"), "{}", esc.what);
    assert_eq!(list.items[0].kind, AttentionKind::Approval, "an approval before a level-1 escalation");

    // Agents read it; only humans answer, once, with one of the options.
    let answer = format!("/coordinator/approvals/{}/answer", asked.approval.id);
    assert_eq!(ann.post(&answer, json!({"answer": "approve"})).await.status, 403);
    let wrong = app.post(&answer, json!({"answer": "maybe"})).await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.error().contains("approve, deny"), "{}", wrong.body);
    let ok: ApprovalResponse = app.post(&answer, json!({"answer": "Approve"})).await.typed();
    assert_eq!((ok.approval.answer.as_deref(), ok.approval.answered_by.as_deref()), (Some("approve"), Some("human")));
    assert_eq!(app.post(&answer, json!({"answer": "deny"})).await.status, 409, "answered once");

    // Each answer takes its item off: a human's reply, a task moved or
    // assigned, the escalation resolved.
    assert_eq!(
        app.post("/coordinator/chat", json!({"author": "human", "message": "@ann granted", "authorType": "human"}))
            .await
            .status,
        200
    );
    app.patch(&format!("/coordinator/tasks/{}", blocked.task.id), json!({"status": "in-progress"})).await;
    app.patch(&format!("/coordinator/tasks/{}", urgent.task.id), json!({"assignee": "ann"})).await;
    let resolve = json!({"escalationId": esc.id, "resolvedBy": "human", "helpfulHint": "try the logs"});
    assert_eq!(app.post(&format!("/agent/bob/trace/{sid}/resolve-escalation"), resolve).await.status, 200);
    let empty: AttentionResponse = app.eventually("/coordinator/attention", |b| b["count"] == 0).await.typed();
    assert!(empty.items.is_empty(), "{:?}", empty.items);

    // Every human action is in the audit log, as JSON Lines.
    let audit = app.get("/coordinator/audit").await;
    assert_eq!(ann.get("/coordinator/audit").await.status, 403, "humans only");
    let lines: Vec<Value> = audit.text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert!(lines.iter().any(|l| l["action"] == "approval.answer" && l["who"] == "human" && l["detail"] == "approve"));
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    loop {
        let audit = app.get("/coordinator/audit").await;
        if audit.text.contains("escalation.resolve") {
            assert!(audit.text.contains("try the logs"), "{}", audit.text);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the resolution was audited: {}", audit.body);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn an_answer_reaches_the_agents_socket_its_waiting_call_and_its_mcp_tool() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let token = ann.token.clone().expect("the agent's token");
    let mut socket = ann.connect_agent("ann").await;
    let mut team = app.connect(None).await;
    team.next().await;
    let asked: ApprovalResponse = ann
        .post("/coordinator/approvals", json!({"agentId": "ann", "question": "Drop the old table?", "options": ["yes", "no", "later"], "context": "DROP TABLE legacy;"}))
        .await
        .typed();
    let id = asked.approval.id.clone();
    // The team's log carries the ask (the portal refreshes on it).
    let asked_event = |e: &hub_protocol::Envelope| matches!(&e.event, Event::Approval(a) if a.answer.is_none());
    tokio::time::timeout(Duration::from_secs(5), team.until(asked_event)).await.expect("the ask on the team socket");
    let waiting = {
        let ann = app.with_token(Some(&token));
        let id = id.clone();
        tokio::spawn(async move {
            let reply = ann.get(&format!("/coordinator/approvals/{id}?wait=20")).await;
            (reply, std::time::Instant::now())
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let answer = json!({"answer": "later", "note": "after the release"});
    let answered = std::time::Instant::now();
    assert_eq!(app.post(&format!("/coordinator/approvals/{id}/answer"), answer).await.status, 200);
    let event =
        tokio::time::timeout(Duration::from_secs(5), socket.until_agent(|e| matches!(e, AgentEvent::Approval(_))))
            .await
            .expect("the answer reached the agent's socket");
    eprintln!("the answer reached the agent's socket {:?} after it was sent", answered.elapsed());
    let (waited, returned) = waiting.await.expect("the waiting call");
    eprintln!("the waiting read returned {:?} after the answer was sent", returned.duration_since(answered));
    let waited: ApprovalResponse = waited.typed();
    assert_eq!(waited.approval.answer.as_deref(), Some("later"));
    let answered_event = |e: &hub_protocol::Envelope| matches!(&e.event, Event::Approval(a) if a.answer.is_some());
    let on_team = tokio::time::timeout(Duration::from_secs(5), team.until(answered_event)).await;
    assert!(on_team.expect("the answer on the team socket").seq.is_some(), "logged in the team's log");
    let AgentEvent::Approval(a) = event else { unreachable!() };
    assert_eq!((a.id.as_str(), a.note.as_deref()), (id.as_str(), Some("after the release")));

    // The MCP tool asks and waits; a human answers meanwhile.
    let call = {
        let (url, team, token) = (app.url.clone(), app.team.clone(), token.clone());
        tokio::spawn(async move {
            let args = json!({"question": "Ship v2?", "wait_seconds": 20});
            let body = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
                "name": "hub_ask", "arguments": args,
                "_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28"}}});
            reqwest::Client::new()
                .post(format!("{url}/mcp"))
                .bearer_auth(token)
                .header("x-hub-team", team)
                .header("mcp-protocol-version", "2026-07-28")
                .header("accept", "application/json, text/event-stream")
                .json(&body)
                .send()
                .await
                .expect("reachable")
                .json::<Value>()
                .await
                .expect("JSON")
        })
    };
    let open = app
        .eventually("/coordinator/approvals", |b| b["approvals"][0]["question"] == "Ship v2?")
        .await
        .typed::<hub_protocol::ApprovalsResponse>();
    let ship = &open.approvals[0];
    assert_eq!(ship.answer, None);
    assert_eq!(
        app.post(&format!("/coordinator/approvals/{}/answer", ship.id), json!({"answer": "approve"})).await.status,
        200
    );
    let result = call.await.expect("the MCP call");
    let text = result["result"]["content"][0]["text"].as_str().unwrap_or_default().to_owned();
    assert!(text.contains("\"answer\":\"approve\""), "{result}");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn shipped_lists_done_tasks_and_completed_traces_never_chat_words() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    ann.chat("ann", "the order flow: pending, paid, shipped, cancelled").await;
    let task: TaskResponse = app.create_task(json!({"title": "Parser", "assignee": "ann"})).await.typed();
    app.patch(&format!("/coordinator/tasks/{}", task.task.id), json!({"status": "done"})).await;
    let trace: hub_protocol::TraceResponse =
        ann.post("/agent/ann/trace", json!({"task": "Refactor auth"})).await.typed();
    let sid = trace.trace.session_id;
    ann.post(&format!("/agent/ann/trace/{sid}/step"), json!({"tool": "edit", "outcome": "found"})).await;
    assert_eq!(ann.post(&format!("/agent/ann/trace/{sid}/complete"), json!({})).await.status, 200);

    let shipped: ShippedResponse =
        app.eventually("/coordinator/shipped", |b| b["shipped"].as_array().is_some_and(|s| s.len() == 2)).await.typed();
    let mut got: Vec<(ShippedKind, &str)> = shipped.shipped.iter().map(|s| (s.kind, s.title.as_str())).collect();
    got.sort_by_key(|(k, _)| k.as_str());
    assert_eq!(got, [(ShippedKind::Task, "Parser"), (ShippedKind::Trace, "Refactor auth")]);
    assert!(shipped.shipped.iter().all(|s| !s.title.contains("cancelled")));
}
