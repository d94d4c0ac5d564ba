//! `/mcp` at 2026-07-28: stateless requests beside the handshake on one
//! URL; discovery, results with `resultType`, the revision's errors, and
//! `subscriptions/listen` (updates for the agent's resources, ended by
//! revoking the token).

use std::time::Duration;

use hub_tests::TestApp;
use serde_json::{json, Value};

const V: &str = "2026-07-28";

/// One stateless request: `(status, body)`. `headers` adds or overrides.
async fn rpc(app: &TestApp, token: &str, method: &str, params: Value, headers: &[(&str, &str)]) -> (u16, Value) {
    let res = request(app, token, method, params, headers).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn request(
    app: &TestApp,
    token: &str,
    method: &str,
    mut params: Value,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    params["_meta"] = json!({
        "io.modelcontextprotocol/protocolVersion": V,
        "io.modelcontextprotocol/clientInfo": {"name": "test", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {},
    });
    let mut req = reqwest::Client::new()
        .post(format!("{}/mcp", app.url))
        .bearer_auth(token)
        .header("x-hub-team", &app.team)
        .header("accept", "application/json, text/event-stream");
    for (k, v) in [("mcp-protocol-version", V), ("mcp-method", method)] {
        if !headers.iter().any(|(name, _)| *name == k) {
            req = req.header(k, v);
        }
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.json(&json!({"jsonrpc": "2.0", "id": 7, "method": method, "params": params})).send().await.expect("reachable")
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn stateless_requests_need_no_session() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let token = ann.token.clone().unwrap();

    let (status, found) = rpc(&app, &token, "server/discover", json!({}), &[]).await;
    assert_eq!(status, 200, "{found}");
    let found = &found["result"];
    assert_eq!(found["resultType"], "complete");
    assert_eq!(found["supportedVersions"][0], V);
    assert!(found["supportedVersions"].as_array().unwrap().iter().any(|v| v == "2025-11-25"));
    assert_eq!(found["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], "agent-hub");
    assert!(found["ttlMs"].as_u64().is_some() && found["cacheScope"] == "public", "{found}");

    let (_, tools) = rpc(&app, &token, "tools/list", json!({}), &[]).await;
    assert_eq!(tools["result"]["resultType"], "complete");
    assert!(tools["result"]["tools"].as_array().unwrap().len() >= 10);

    let call = json!({"name": "hub_start", "arguments": {}});
    let (status, started) = rpc(&app, &token, "tools/call", call, &[("mcp-name", "hub_start")]).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(started["result"]["resultType"], "complete");
    assert_eq!(started["result"]["isError"], false, "{started}");
    assert!(started["result"]["content"][0]["text"].as_str().unwrap().contains("welcome"));

    // News rides the next tool result, once, as in the handshake era.
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "news for a stateless call"})).await;
    let lock = json!({"name": "hub_lock", "arguments": {"path": "src/stateless.rs"}});
    let (_, locked) = rpc(&app, &token, "tools/call", lock.clone(), &[]).await;
    let all = locked["result"]["content"].to_string();
    assert!(all.contains("news for a stateless call"), "{locked}");
    let (_, again) = rpc(&app, &token, "tools/call", lock, &[]).await;
    assert!(!again["result"]["content"].to_string().contains("news for a stateless call"), "{again}");

    // Another's lock: refused, naming the holder and the expiry.
    let (bob, _) = app.as_agent("bob").await;
    let taken = json!({"name": "hub_lock", "arguments": {"path": "src/stateless.rs"}});
    let (_, refused) = rpc(&app, bob.token.as_deref().unwrap(), "tools/call", taken, &[]).await;
    let why = refused["result"]["content"][0]["text"].as_str().unwrap_or_default().to_owned();
    assert_eq!(refused["result"]["isError"], true, "{refused}");
    assert!(why.contains("is locked by ann until") && why.contains("min left"), "{why}");

    let (_, read) =
        rpc(&app, &token, "resources/read", json!({"uri": "agent-hub://locks"}), &[("mcp-name", "agent-hub://locks")])
            .await;
    assert_eq!(read["result"]["resultType"], "complete");
    assert_eq!(read["result"]["ttlMs"], 0, "the agent's state is never cached");
    assert!(read["result"]["contents"][0]["text"].as_str().unwrap().contains("src/stateless.rs"), "{read}");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_revisions_errors_say_what_is_wrong() {
    let app = TestApp::new();
    let (ann, _) = app.as_agent("ann").await;
    let token = ann.token.clone().unwrap();

    let (status, gone) = rpc(&app, &token, "ping", json!({}), &[]).await;
    assert_eq!((status, gone["error"]["code"].as_i64()), (404, Some(-32601)), "{gone}");

    let (status, newer) = rpc(&app, &token, "tools/list", json!({}), &[("mcp-protocol-version", "2099-01-01")]).await;
    assert_eq!(status, 400, "{newer}");
    assert_eq!(newer["error"]["code"], -32020, "the header and _meta disagree: {newer}");

    let res = reqwest::Client::new()
        .post(format!("{}/mcp", app.url))
        .bearer_auth(&token)
        .header("x-hub-team", &app.team)
        .header("mcp-protocol-version", "2099-01-01")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let unsupported: Value = res.json().await.unwrap();
    assert_eq!(unsupported["error"]["code"], -32022, "{unsupported}");
    assert_eq!(unsupported["error"]["data"]["supported"][0], V);
    assert_eq!(unsupported["error"]["data"]["requested"], "2099-01-01");

    let (status, mismatch) = rpc(&app, &token, "tools/list", json!({}), &[("mcp-method", "tools/call")]).await;
    assert_eq!((status, mismatch["error"]["code"].as_i64()), (400, Some(-32020)), "{mismatch}");
    let call = json!({"name": "hub_start", "arguments": {}});
    let (status, named) = rpc(&app, &token, "tools/call", call, &[("mcp-name", "hub_lock")]).await;
    assert_eq!((status, named["error"]["code"].as_i64()), (400, Some(-32020)), "{named}");

    let call = json!({"name": "hub_status", "arguments": {"mood": "great"}});
    let (_, unknown) = rpc(&app, &token, "tools/call", call, &[]).await;
    assert_eq!(unknown["result"]["isError"], true, "{unknown}");

    // No session and no version: still the handshake era's answer.
    let res = reqwest::Client::new()
        .post(format!("{}/mcp", app.url))
        .bearer_auth(&token)
        .header("x-hub-team", &app.team)
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("mcp-session-id"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_listen_stream_notifies_changes_and_ends_with_its_token() {
    let app = TestApp::new();
    let (ann, token_id) = app.as_agent("ann").await;
    let token = ann.token.clone().unwrap();
    let filter = json!({"notifications": {"resourceSubscriptions": ["agent-hub://inbox", "file:///elsewhere"]}});
    let mut stream = request(&app, &token, "subscriptions/listen", filter, &[]).await;
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let ack = next_chunk(&mut stream).await;
    assert!(ack.contains("notifications/subscriptions/acknowledged"), "{ack}");
    assert!(ack.contains("\"io.modelcontextprotocol/subscriptionId\":7"), "{ack}");
    assert!(ack.contains("agent-hub://inbox") && !ack.contains("elsewhere"), "only what it honours: {ack}");

    let sent = std::time::Instant::now();
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "listen to this"})).await;
    let update = next_chunk(&mut stream).await;
    assert!(update.contains("notifications/resources/updated") && update.contains("agent-hub://inbox"), "{update}");
    assert!(sent.elapsed() < Duration::from_secs(2), "within 2 s: {:?}", sent.elapsed());
    let (_, read) = rpc(&app, &token, "resources/read", json!({"uri": "agent-hub://inbox"}), &[]).await;
    assert!(read["result"]["contents"][0]["text"].as_str().unwrap().contains("listen to this"), "{read}");

    assert_eq!(app.delete(&format!("/coordinator/tokens/{token_id}")).await.status, 200);
    let mut rest = String::new();
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        while let Ok(Some(bytes)) = stream.chunk().await {
            rest.push_str(&String::from_utf8_lossy(&bytes));
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream ends once its token is revoked: {rest}");
    assert!(rest.contains("revoked"), "and says why: {rest}");
    let (status, _) = rpc(&app, &token, "tools/list", json!({}), &[]).await;
    assert_eq!(status, 401, "the next request of a revoked token is refused");
}

/// The next chunk of an SSE stream, within 5 s.
async fn next_chunk(stream: &mut reqwest::Response) -> String {
    let chunk = tokio::time::timeout(Duration::from_secs(5), stream.chunk()).await.expect("in time");
    String::from_utf8_lossy(&chunk.expect("readable").expect("a chunk")).into_owned()
}
