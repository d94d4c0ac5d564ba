//! News that reaches the working agent: its own event log (`?since=` on its
//! socket, `Last-Event-ID` on its MCP stream), DM receipts and the
//! not-delivered notice, and Claude Code's hooks by URL.

use std::time::Duration;

use hub_protocol::{AgentEvent, EventLog, NewsResponse, SentResponse};
use hub_tests::{Socket, TestApp};
use serde_json::{json, Value};

fn ws(app: &TestApp, path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{}{path}{sep}team={}", app.url.replacen("http", "ws", 1), app.team)
}

/// What is logged for `agent` and handed over by its news.
async fn news(app: &TestApp, agent: &str) -> NewsResponse {
    app.post(&format!("/agent/{agent}/news"), json!({})).await.typed()
}

/// One hook event to `/hooks/claude-code`, as `app`'s caller; the output.
async fn hook(app: &TestApp, event: Value, root: Option<&str>) -> Value {
    let mut req = reqwest::Client::new()
        .post(format!("{}/hooks/claude-code", app.url))
        .header("x-hub-team", &app.team)
        .json(&event);
    if let Some(t) = &app.token {
        req = req.bearer_auth(t);
    }
    if let Some(r) = root {
        req = req.header("x-hub-root", r);
    }
    let res = req.send().await.expect("hub reachable");
    assert_eq!(res.status(), 200, "a hook is always answered 200");
    res.json().await.expect("hook output")
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn an_agent_socket_resumes_from_its_logs_last_seq() {
    let app = TestApp::new();
    for a in ["ann", "bob"] {
        app.register(a).await;
    }
    let mut socket = Socket::connect(&ws(&app, "/agent/ann"), app.token.as_deref()).await;
    assert!(matches!(socket.next_of::<AgentEvent>().await.event, AgentEvent::StateSync(_)));
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "seen live"})).await;
    let live = socket.next_of::<AgentEvent>().await;
    assert_eq!(live.log, Some(EventLog::Agent));
    let last = live.seq.expect("a DM is logged");
    socket.close().await;

    // While it is away: DMs, mentions, a lock handed over, handoffs.
    for i in 0..12 {
        app.post("/agent/ann/messages", json!({"from": "bob", "message": format!("missed {i}")})).await;
    }
    for i in 0..5 {
        app.chat("bob", &format!("@ann look {i}")).await;
    }
    app.chat("bob", "nobody named").await;
    app.lock_call("src/away.rs", "lock", json!({"agentId": "bob"})).await;
    app.lock_call("src/away.rs", "lock", json!({"agentId": "ann", "wait": true})).await;
    app.lock_call("src/away.rs", "unlock", json!({"agentId": "bob"})).await;
    for i in 0..2 {
        let h = json!({"fromAgent": "bob", "toAgent": "ann", "title": format!("take {i}"), "context": "c"});
        assert_eq!(app.post("/coordinator/handoffs", h).await.status, 200);
    }
    // Told by the coordinator (and the lock shard through it) in the background.
    let arrived = until("the coordinator's news reaches the agent's log", || async {
        let peek: NewsResponse = app.post("/agent/ann/news", json!({"peek": true})).await.typed();
        (peek.seq >= last + 20).then_some(peek.seq)
    })
    .await;
    assert_eq!(arrived, last + 20, "each told once");

    let mut back = Socket::connect(&ws(&app, &format!("/agent/ann?since={last}")), app.token.as_deref()).await;
    assert!(matches!(back.next_of::<AgentEvent>().await.event, AgentEvent::StateSync(_)), "the state first");
    let mut missed = Vec::new();
    while missed.len() < 20 {
        missed.push(back.next_of::<AgentEvent>().await);
    }
    let seqs: Vec<u64> = missed.iter().map(|e| e.seq.expect("logged")).collect();
    assert_eq!(seqs, (last + 1..=last + 20).collect::<Vec<_>>(), "all, in order, once");
    let count = |f: fn(&AgentEvent) -> bool| missed.iter().filter(|e| f(&e.event)).count();
    assert_eq!(count(|e| matches!(e, AgentEvent::Chat(_))), 12);
    assert_eq!(count(|e| matches!(e, AgentEvent::Mention(_))), 5);
    assert_eq!(count(|e| matches!(e, AgentEvent::LockGranted(u) if u.resource_path.as_str() == "src/away.rs")), 1);
    assert_eq!(count(|e| matches!(e, AgentEvent::Handoff(_))), 2);

    app.post("/agent/ann/messages", json!({"from": "bob", "message": "live again"})).await;
    let next = back.next_of::<AgentEvent>().await;
    assert!(matches!(&next.event, AgentEvent::Chat(m) if m.message == "live again"), "{next:?}");
    assert_eq!(next.seq, Some(last + 21));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_dm_asking_for_an_ack_reports_not_delivered_then_delivered_then_acknowledged() {
    let app = TestApp::new();
    assert_eq!(app.patch("/coordinator/settings", json!({"notDeliveredAfterSecs": 1})).await.status, 200);
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    let sent =
        ann.post("/agent/bob/messages", json!({"from": "ann", "message": "deploy ok?", "ackRequired": true})).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let id = sent.body["message"]["id"].as_str().unwrap().to_owned();
    assert_eq!(sent.body["message"]["ackRequired"], true);
    assert!(sent.body["message"].get("deliveredAt").is_none(), "bob has no live session");

    // bob has no live session: after a second, ann hears so, once.
    let told = until("the not-delivered notice", || async {
        news(&ann, "ann").await.items.into_iter().find(|i| i.text.starts_with("Not delivered: bob")).map(|i| i.text)
    })
    .await;
    assert!(told.contains("deploy ok?"), "{told}");
    let awaiting: SentResponse = ann.get("/agent/ann/sent?awaiting=true").await.typed();
    assert_eq!(awaiting.messages.len(), 1);
    assert!(awaiting.messages[0].not_delivered_at.is_some());
    assert!(awaiting.messages[0].overdue, "older than the setting and not acknowledged");

    // bob's next hook hands the DM over: delivered.
    let post = json!({"hook_event_name": "PostToolUse", "tool_name": "Read", "tool_input": {}, "cwd": "/r"});
    let out = hook(&bob, post.clone(), None).await;
    let context = out["hookSpecificOutput"]["additionalContext"].as_str().expect("news for the model");
    assert!(context.contains("deploy ok?") && context.contains("acknowledge=true"), "{context}");
    assert_eq!(hook(&bob, post, None).await, json!({}), "each item once");
    let delivered = until("ann sees it delivered", || async {
        let s: SentResponse = ann.get("/agent/ann/sent").await.typed();
        s.messages[0].delivered_at.is_some().then_some(s)
    })
    .await;
    assert!(delivered.messages[0].acked_at.is_none());

    // Stop is blocked while the ack is owed.
    let stop = hook(&bob, json!({"hook_event_name": "Stop", "stop_hook_active": false}), None).await;
    assert_eq!(stop["decision"], "block", "{stop}");
    assert!(stop["reason"].as_str().unwrap().contains(&id));

    assert_eq!(bob.patch("/agent/bob/messages", json!({"messageIds": [id], "ack": true})).await.status, 200);
    let acked = until("ann hears of the ack", || async {
        news(&ann, "ann").await.items.into_iter().find(|i| i.text.contains("acknowledged")).map(|i| i.text)
    })
    .await;
    assert_eq!(acked, "bob acknowledged your DM \"deploy ok?\".");
    let s: SentResponse = ann.get("/agent/ann/sent?awaiting=true").await.typed();
    assert!(s.messages.is_empty(), "nothing awaits an ack any more");
    let inbox = bob.get("/agent/bob/messages").await;
    let dm = &inbox.body["messages"][0];
    assert!(dm["readAt"].is_string() && dm["ackedAt"].is_string() && dm["deliveredAt"].is_string(), "{dm}");
    let stop = hook(&bob, json!({"hook_event_name": "Stop"}), None).await;
    assert_eq!(stop, json!({}), "nothing held, nothing owed: silent");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_hook_endpoint_denies_edits_of_held_files_and_tells_news_once() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    assert_eq!(bob.lock("src/held.rs", "bob").await.status, 200);
    let root = "/home/ann/repo";
    let edit = |file: &str, cwd: &str| {
        json!({"hook_event_name": "PreToolUse", "session_id": "s1", "cwd": cwd, "tool_name": "Edit",
               "tool_input": {"file_path": file, "old_string": "a", "new_string": "b"}})
    };
    let denied = hook(&ann, edit("/home/ann/repo/src/held.rs", root), Some(root)).await;
    let out = &denied["hookSpecificOutput"];
    assert_eq!(out["permissionDecision"], "deny", "{denied}");
    let reason = out["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("src/held.rs is locked by bob until"), "{reason}");
    // A cwd in a subfolder and `..`; and no root at all (the suffix rule).
    let sub = hook(&ann, edit("../src/./held.rs", "/home/ann/repo/docs"), Some(root)).await;
    assert_eq!(sub["hookSpecificOutput"]["permissionDecision"], "deny", "{sub}");
    let rootless = hook(&ann, edit("/elsewhere/checkout/src/held.rs", "/elsewhere/checkout"), None).await;
    assert_eq!(rootless["hookSpecificOutput"]["permissionDecision"], "deny", "{rootless}");
    // A shell command that writes it.
    let sed = json!({"hook_event_name": "PreToolUse", "cwd": root, "tool_name": "Bash",
                     "tool_input": {"command": "sed -i 's/a/b/' src/held.rs"}});
    assert_eq!(hook(&ann, sed, Some(root)).await["hookSpecificOutput"]["permissionDecision"], "deny");
    let read = json!({"hook_event_name": "PreToolUse", "cwd": root, "tool_name": "Bash",
                      "tool_input": {"command": "grep -n a src/held.rs"}});
    assert_eq!(hook(&ann, read, Some(root)).await, json!({}), "reading is not editing");
    assert_eq!(hook(&ann, edit("/home/ann/repo/src/free.rs", root), Some(root)).await, json!({}));
    assert_eq!(hook(&bob, edit("/home/ann/repo/src/held.rs", root), Some(root)).await, json!({}), "its own lock");
    // Without a valid token a person decides (an HTTP hook's error would let it through).
    let nobody = app.with_token(Some("not-a-token"));
    let ask = hook(&nobody, edit("/home/ann/repo/src/held.rs", root), Some(root)).await;
    assert_eq!(ask["hookSpecificOutput"]["permissionDecision"], "ask", "{ask}");
    assert!(ask["hookSpecificOutput"]["permissionDecisionReason"].as_str().unwrap().contains("HUB_TOKEN"));

    // News: a DM sent meanwhile, then nothing; a prompt sees the next one.
    let post = json!({"hook_event_name": "PostToolUse", "tool_name": "Read", "tool_input": {}});
    let _ = hook(&ann, post.clone(), None).await; // whatever came before
    bob.post("/agent/ann/messages", json!({"from": "bob", "message": "rebased main, pull"})).await;
    let out = hook(&ann, post.clone(), None).await;
    let context = out["hookSpecificOutput"]["additionalContext"].as_str().expect("news");
    assert!(context.contains("DM") && context.contains("from bob: rebased main, pull"), "{context}");
    assert_eq!(out["hookSpecificOutput"]["hookEventName"], "PostToolUse");
    assert_eq!(hook(&ann, post.clone(), None).await, json!({}), "not repeated");
    bob.chat("bob", "@ann standup in 5").await;
    let prompt = until("the mention reaches the next prompt", || async {
        let out = hook(&ann, json!({"hook_event_name": "UserPromptSubmit", "prompt": "go on"}), None).await;
        (out != json!({})).then_some(out)
    })
    .await;
    let context = prompt["hookSpecificOutput"]["additionalContext"].as_str().unwrap();
    assert!(context.contains("bob mentioned you in the team chat: @ann standup in 5"), "{context}");

    // Stop: blocked once while holding a lock, silent on the retry and after release.
    assert_eq!(ann.lock("src/mine.rs", "ann").await.status, 200);
    let stop = hook(&ann, json!({"hook_event_name": "Stop", "stop_hook_active": false}), None).await;
    assert_eq!(stop["decision"], "block", "{stop}");
    assert!(stop["reason"].as_str().unwrap().contains("src/mine.rs"));
    assert_eq!(hook(&ann, json!({"hook_event_name": "Stop", "stop_hook_active": true}), None).await, json!({}));
    assert_eq!(ann.unlock("src/mine.rs", "ann").await.status, 200);
    tokio::time::sleep(Duration::from_millis(300)).await; // the shard's report reaches the index
    assert_eq!(hook(&ann, json!({"hook_event_name": "Stop"}), None).await, json!({}));

    // SessionStart: the hot start.
    let start = hook(&ann, json!({"hook_event_name": "SessionStart", "source": "startup", "cwd": root}), None).await;
    let context = start["hookSpecificOutput"]["additionalContext"].as_str().unwrap();
    assert!(context.starts_with("agent-hub: you are ann"), "{context}");
    // Not a hook event at all: still a 200, with a note.
    let junk = hook(&ann, json!("nope"), None).await;
    assert!(junk["systemMessage"].as_str().unwrap().contains("Not a Claude Code hook event"), "{junk}");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn an_mcp_stream_resumes_with_last_event_id() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let token = ann.token.clone().unwrap();
    let http = reqwest::Client::new();
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}});
    let res = http
        .post(format!("{}/mcp", app.url))
        .bearer_auth(&token)
        .header("x-hub-team", &app.team)
        .header("accept", "application/json, text/event-stream")
        .json(&init)
        .send()
        .await
        .unwrap();
    let sid = res.headers()["mcp-session-id"].to_str().unwrap().to_owned();
    let open = |last: Option<String>| {
        let mut req = http
            .get(format!("{}/mcp", app.url))
            .bearer_auth(&token)
            .header("x-hub-team", &app.team)
            .header("mcp-session-id", &sid)
            .header("accept", "text/event-stream");
        if let Some(l) = last {
            req = req.header("last-event-id", l);
        }
        req.send()
    };
    let mut stream = open(None).await.unwrap();
    stream.chunk().await.unwrap(); // the opening comment
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "first"})).await;
    let text = String::from_utf8_lossy(&stream.chunk().await.unwrap().unwrap()).into_owned();
    let id = text.lines().find_map(|l| l.strip_prefix("id: ")).expect("an event id").to_owned();
    assert!(text.contains("first"), "{text}");
    drop(stream);
    for i in 0..20 {
        app.post("/agent/ann/messages", json!({"from": "bob", "message": format!("away {i}")})).await;
    }
    let mut back = open(Some(id.clone())).await.unwrap();
    let mut seen = String::new();
    let got = tokio::time::timeout(Duration::from_secs(10), async {
        while seen.matches("\nevent: message").count() + usize::from(seen.starts_with("id:")) < 20 {
            match back.chunk().await {
                Ok(Some(b)) => seen.push_str(&String::from_utf8_lossy(&b)),
                _ => break,
            }
        }
    })
    .await;
    assert!(got.is_ok(), "20 missed events in time: {seen}");
    let ids: Vec<&str> = seen.lines().filter_map(|l| l.strip_prefix("id: ")).collect();
    let first: u64 = id.trim_start_matches('a').parse().unwrap();
    let want: Vec<String> = (first + 1..=first + 20).map(|n| format!("a{n}")).collect();
    assert_eq!(ids, want, "all, in order, once");
    assert!(seen.contains("away 0") && seen.contains("away 19"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn mcp_resources_are_read_from_stored_state_and_subscriptions_notify() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let token = ann.token.clone().unwrap();
    let http = reqwest::Client::new();
    let rpc = |sid: Option<String>, id: u64, method: &str, params: Value| {
        let mut req = http
            .post(format!("{}/mcp", app.url))
            .bearer_auth(&token)
            .header("x-hub-team", &app.team)
            .header("accept", "application/json, text/event-stream")
            .json(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        if let Some(s) = sid {
            req = req.header("mcp-session-id", s);
        }
        req.send()
    };
    let init = rpc(
        None,
        1,
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "test", "version": "1"}}),
    )
    .await
    .unwrap();
    let sid = init.headers()["mcp-session-id"].to_str().unwrap().to_owned();
    let init: Value = init.json().await.unwrap();
    assert_eq!(init["result"]["protocolVersion"], "2025-11-25");
    assert_eq!(init["result"]["capabilities"]["resources"]["subscribe"], true);
    let call = |id: u64, method: &'static str, params: Value| {
        let sid = Some(sid.clone());
        let rpc = &rpc;
        async move { rpc(sid, id, method, params).await.unwrap().json::<Value>().await.unwrap() }
    };
    let list = call(2, "resources/list", json!({})).await;
    let uris: Vec<&str> =
        list["result"]["resources"].as_array().unwrap().iter().filter_map(|r| r["uri"].as_str()).collect();
    assert_eq!(uris, ["agent-hub://inbox", "agent-hub://locks", "agent-hub://tasks"]);
    assert_eq!(call(3, "resources/subscribe", json!({"uri": "agent-hub://inbox"})).await["result"], json!({}));
    let bad = call(4, "resources/subscribe", json!({"uri": ""})).await;
    assert_eq!(bad["error"]["code"], -32602, "{bad}");

    let mut stream = http
        .get(format!("{}/mcp", app.url))
        .bearer_auth(&token)
        .header("x-hub-team", &app.team)
        .header("mcp-session-id", &sid)
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    stream.chunk().await.unwrap(); // the opening comment
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "resource me"})).await;
    let mut seen = String::new();
    while !seen.contains("notifications/message") {
        seen.push_str(&next_chunk(&mut stream).await);
    }
    assert!(seen.contains("notifications/resources/updated") && seen.contains("agent-hub://inbox"), "{seen}");
    let read = call(5, "resources/read", json!({"uri": "agent-hub://inbox"})).await;
    let text = read["result"]["contents"][0]["text"].as_str().unwrap();
    assert!(text.contains("resource me"), "read from the stored inbox: {text}");

    // A level above info: the update still comes, the message does not.
    assert_eq!(call(6, "logging/setLevel", json!({"level": "warning"})).await["result"], json!({}));
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "quietly"})).await;
    let chunk = next_chunk(&mut stream).await;
    assert!(chunk.contains("resources/updated") && !chunk.contains("notifications/message"), "{chunk}");
    assert!(chunk.contains("id: a"), "the update carries the event's place: {chunk}");
    let locks = call(7, "resources/read", json!({"uri": "agent-hub://locks"})).await;
    assert_eq!(locks["result"]["contents"][0]["text"], "{\"locks\":[]}");
}

/// The next chunk of an SSE stream, within 5 s.
async fn next_chunk(stream: &mut reqwest::Response) -> String {
    let chunk = tokio::time::timeout(Duration::from_secs(5), stream.chunk()).await.expect("in time");
    String::from_utf8_lossy(&chunk.expect("readable").expect("a chunk")).into_owned()
}

/// `probe` every 100 ms until it gives something (15 s at most: what the
/// hub does in the background, its jobs and alarms, lands by then).
async fn until<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let poll = async {
        loop {
            if let Some(v) = probe().await {
                return v;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(15), poll).await.unwrap_or_else(|_| panic!("in time: {what}"))
}
