//! Who may do what, over the real API: every endpoint family with no
//! token, a wrong token, a revoked token, another agent's token, the
//! agent's own token and the human token; WebSocket handshakes; headers a
//! client may not forge. (The Worker's edge, cookie to CORS: `edge.rs`.)

use hub_tests::{segment, Socket, TestApp};
use serde_json::{json, Value};

/// What a request needs (mirrors `hub_domain::Access`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Needs {
    Member,
    Ann,
    /// Any human: the human token or a named human.
    Human,
    /// A human action recorded under another name than the caller's: the
    /// human token only (a named human acts under their own name).
    HumanToken,
    /// Minting, listing, revoking credentials: the human token only.
    Credentials,
    Internal,
}

struct Case {
    method: &'static str,
    path: String,
    body: Option<Value>,
    needs: Needs,
}

fn case(method: &'static str, path: impl Into<String>, body: Option<Value>, needs: Needs) -> Case {
    Case { method, path: path.into(), body, needs }
}

/// One request per endpoint, acting as (or on) agent `ann`.
fn cases() -> Vec<Case> {
    use Needs::*;
    let lock = segment("src/secure.rs");
    vec![
        // Team-wide reads (and a task without an author): any member.
        case("GET", "/coordinator/ping", None, Member),
        case("GET", "/coordinator/agents", None, Member),
        case("GET", "/coordinator/chat", None, Member),
        case("GET", "/coordinator/tasks", None, Member),
        case("POST", "/coordinator/tasks", Some(json!({"title": "shared"})), Member),
        case("GET", "/coordinator/locks", None, Member),
        case("GET", "/coordinator/zones", None, Member),
        case("GET", "/coordinator/claims", None, Member),
        case("GET", "/coordinator/handoffs", None, Member),
        case("GET", "/coordinator/session-resume", None, Member),
        case("GET", "/coordinator/escalations", None, Member),
        case("GET", "/coordinator/activity?days=7", None, Member),
        case("GET", format!("/lock/{lock}/check"), None, Member),
        case("GET", format!("/lock/{lock}/history"), None, Member),
        // Acting as ann, or reading what is hers.
        case("POST", "/coordinator/agents", Some(json!({"agentId": "ann"})), Ann),
        case("POST", "/coordinator/chat", Some(json!({"author": "ann", "message": "hi"})), Ann),
        case("GET", "/coordinator/chat?agentId=ann", None, Ann),
        case("POST", "/coordinator/tasks", Some(json!({"title": "mine", "createdBy": "ann"})), Ann),
        case("GET", "/coordinator/work?agentId=ann", None, Ann),
        case("GET", "/coordinator/onboard?agentId=ann", None, Ann),
        case(
            "POST",
            "/coordinator/zones",
            Some(json!({"action": "claim", "zoneId": "z", "path": "src/", "owner": "ann"})),
            Ann,
        ),
        case("POST", "/coordinator/claims", Some(json!({"action": "claim", "what": "auth", "by": "ann"})), Ann),
        case("POST", "/coordinator/handoffs", Some(json!({"fromAgent": "ann", "title": "t", "context": "c"})), Ann),
        case(
            "POST",
            "/coordinator/handoffs",
            Some(json!({"action": "route", "handoffId": "handoff-none", "agentId": "ann", "toAgent": "bob"})),
            Ann,
        ),
        case("GET", "/agent/ann/state", None, Ann),
        case("GET", "/agent/ann/checkpoint", None, Ann),
        case("POST", "/agent/ann/checkpoint", Some(json!({"conversationSummary": "s"})), Ann),
        case("GET", "/agent/ann/messages", None, Ann),
        case("PATCH", "/agent/ann/messages", Some(json!({"messageIds": []})), Ann),
        case("POST", "/agent/bob/messages", Some(json!({"from": "ann", "message": "a DM to bob"})), Ann),
        case("GET", "/agent/ann/memory", None, Ann),
        case("POST", "/agent/ann/memory", Some(json!({"content": "remember"})), Ann),
        case("GET", "/agent/ann/trace", None, Ann),
        case("POST", "/agent/ann/trace", Some(json!({"task": "t"})), Ann),
        case("GET", "/agent/ann/soul", None, Ann),
        case("GET", "/agent/ann/dashboard", None, Ann),
        case("GET", "/agent/ann/activity", None, Ann),
        case("GET", "/agent/ann/xp-history", None, Ann),
        case("POST", format!("/lock/{lock}/lock"), Some(json!({"agentId": "ann"})), Ann),
        case("POST", format!("/lock/{lock}/renew"), Some(json!({"agentId": "ann"})), Ann),
        case("POST", format!("/lock/{lock}/unlock"), Some(json!({"agentId": "ann"})), Ann),
        // The human's.
        case(
            "POST",
            "/coordinator/chat",
            Some(json!({"author": "ann", "authorType": "human", "message": "x"})),
            HumanToken,
        ),
        case("POST", format!("/lock/{lock}/unlock"), Some(json!({"agentId": "ann", "force": true})), HumanToken),
        case("GET", "/registry/teams", None, Human),
        case("POST", "/agent/ann/soul", Some(json!({"reset": true})), Human),
        case(
            "POST",
            "/agent/ann/trace/s1/resolve-escalation",
            Some(json!({"escalationId": "e", "resolvedBy": "human"})),
            Human,
        ),
        case("GET", "/coordinator/tokens", None, Credentials),
        case("GET", "/coordinator/join-secret", None, Credentials),
        case("POST", "/coordinator/tokens", Some(json!({"agentId": "ann"})), Credentials),
        case("DELETE", "/coordinator/tokens/tok_none", None, Credentials),
        case("DELETE", "/coordinator/tokens?agentId=zed", None, Credentials),
        case("GET", "/registry/humans", None, Credentials),
        case("POST", "/registry/humans", Some(json!({"name": "security-check"})), Credentials),
        case("DELETE", "/registry/humans/htok_none", None, Credentials),
        // Between objects only.
        case("POST", "/coordinator/locks/events", Some(json!([])), Internal),
        case("POST", "/coordinator/escalations/events", Some(json!([])), Internal),
        case("POST", "/coordinator/tokens/verify", Some(json!({"hash": "00"})), Internal),
        case("GET", "/agent/ann/brief", None, Internal),
        case("POST", "/registry/humans/verify", Some(json!({"hash": "00"})), Internal),
        case("GET", "/registry/humans/htok_none", None, Internal),
    ]
}

#[derive(Clone, Copy, Debug)]
enum Role {
    NoToken,
    WrongToken,
    Revoked,
    OtherAgent,
    RightAgent,
    NamedHuman,
    TheHuman,
}

fn expected(role: Role, needs: Needs) -> Option<u16> {
    use Needs::*;
    use Role::*;
    match (role, needs) {
        (NoToken | WrongToken | Revoked, _) => Some(401),
        (_, Internal) => Some(403),
        (OtherAgent, Ann | Human | HumanToken | Credentials) | (RightAgent, Human | HumanToken | Credentials) => {
            Some(403)
        }
        (NamedHuman, HumanToken | Credentials) => Some(403),
        // Allowed: the endpoint's own answer (200, 404, 409...), never 401/403.
        _ => None,
    }
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn every_endpoint_family_against_every_role() {
    let app = TestApp::new();
    app.register("ann").await;
    app.register("bob").await;
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    let (revoked, revoked_id) = app.as_agent("ann").await;
    // Used once (so this isolate caches it), then revoked.
    assert_eq!(revoked.get("/coordinator/agents").await.status, 200);
    assert_eq!(app.delete(&format!("/coordinator/tokens/{revoked_id}")).await.status, 200);
    let none = app.with_token(None);
    let wrong = app.with_token(Some("ahub_0000000000000000000000000000000000000000000000000000000000000000"));
    let named = app.post("/registry/humans", json!({"name": format!("sec-{}", app.team)})).await;
    assert_eq!(named.status, 200, "{}", named.body);
    let alice = app.with_token(named.body["token"].as_str());

    let mut checked = 0;
    for c in cases() {
        for (role, who) in [
            (Role::NoToken, &none),
            (Role::WrongToken, &wrong),
            (Role::Revoked, &revoked),
            (Role::OtherAgent, &bob),
            (Role::RightAgent, &ann),
            (Role::NamedHuman, &alice),
            (Role::TheHuman, &app),
        ] {
            let body = c.body.as_ref().map(Value::to_string);
            let r = who.send(c.method, &c.path, body.as_deref().map(str::as_bytes)).await;
            match expected(role, c.needs) {
                Some(status) => assert_eq!(r.status, status, "{role:?} {} {}: {}", c.method, c.path, r.body),
                None => assert!(
                    ![401, 403].contains(&r.status) && r.status < 500,
                    "{role:?} {} {}: {} {}",
                    c.method,
                    c.path,
                    r.status,
                    r.body
                ),
            }
            if r.status == 403 && c.needs == Needs::Ann {
                assert!(r.error().contains("'bob'") && r.error().contains("'ann'"), "names the mismatch: {}", r.body);
            }
            checked += 1;
        }
    }
    println!("role matrix: {} endpoints × 7 roles = {checked} cases", cases().len());
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn an_agent_cannot_read_another_agents_inbox_memory_or_checkpoint() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    assert_eq!(bob.post("/agent/ann/messages", json!({"from": "bob", "message": "secret plan"})).await.status, 200);
    assert_eq!(ann.post("/agent/ann/memory", json!({"content": "the password is in vault"})).await.status, 200);
    for path in ["/agent/ann/messages", "/agent/ann/memory", "/agent/ann/checkpoint", "/agent/ann/state"] {
        let r = bob.get(path).await;
        assert_eq!(r.status, 403, "{path}");
        assert!(!r.body.to_string().contains("secret plan") && !r.body.to_string().contains("vault"));
    }
    let inbox = ann.get("/agent/ann/messages").await;
    assert!(inbox.body.to_string().contains("secret plan"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn tokens_are_shown_once_stored_hashed_listed_and_revoked() {
    let app = TestApp::new();
    let minted = app.post("/coordinator/tokens", json!({"agentId": "ann", "label": "laptop"})).await;
    assert_eq!(minted.status, 200);
    let token = minted.body["token"].as_str().unwrap().to_owned();
    let id = minted.body["id"].as_str().unwrap().to_owned();
    assert!(token.starts_with("ahub_") && token.len() == 5 + 64 + 1 + 32 && token.as_bytes()[69] == b'.');
    let list = app.get("/coordinator/tokens").await;
    assert!(!list.body.to_string().contains(&token), "the list never shows a token");
    assert_eq!(list.body["tokens"][0]["label"], "laptop");
    let ann = app.with_token(Some(&token));
    assert_eq!(ann.register("ann").await.status, 200);
    assert_eq!(app.delete(&format!("/coordinator/tokens/{id}")).await.status, 200);
    let refused = ann.register("ann").await;
    assert_eq!(refused.status, 401);
    assert!(!refused.body.to_string().contains(&token), "errors never echo a token");
    assert_eq!(app.delete(&format!("/coordinator/tokens/{id}")).await.status, 404, "already revoked");
    assert!(app.get("/coordinator/tokens").await.body["tokens"][0]["revokedAt"].is_string());
    // A token belongs to its team.
    let other_team = TestApp::new().with_token(Some(&token));
    assert_eq!(other_team.get("/coordinator/agents").await.status, 401);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn joining_with_the_team_secret() {
    let app = TestApp::new();
    let anon = app.with_token(None);
    let secret = app.get("/coordinator/join-secret").await.body["secret"].as_str().expect("secret").to_owned();
    let wrong = anon.post("/coordinator/join", json!({"agentId": "cat", "secret": "guess"})).await;
    assert_eq!(wrong.status, 403);
    // Each team has its own secret: this one opens no other team.
    let elsewhere =
        TestApp::new().with_token(None).post("/coordinator/join", json!({"agentId": "cat", "secret": secret})).await;
    assert_eq!(elsewhere.status, 403);
    let master = std::env::var("HUB_JOIN_SECRET").expect("HUB_JOIN_SECRET");
    assert_eq!(
        anon.post("/coordinator/join", json!({"agentId": "cat", "secret": master})).await.status,
        403,
        "nor does the master"
    );
    let joined = anon.post("/coordinator/join", json!({"agentId": "cat", "secret": secret})).await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let cat = app.with_token(joined.body["token"].as_str());
    assert_eq!(cat.register("cat").await.status, 200);
    assert_eq!(cat.register("dog").await.status, 403);
    // The join route is the only one open without a token.
    assert_eq!(anon.get("/coordinator/join").await.status, 401);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn websocket_handshakes_need_the_right_token() {
    let app = TestApp::new();
    let ws = app.url.replacen("http", "ws", 1);
    let agent_url = format!("{ws}/agent/ann?team={}", app.team);
    let team_url = format!("{ws}/coordinator?team={}&agentId=ann", app.team);
    let status = |e: tokio_tungstenite::tungstenite::Error| match e {
        tokio_tungstenite::tungstenite::Error::Http(res) => res.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    };
    assert_eq!(status(Socket::try_connect(&agent_url, None).await.err().expect("refused")), 401);
    assert_eq!(status(Socket::try_connect(&team_url, None).await.err().expect("refused")), 401);
    let (bob, _) = app.as_agent("bob").await;
    let (ann, _) = app.as_agent("ann").await;
    let bob_token = bob.token.clone().unwrap();
    assert_eq!(status(Socket::try_connect(&agent_url, Some(&bob_token)).await.err().expect("refused")), 403);
    assert_eq!(status(Socket::try_connect(&team_url, Some(&bob_token)).await.err().expect("refused")), 403);
    // The right token, in the header or (as browsers must) the sub-protocol.
    let mut s = Socket::connect(&agent_url, ann.token.as_deref()).await;
    s.next_of::<Value>().await;
    let (mut s, chosen) = Socket::connect_with_protocol(&team_url, ann.token.as_deref().unwrap()).await;
    assert_eq!(chosen.as_deref(), Some("agent-hub"), "the hub selects agent-hub, never echoes the token");
    s.next().await;
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_client_cannot_claim_to_be_internal_or_human_by_header() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let http = reqwest::Client::new();
    let send = |token: Option<String>, caller: &'static str| {
        let mut r = http
            .post(format!("{}/coordinator/locks/events", app.url))
            .header("x-hub-team", &app.team)
            .header("x-hub-caller", caller)
            .json(&json!([]));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(send(ann.token.clone(), "internal").await.unwrap().status(), 403);
    assert_eq!(send(None, "internal").await.unwrap().status(), 401);
    let as_human = http
        .post(format!("{}/lock/{}/unlock", app.url, segment("a.rs")))
        .header("x-hub-team", &app.team)
        .header("x-hub-caller", "human")
        .bearer_auth(ann.token.clone().unwrap())
        .json(&json!({"agentId": "ann", "force": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(as_human.status(), 403, "the Worker overwrites the caller header");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_team_socket_posts_only_as_whoever_opened_it() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let mut s = ann.connect(Some("ann")).await;
    s.next().await; // welcome
    s.send_json(json!({"type": "chat", "payload": {"author": "bob", "message": "I am bob"}})).await;
    let refused = s.until(|e| matches!(e.event, hub_protocol::Event::Error(_))).await;
    let hub_protocol::Event::Error(body) = refused.event else { unreachable!() };
    assert!(body.error.contains("'ann'") && body.error.contains("'bob'"), "{}", body.error);
    s.send_json(json!({"type": "chat", "payload": {"author": "ann", "message": "I am ann"}})).await;
    let posted = s.until(|e| matches!(e.event, hub_protocol::Event::Chat(_))).await;
    let hub_protocol::Event::Chat(m) = posted.event else { unreachable!() };
    assert_eq!((m.author.as_str(), m.message.as_str()), ("ann", "I am ann"));
    assert!(!app.get("/coordinator/chat").await.body.to_string().contains("I am bob"));
}
