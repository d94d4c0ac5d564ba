//! The Worker's edge, over the real API: the portal's cookie, CORS, write
//! limits, the compatibility switch, and a hub without secrets.

use hub_tests::{admin_token, OwnHub, TestApp};
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_portal_cookie_is_httponly_secure_strict_and_signed() {
    let app = TestApp::new();
    app.create_team().await;
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let login = |token: &str| http.post(format!("{}/login", app.url)).form(&[("token", token)]).send();
    let refused = login("not-the-token").await.unwrap();
    assert_eq!(refused.status(), 401);
    assert!(refused.headers().get("set-cookie").is_none());
    let ok = login(&admin_token()).await.unwrap();
    assert_eq!(ok.status(), 303);
    let cookie = ok.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(!cookie.contains(&admin_token()), "the cookie is a signature, not the token");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let get = |path: &str, origin: Option<&str>| {
        let mut r = http.get(format!("{}{path}", app.url)).header("cookie", &pair).header("x-hub-team", &app.team);
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    assert_eq!(get("/coordinator/agents", None).await.unwrap().status(), 200);
    assert_eq!(
        get("/coordinator/agents", Some("https://evil.example")).await.unwrap().status(),
        401,
        "not from another site"
    );
    let page =
        http.get(format!("{}/", app.url)).header("accept", "text/html").header("cookie", &pair).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers().get("content-security-policy").unwrap().to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self' 'nonce-") && !csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
    assert_eq!(page.headers().get("x-content-type-options").unwrap(), "nosniff");
    assert!(page.headers().get("referrer-policy").is_some());
    // Forged or expired cookies count for nothing.
    let forged = http
        .get(format!("{}/coordinator/agents", app.url))
        .header("cookie", "hub_session=v2.99999999999999.00")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    let anonymous_page = http.get(format!("{}/team", app.url)).header("accept", "text/html").send().await.unwrap();
    assert_eq!(anonymous_page.status(), 303);
    assert_eq!(anonymous_page.headers().get("location").unwrap(), "/login?next=%2Fteam");
    // Signing out is a POST from the hub's own pages only.
    assert_eq!(http.get(format!("{}/logout", app.url)).header("cookie", &pair).send().await.unwrap().status(), 405);
    let foreign =
        http.post(format!("{}/logout", app.url)).header("cookie", &pair).header("origin", "https://evil.example");
    assert_eq!(foreign.send().await.unwrap().status(), 403);
    let logout = http.post(format!("{}/logout", app.url)).header("cookie", &pair).send().await.unwrap();
    assert!(logout.headers().get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn cors_refuses_foreign_origins_by_default() {
    let app = TestApp::new();
    let http = reqwest::Client::new();
    let pre = http
        .request(reqwest::Method::OPTIONS, format!("{}/coordinator/chat", app.url))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(pre.status(), 403);
    assert!(pre.headers().get("access-control-allow-origin").is_none());
    let get = http
        .get(format!("{}/coordinator/agents", app.url))
        .header("origin", "https://evil.example")
        .bearer_auth(admin_token())
        .send()
        .await
        .unwrap();
    assert!(get.headers().get("access-control-allow-origin").is_none());
}

/// A hub with a small write limit, one allowed origin and the loopback
/// compatibility switch on.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn limits_cors_allowlist_and_the_compatibility_switch_on_a_hub_of_their_own() {
    let hub = OwnHub::start(
        "limits",
        8792,
        &[
            ("HUB_WRITE_BURST", "5"),
            ("HUB_WRITES_PER_SEC", "0.5"),
            ("HUB_CORS_ORIGINS", "https://tools.example"),
            ("HUB_ALLOW_TOKENLESS", "loopback"),
        ],
    )
    .await;
    let app = TestApp::on(hub.url());
    let (ann, _) = app.as_agent("ann").await;
    // Five writes pass, the sixth waits; reads are not counted, nor are
    // other credentials' writes.
    for i in 0..5 {
        assert_eq!(ann.chat("ann", &format!("m{i}")).await.status, 200);
    }
    let limited = ann.send("POST", "/coordinator/chat", Some(br#"{"author":"ann","message":"m6"}"#)).await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    let raw = reqwest::Client::new()
        .post(format!("{}/coordinator/chat", hub.url()))
        .bearer_auth(ann.token.as_deref().unwrap())
        .header("x-hub-team", &app.team)
        .json(&json!({"author": "ann", "message": "m7"}))
        .send()
        .await
        .unwrap();
    let retry: u64 = raw.headers().get("retry-after").expect("Retry-After").to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    assert_eq!(ann.get("/coordinator/chat").await.status, 200);
    let (bob, _) = app.as_agent("bob").await;
    assert_eq!(bob.chat("bob", "mine").await.status, 200);
    // Nothing the limit refused was written.
    let chat = ann.get("/coordinator/chat").await;
    assert!(!chat.body.to_string().contains("\"m6\""));
    // The team socket counts its own writes the same way.
    let (cat, _) = app.as_agent("cat").await;
    let mut s = cat.connect(Some("cat")).await;
    s.next().await;
    for i in 0..6 {
        s.send_json(json!({"type": "chat", "payload": {"author": "cat", "message": format!("ws{i}")}})).await;
    }
    let limited = s.until(|e| matches!(e.event, hub_protocol::Event::Error(_))).await;
    let hub_protocol::Event::Error(body) = limited.event else { unreachable!() };
    assert!(body.error.contains("Too many writes"), "{}", body.error);

    // The allowed origin gets CORS headers; others none.
    let http = reqwest::Client::new();
    let pre = |origin: &'static str| {
        http.request(reqwest::Method::OPTIONS, format!("{}/coordinator/chat", hub.url()))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
    };
    let ok = pre("https://tools.example").await.unwrap();
    assert_eq!(ok.status(), 204);
    assert_eq!(ok.headers().get("access-control-allow-origin").unwrap(), "https://tools.example");
    assert!(ok.headers().get("access-control-allow-headers").unwrap().to_str().unwrap().contains("Authorization"));
    assert_eq!(pre("https://evil.example").await.unwrap().status(), 403);

    // Tokenless old clients work from loopback, as the original did, but
    // cannot manage credentials.
    let old = app.with_token(None);
    assert_eq!(old.register("legacy-bot").await.status, 200);
    assert_eq!(old.post("/coordinator/tokens", json!({"agentId": "legacy-bot"})).await.status, 403);
    // Not when the request names another host than loopback.
    let remote =
        http.get(format!("{}/coordinator/agents", hub.url())).header("host", "hub.example.com").send().await.unwrap();
    assert_eq!(remote.status(), 401);

    // Guessing tokens is slow: failed authentications count against the
    // client's address (one failure above already), then 429.
    let guesser = app.with_token(Some("ahub_guess"));
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(guesser.get("/coordinator/agents").await.status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 429, 429], "burst of 5 failures, then refused before any lookup");

    // No token ever reaches the runtime's log.
    let log = std::fs::read_to_string(hub.data.with_extension("log")).expect("the hub's log file");
    assert!(!log.contains(ann.token.as_deref().unwrap()) && !log.contains(&admin_token()));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_hub_without_secrets_refuses_the_api_and_says_why() {
    let hub = OwnHub::start("unconfigured", 8793, &[("HUB_ADMIN_TOKEN", "")]).await;
    let app = TestApp::on(hub.url()).uncreated();
    let r = app.get("/coordinator/agents").await;
    assert_eq!(r.status, 503);
    assert!(r.error().contains("HUB_ADMIN_TOKEN"), "{}", r.body);
    assert_eq!(app.get("/health").await.status, 200);
    let login = reqwest::get(format!("{}/login", hub.url())).await.unwrap();
    assert_eq!(login.status(), 503);
    assert!(login.text().await.unwrap().contains("HUB_ADMIN_TOKEN"));
}
