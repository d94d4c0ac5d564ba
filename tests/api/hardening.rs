//! The second outside review's holes, one test each (issue 27): revocation
//! ends every socket and stream of a token, nothing is created without a
//! credential, failures slow only the failing, one credential has one
//! budget, and a file has one lock path. (Joins that would take over an
//! agent: `joining.rs`.)

use std::path::Path;
use std::time::Duration;

use hub_tests::{OwnHub, Socket, TestApp};
use serde_json::{json, Value};

fn ws(app: &TestApp, path: &str) -> String {
    format!(
        "{}{path}{}team={}",
        app.url.replacen("http", "ws", 1),
        if path.contains('?') { "&" } else { "?" },
        app.team
    )
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn revoking_a_named_human_closes_their_sockets_in_every_team() {
    let app = TestApp::new();
    let other = TestApp::new();
    let minted = app.post("/registry/humans", json!({"name": "alice"})).await;
    assert_eq!(minted.status, 200, "{}", minted.body);
    let (token, id) = (minted.body["token"].as_str().unwrap(), minted.body["id"].as_str().unwrap());
    other.create_team().await;
    let mut team = Socket::connect(&ws(&app, "/coordinator"), Some(token)).await;
    let mut elsewhere = Socket::connect(&ws(&other, "/coordinator"), Some(token)).await;
    let mut inbox = Socket::connect(&ws(&app, "/agent/ann"), Some(token)).await;
    for s in [&mut team, &mut elsewhere] {
        s.next().await; // welcome
    }
    inbox.next_of::<Value>().await; // state-sync
    assert_eq!(app.delete(&format!("/registry/humans/{id}")).await.status, 200);
    for (name, s) in [("team", &mut team), ("other team", &mut elsewhere), ("agent", &mut inbox)] {
        assert!(s.closed_by_hub(Duration::from_secs(5)).await.is_some(), "the {name} socket is closed");
    }
    let human = app.with_token(Some(token));
    assert_eq!(human.post("/coordinator/chat", json!({"author": "human:alice", "message": "x"})).await.status, 401);
}

/// The SSE stream of an MCP session, opened with `token`.
async fn mcp_stream(app: &TestApp, token: &str) -> reqwest::Response {
    let http = reqwest::Client::new();
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}});
    let res = http
        .post(format!("{}/mcp", app.url))
        .bearer_auth(token)
        .header("x-hub-team", &app.team)
        .header("accept", "application/json, text/event-stream")
        .json(&init)
        .send()
        .await
        .expect("initialize");
    assert_eq!(res.status(), 200);
    let sid = res.headers()["mcp-session-id"].to_str().unwrap().to_owned();
    let stream = http
        .get(format!("{}/mcp", app.url))
        .bearer_auth(token)
        .header("x-hub-team", &app.team)
        .header("mcp-session-id", sid)
        .header("accept", "text/event-stream")
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    stream
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn revoking_an_agent_token_ends_its_mcp_stream() {
    let app = TestApp::new();
    let (ann, token_id) = app.as_agent("ann").await;
    let mut stream = mcp_stream(&app, ann.token.as_deref().unwrap()).await;
    let first = stream.chunk().await.expect("readable").expect("the stream's opening comment");
    assert!(String::from_utf8_lossy(&first).contains("agent-hub"));
    // Live before: a DM reaches it.
    assert_eq!(app.post("/agent/ann/messages", json!({"from": "human", "message": "before"})).await.status, 200);
    let dm = tokio::time::timeout(Duration::from_secs(5), stream.chunk()).await.expect("in time");
    assert!(String::from_utf8_lossy(&dm.unwrap().unwrap()).contains("before"));
    assert_eq!(app.delete(&format!("/coordinator/tokens/{token_id}")).await.status, 200);
    let end = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.chunk().await {
                Ok(Some(bytes)) => assert!(!String::from_utf8_lossy(&bytes).contains("after"), "nothing after"),
                _ => return,
            }
        }
    });
    let _ = app.post("/agent/ann/messages", json!({"from": "human", "message": "after"})).await;
    end.await.expect("the stream ends once its token is revoked");
}

/// Durable Objects' databases under a hub's data folder.
fn databases(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                databases(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "sqlite"))
            }
        })
        .sum()
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn nothing_is_created_before_the_caller_is_known_to_be_allowed() {
    let hub = OwnHub::start("uncreated", 8801, &[]).await;
    let app = TestApp::on(hub.url());
    let (bob, _) = app.as_agent("bob").await;
    assert_eq!(bob.get("/agent/bob/state").await.status, 200);
    let before = databases(&hub.data);
    let teams_before = app.get("/registry/teams").await.body["teams"].as_array().unwrap().len();
    let forged = format!("ahub_{}", "ab".repeat(32));
    let sealed_elsewhere = format!("{}.{}", "ahub_".to_owned() + &"cd".repeat(32), "0".repeat(32));
    for i in 0..20 {
        for token in [forged.as_str(), sealed_elsewhere.as_str(), bob.token.as_deref().unwrap()] {
            let stranger = TestApp::on(hub.url()).uncreated().with_token(Some(token));
            let status = stranger.get("/coordinator/agents").await.status;
            assert!(matches!(status, 401 | 429), "made-up team {i}: {status}");
            assert!(matches!(stranger.get("/charts/activity").await.status, 401 | 404 | 429));
        }
        // An agent reading others' objects is refused before they wake.
        assert_eq!(bob.get(&format!("/agent/ghost-{i}/state")).await.status, 403);
    }
    // The human's typo names no team either.
    let typo = TestApp::on(hub.url()).uncreated();
    assert_eq!(typo.get("/coordinator/agents").await.status, 404);
    assert_eq!(databases(&hub.data), before, "no object was created");
    let teams = app.get("/registry/teams").await.body["teams"].as_array().unwrap().len();
    assert_eq!(teams, teams_before, "no team was created");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn failures_slow_the_failing_never_a_valid_credential() {
    let hub = OwnHub::start("failures", 8802, &[("HUB_WRITE_BURST", "10"), ("HUB_WRITES_PER_SEC", "0.5")]).await;
    let app = TestApp::on(hub.url());
    assert_eq!(app.get("/coordinator/agents").await.status, 200);
    let nobody = app.with_token(Some("ahub_wrong"));
    let mut statuses = Vec::new();
    for _ in 0..20 {
        statuses.push(nobody.get("/coordinator/agents").await.status);
        // A client may write any address: it buys nothing.
    }
    assert!(statuses.contains(&401) && statuses.ends_with(&[429]), "{statuses:?}");
    let refused = nobody.get("/coordinator/agents").await;
    assert!(refused.error().contains("valid token"), "{}", refused.body);
    for _ in 0..20 {
        assert_eq!(app.get("/coordinator/agents").await.status, 200, "the human token is never refused");
    }
    // Nor are MCP and the charts outside the count.
    let mcp = reqwest::Client::new()
        .post(format!("{}/mcp", app.url))
        .bearer_auth("ahub_wrong")
        .header("x-hub-team", &app.team)
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
        .send()
        .await
        .unwrap();
    assert_eq!(mcp.status(), 429);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn one_credential_has_one_socket_cap_and_one_write_budget() {
    let hub = OwnHub::start(
        "budgets",
        8803,
        &[("HUB_SOCKETS_PER_AGENT", "3"), ("HUB_WRITE_BURST", "8"), ("HUB_WRITES_PER_SEC", "0.01")],
    )
    .await;
    let app = TestApp::on(hub.url());
    let (ann, _) = app.as_agent("ann").await;
    let token = ann.token.as_deref().unwrap();
    // Without ?agentId= too: the cap is the token's.
    let mut open = Vec::new();
    for _ in 0..3 {
        let mut s = Socket::connect(&ws(&app, "/coordinator"), Some(token)).await;
        s.next().await;
        open.push(s);
    }
    let refused = Socket::try_connect(&ws(&app, "/coordinator"), Some(token)).await.err().expect("a fourth is refused");
    assert!(matches!(refused, tokio_tungstenite::tungstenite::Error::Http(r) if r.status() == 429));
    // Four handshakes spent four of eight writes; the sockets share the rest.
    let mut pongs = 0;
    for s in &mut open {
        for _ in 0..3 {
            s.send_json(json!({"type": "ping"})).await;
            let e = s.until(|e| matches!(e.event, hub_protocol::Event::Pong | hub_protocol::Event::Error(_))).await;
            pongs += usize::from(matches!(e.event, hub_protocol::Event::Pong));
        }
    }
    assert_eq!(pongs, 4, "one budget across the token's sockets");
    assert_eq!(ann.post("/coordinator/chat", json!({"author": "ann", "message": "x"})).await.status, 429, "and HTTP");
}

/// `POST /lock/{path}/lock` with the path as the client spelt it (the
/// harness's own helpers would tidy it first).
async fn lock_as_spelt(app: &TestApp, spelling: &str, agent: &str) -> hub_tests::Reply {
    let path = format!("/lock/{}/lock", hub_protocol::percent_encode(spelling));
    app.post(&path, json!({ "agentId": agent })).await
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn one_file_has_one_lock_path() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    assert_eq!(lock_as_spelt(&ann, "src/../src/f.rs", "ann").await.status, 200);
    for spelling in ["/src/f.rs", "src/f.rs", "./src//f.rs", "lib/../src/f.rs", "src/f.rs/"] {
        let taken = lock_as_spelt(&bob, spelling, "bob").await;
        assert_eq!(taken.status, 409, "{spelling}: {}", taken.body);
        assert_eq!(taken.body["lockedBy"], "ann", "{spelling}");
    }
    let check = bob.get(&format!("/lock/{}/check", hub_protocol::percent_encode("/src/./f.rs"))).await;
    assert_eq!(check.body["locked"], true, "{}", check.body);
    let above = lock_as_spelt(&bob, "../etc/passwd", "bob").await;
    assert_eq!(above.status, 400, "{}", above.body);
    assert!(above.error().contains("root"), "{}", above.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_join_route_is_limited_with_or_without_a_trailing_slash() {
    let app = TestApp::new();
    let anon = app.with_token(None);
    let mut statuses = Vec::new();
    for i in 0..7 {
        let path = if i % 2 == 0 { "/coordinator/join/" } else { "/coordinator/join" };
        statuses.push(anon.post(path, json!({"agentId": format!("s{i}"), "secret": "guess"})).await.status);
    }
    // Public either way: a wrong secret is 403 (before, the slash was a
    // route that needed a token: 401, and never counted as a join).
    assert_eq!(&statuses[..5], [403; 5], "{statuses:?}");
    assert_eq!(statuses[6], 429, "{statuses:?}");
}

/// Starts a trace of ann's; its session id.
async fn start_trace(ann: &TestApp, task: &str) -> String {
    let started = ann.post("/agent/ann/trace", json!({ "task": task })).await;
    started.body["trace"]["sessionId"].as_str().expect("session").to_owned()
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn traces_earn_for_work_done_and_durations_stay_sane() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let mut gained = 0;
    for i in 0..12 {
        let sid = start_trace(&ann, &format!("farm {i}")).await;
        let step = json!({"tool": "x", "outcome": "found", "durationMs": 10});
        assert_eq!(ann.post(&format!("/agent/ann/trace/{sid}/step"), step).await.status, 200);
        let done = ann.post(&format!("/agent/ann/trace/{sid}/complete"), json!({})).await;
        gained += done.body["xpGained"].as_i64().expect("xpGained");
    }
    assert_eq!(gained, 0, "twelve one-step traces in a blink earn nothing");
    let soul = ann.get("/agent/ann/soul").await;
    assert_eq!(soul.body["soul"]["totalXP"].as_i64().unwrap_or(0), 0, "{}", soul.body);
    let sid = start_trace(&ann, "overflow").await;
    let huge = json!({"tool": "x", "outcome": "found", "durationMs": i64::MAX / 2});
    let refused = ann.post(&format!("/agent/ann/trace/{sid}/step"), huge).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.error().contains("durationMs"), "{}", refused.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_named_human_acting_for_an_agent_is_recorded() {
    let app = TestApp::new();
    let minted = app.post("/registry/humans", json!({"name": "bea"})).await;
    let bea = app.with_token(minted.body["token"].as_str());
    let posted = bea.post("/coordinator/chat", json!({"author": "ann", "message": "for ann"})).await;
    assert_eq!(posted.status, 200, "{}", posted.body);
    assert_eq!(posted.body["message"]["postedBy"], "human:bea");
    let own =
        bea.post("/coordinator/chat", json!({"author": "human:bea", "message": "mine", "authorType": "human"})).await;
    assert!(own.body["message"].get("postedBy").is_none(), "{}", own.body);
    let dm = bea.post("/agent/bob/messages", json!({"from": "ann", "message": "from ann?"})).await;
    assert_eq!(dm.status, 200, "{}", dm.body);
    assert_eq!(dm.body["message"]["sentBy"], "human:bea");
    let inbox = app.get("/agent/bob/messages").await;
    assert_eq!(inbox.body["messages"][0]["sentBy"], "human:bea", "{}", inbox.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn charts_are_svg_that_can_run_nothing() {
    let app = TestApp::new();
    assert_eq!(app.get("/coordinator/agents").await.status, 200);
    let res = reqwest::Client::new()
        .get(format!("{}/charts/activity", app.url))
        .bearer_auth(app.token.as_deref().unwrap())
        .header("x-hub-team", &app.team)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'none'"), "{csp}");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn tokens_from_before_seals_work_in_teams_the_registry_lists() {
    let mut hub = OwnHub::start("unsealed", 8804, &[]).await;
    let app = TestApp::on(hub.url());
    let (_, id) = app.as_agent("old").await;
    hub.stop();
    // The token as today's main minted it: `ahub_` and 64 hex digits, its
    // SHA-256 in the team's coordinator.
    let old = format!("ahub_{}", "7e".repeat(32));
    let folder = hub.data.join("agent-hub-AgentCoordinator");
    let db = std::fs::read_dir(&folder)
        .expect("coordinator folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "sqlite") && !p.ends_with("metadata.sqlite"))
        .expect("the team's database");
    let script = "import hashlib, sqlite3, sys\n\
        db = sqlite3.connect(sys.argv[1])\n\
        db.execute('UPDATE tokens SET hash = ? WHERE id = ?', (hashlib.sha256(sys.argv[2].encode()).hexdigest(), sys.argv[3]))\n\
        assert db.total_changes == 1\n\
        db.commit()\n";
    let status = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&db)
        .arg(&old)
        .arg(&id)
        .status()
        .expect("python3");
    assert!(status.success());
    hub.restart().await;
    let agent = app.with_token(Some(&old));
    assert_eq!(agent.register("old").await.status, 200, "an old token keeps working in its team");
    let elsewhere = TestApp::on(hub.url()).uncreated().with_token(Some(&old));
    assert_eq!(elsewhere.get("/coordinator/agents").await.status, 401, "and nowhere else");
    let teams = app.get("/registry/teams").await.body["teams"].as_array().unwrap().len();
    assert_eq!(teams, 2, "main and this team only");
}
