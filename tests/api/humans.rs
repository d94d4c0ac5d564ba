//! Named humans: the human token mints a token with a name; its holder acts
//! (over the API and signed in to the portal) under `human:<name>`, with
//! the human's reach over agents but never under another human's name, and
//! never over credentials. Revoking the token ends both.

use hub_protocol::{
    ChatResponse, HandoffResult, LockHistory, MintedToken, ResolveResponse, StepResponse, TokensResponse,
};
use hub_tests::TestApp;
use serde_json::json;

/// A named human with a name unique to `app`'s team (the registry is
/// hub-wide): their client and minted token.
async fn named(app: &TestApp, name: &str) -> (TestApp, MintedToken) {
    let res = app.post("/registry/humans", json!({"name": format!("{name}-{}", app.team), "label": "test"})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let minted: MintedToken = res.typed();
    (app.with_token(Some(&minted.token)), minted)
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_named_human_acts_under_their_own_name() {
    let app = TestApp::new();
    let (alice, minted) = named(&app, "alice").await;
    let me = minted.info.agent_id.to_string();
    assert!(
        me.starts_with("human:alice-") && minted.token.starts_with("ahubh_") && minted.info.id.starts_with("htok_")
    );

    // Chat as themselves; never as the human token's `human`, another human or an agent.
    let post = |author: &str| {
        alice.post("/coordinator/chat", json!({"author": author, "authorType": "human", "message": "from alice"}))
    };
    assert_eq!(post(&me).await.status, 200);
    for other in ["human", "human:carol", "ann"] {
        let res = post(other).await;
        assert_eq!(res.status, 403, "{other}: {}", res.body);
        assert!(res.error().contains(&me), "names the caller: {}", res.body);
    }
    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    let authors: Vec<&str> = chat.messages.iter().map(|m| m.author.as_str()).collect();
    assert_eq!(authors, [me.as_str()], "one message, under alice's name");

    // A DM, a forced release and a handoff claim are recorded under the name.
    assert_eq!(alice.post("/agent/ann/messages", json!({"from": me, "message": "look at #12"})).await.status, 200);
    app.lock("src/a.rs", "ann").await;
    let force = |agent: &str| alice.lock_call("src/a.rs", "unlock", json!({"agentId": agent, "force": true}));
    assert_eq!(force("human").await.status, 403);
    assert_eq!(force(&me).await.status, 200);
    let h: LockHistory = app.history("src/a.rs").await.typed();
    assert_eq!(h.history[0].released_by.as_ref().map(ToString::to_string), Some(me.clone()));
    let created: HandoffResult =
        app.post("/coordinator/handoffs", json!({"fromAgent": "ann", "title": "t", "context": "c"})).await.typed();
    let claim = json!({"action": "claim", "handoffId": created.handoff.id, "agentId": me});
    let claimed: HandoffResult = alice.post("/coordinator/handoffs", claim).await.typed();
    assert_eq!(claimed.handoff.claimed_by.as_ref().map(ToString::to_string), Some(me.clone()));

    // Resolving as a human names the resolver even when the body does not.
    let (ann, _) = app.as_agent("ann").await;
    let trace: hub_protocol::TraceResponse = ann.post("/agent/ann/trace", json!({"task": "flaky"})).await.typed();
    let sid = trace.trace.session_id;
    let mut escalation = None;
    for _ in 0..3 {
        let s: StepResponse =
            ann.post(&format!("/agent/ann/trace/{sid}/step"), json!({"tool": "run", "outcome": "error"})).await.typed();
        escalation = escalation.or(s.escalation.map(|e| e.escalation_id));
    }
    let resolve = json!({"escalationId": escalation.expect("an escalation"), "resolvedBy": "human"});
    let res = alice.post(&format!("/agent/ann/trace/{sid}/resolve-escalation"), resolve).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let r: ResolveResponse = res.typed();
    assert_eq!(r.resolution.resolver_agent.as_ref().map(ToString::to_string), Some(me.clone()));

    // The human's reach over agents, but no credentials.
    assert_eq!(alice.get("/agent/ann/messages").await.status, 200);
    for path in ["/coordinator/tokens", "/registry/humans"] {
        assert_eq!(alice.get(path).await.status, 403, "{path}");
    }
    assert_eq!(alice.post("/registry/humans", json!({"name": "mallory"})).await.status, 403);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn human_tokens_are_listed_refused_for_agents_and_revoked() {
    let app = TestApp::new();
    let (alice, minted) = named(&app, "bea").await;
    let raw = app.get("/registry/humans").await;
    assert!(!raw.body.to_string().contains(&minted.token), "never the token");
    let listed: TokensResponse = raw.typed();
    let mine = listed.tokens.iter().find(|t| t.id == minted.info.id).expect("listed");
    assert_eq!((mine.agent_id.as_str(), mine.label.as_deref()), (minted.info.agent_id.as_str(), Some("test")));

    // No agent token is minted for a human's name, nor a human token for a bad name.
    let res = app.post("/coordinator/tokens", json!({"agentId": minted.info.agent_id})).await;
    assert_eq!(res.status, 400, "{}", res.body);
    for bad in [json!({"name": "a:b"}), json!({"name": ""}), json!({"name": "sp ace"}), json!({})] {
        let res = app.post("/registry/humans", bad.clone()).await;
        assert_eq!(res.status, 400, "{bad}: {}", res.body);
        assert!(res.error().contains("name"), "{}", res.body);
    }

    // Revoked: refused at once (this isolate forgets it), listed as revoked.
    assert_eq!(alice.get("/coordinator/agents").await.status, 200);
    assert_eq!(app.delete(&format!("/registry/humans/{}", minted.info.id)).await.status, 200);
    assert_eq!(alice.get("/coordinator/agents").await.status, 401);
    assert_eq!(app.delete(&format!("/registry/humans/{}", minted.info.id)).await.status, 404, "revoked once");
    let listed: TokensResponse = app.get("/registry/humans").await.typed();
    assert!(listed.tokens.iter().any(|t| t.id == minted.info.id && t.revoked_at.is_some()));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_named_human_signs_in_to_the_portal_and_posts_under_their_name() {
    let app = TestApp::new();
    let (_, minted) = named(&app, "cy").await;
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let login = http.post(format!("{}/login", app.url)).form(&[("token", minted.token.as_str())]).send().await.unwrap();
    assert_eq!(login.status(), 303);
    let cookie = login.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("hub_session=v3.") && !cookie.contains(&minted.token), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let team_cookie = format!("{pair}; hub_team={}", app.team);

    // A portal server function posts to the chat under the name, whatever
    // caller the browser claims.
    let posted = http
        .post(format!("{}/api/post_chat", app.url))
        .header("cookie", &team_cookie)
        .header(hub_protocol::Caller::HEADER, "human")
        .form(&[("message", "hello from the portal")])
        .send()
        .await
        .unwrap();
    assert!(posted.status().is_success(), "{}", posted.status());
    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    let m = chat.messages.iter().find(|m| m.message.as_str() == "hello from the portal").expect("posted");
    assert_eq!(m.author, minted.info.agent_id.as_str());

    // The session lasts as long as the token.
    let agents = || http.get(format!("{}/coordinator/agents", app.url)).header("cookie", &pair).send();
    assert_eq!(agents().await.unwrap().status(), 200);
    assert_eq!(app.delete(&format!("/registry/humans/{}", minted.info.id)).await.status, 200);
    assert_eq!(agents().await.unwrap().status(), 401);
    let again = http.post(format!("{}/login", app.url)).form(&[("token", minted.token.as_str())]).send().await.unwrap();
    assert_eq!(again.status(), 401, "a revoked token signs nobody in");
}
