//! The body limit holds without `Content-Length`: a chunked body is read by
//! the Worker only up to the limit, and refused before any object wakes;
//! socket messages have the same limit.

use std::io::{Read, Write};
use std::net::TcpStream;

use hub_protocol::{AgentEvent, ChatResponse, Event, MAX_BODY_BYTES};
use hub_tests::{admin_token, TestApp};
use serde_json::json;

/// `POST path` with a chunked body of `size` bytes of JSON string; the
/// status line's code.
fn chunked_post(url: &str, team: &str, path: &str, token: Option<&str>, size: usize) -> u16 {
    let addr = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).expect("hub");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nX-Hub-Team: {team}\r\n{auth}Content-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    s.write_all(head.as_bytes()).expect("head");
    let body = format!(r#"{{"author":"ann","message":"{}"}}"#, "x".repeat(size));
    for chunk in body.as_bytes().chunks(16 * 1024) {
        // The hub may answer and close before the whole body is sent.
        if s.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).is_err()
            || s.write_all(chunk).is_err()
            || s.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = s.write_all(b"0\r\n\r\n");
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn chunked_bodies_are_capped_before_any_object_wakes() {
    let app = TestApp::new();
    app.create_team().await;
    let token = admin_token();
    let (url, team) = (app.url.clone(), app.team.clone());
    let statuses = tokio::task::spawn_blocking(move || {
        let post = |path, token, size| chunked_post(&url, &team, path, token, size);
        (
            post("/coordinator/chat", Some(token.as_str()), 100),
            post("/coordinator/chat", Some(token.as_str()), MAX_BODY_BYTES + 1),
            post("/coordinator/join", None, 4 * 1024 * 1024),
        )
    })
    .await
    .unwrap();
    assert_eq!(statuses, (200, 413, 413), "small chunked body, too big, anonymous join of 4 MiB");
    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(chat.messages.len(), 1, "only the small message was stored");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn socket_messages_have_the_body_limit() {
    let app = TestApp::new();
    let mut agent = app.connect_agent("ann").await;
    let big = "x".repeat(MAX_BODY_BYTES + 1);
    agent.send_json(json!({"type": "checkpoint-save", "payload": {"conversationSummary": big}})).await;
    let e = agent.until_agent(|e| matches!(e, AgentEvent::Error(_))).await;
    assert!(matches!(e, AgentEvent::Error(ref b) if b.error.contains("larger than")), "{e:?}");
    let mut team = app.connect(Some("ann")).await;
    team.send_json(json!({"type": "chat", "payload": {"author": "ann", "message": big}})).await;
    let e = team.until(|e| matches!(e.event, Event::Error(_))).await;
    assert!(matches!(e.event, Event::Error(ref b) if b.error.contains("larger than")), "{:?}", e.event);
}
