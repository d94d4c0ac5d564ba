//! WebSockets under the same rules as requests: revoking a token closes the
//! sockets opened with it; handshakes and messages count against the write
//! limits; an agent and a team hold a bounded number of sockets.

use std::time::Duration;

use hub_protocol::{AgentEvent, Envelope, Event};
use hub_tests::{OwnHub, Socket, TestApp};
use serde_json::json;

fn urls(app: &TestApp, agent: &str) -> (String, String) {
    let ws = app.url.replacen("http", "ws", 1);
    (format!("{ws}/coordinator?team={}&agentId={agent}", app.team), format!("{ws}/agent/{agent}?team={}", app.team))
}

fn refusal(e: tokio_tungstenite::tungstenite::Error) -> (u16, String) {
    match e {
        tokio_tungstenite::tungstenite::Error::Http(res) => {
            let body = res.body().as_ref().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
            (res.status().as_u16(), body)
        }
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn revoking_a_token_closes_its_sockets() {
    let app = TestApp::new();
    let (ann, id) = app.as_agent("ann").await;
    let (_, other_id) = app.as_agent("bob").await;
    let (team_url, agent_url) = urls(&app, "ann");
    let mut team = Socket::connect(&team_url, ann.token.as_deref()).await;
    let mut mine = Socket::connect(&agent_url, ann.token.as_deref()).await;
    team.next().await;
    mine.next_of::<AgentEvent>().await;

    assert_eq!(app.delete(&format!("/coordinator/tokens/{other_id}")).await.status, 200);
    assert_eq!(
        team.closed_by_hub(Duration::from_millis(800)).await,
        None,
        "another token's revocation leaves ann's sockets open"
    );

    assert_eq!(app.delete(&format!("/coordinator/tokens/{id}")).await.status, 200);
    assert_eq!(team.closed_by_hub(Duration::from_secs(5)).await, Some(1008), "the team socket closes (policy)");
    assert_eq!(mine.closed_by_hub(Duration::from_secs(5)).await, Some(1008), "the agent socket closes too");

    // Every token of an agent at once, sockets included.
    let (ann2, _) = app.as_agent("ann").await;
    let mut again = Socket::connect(&agent_url, ann2.token.as_deref()).await;
    again.next_of::<AgentEvent>().await;
    assert_eq!(app.delete("/coordinator/tokens?agentId=ann").await.status, 200);
    assert_eq!(again.closed_by_hub(Duration::from_secs(5)).await, Some(1008));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn sockets_are_capped_per_agent_and_team_and_their_messages_are_writes() {
    let hub = OwnHub::start(
        "sockets",
        8789,
        &[
            ("HUB_SOCKETS_PER_AGENT", "2"),
            ("HUB_SOCKETS_PER_TEAM", "3"),
            ("HUB_WRITE_BURST", "6"),
            ("HUB_WRITES_PER_SEC", "0.01"),
        ],
    )
    .await;
    let app = TestApp::on(hub.url());
    let (ann, _) = app.as_agent("ann").await;
    let (bob, _) = app.as_agent("bob").await;
    let (team_url, _) = urls(&app, "ann");
    let (bob_url, bob_own) = urls(&app, "bob");

    let mut first = Socket::connect(&team_url, ann.token.as_deref()).await;
    first.next().await;
    let _second = Socket::connect(&team_url, ann.token.as_deref()).await;
    let (status, body) = refusal(Socket::try_connect(&team_url, ann.token.as_deref()).await.err().expect("third"));
    assert_eq!(status, 429);
    assert!(body.contains("2 team sockets"), "{body}");

    let _bob = Socket::connect(&bob_url, bob.token.as_deref()).await;
    let (status, body) = refusal(Socket::try_connect(&bob_url, bob.token.as_deref()).await.err().expect("team full"));
    assert_eq!(status, 429, "the team holds three");
    assert!(body.contains("team has 3 sockets"), "{body}");

    // Messages draw on the socket's own bucket of six: the seventh is refused.
    let mut own = Socket::connect(&bob_own, bob.token.as_deref()).await;
    own.next_of::<AgentEvent>().await;
    let mut refused = false;
    for _ in 0..8 {
        own.send_json(json!({"type": "ping"})).await;
        if let AgentEvent::Error(e) = own.next_of::<AgentEvent>().await.event {
            assert!(e.error.contains("retry after"), "{}", e.error);
            refused = true;
            break;
        }
    }
    assert!(refused, "socket messages count against the write limit");

    // The team socket's messages are counted too (in the socket's own bucket).
    let mut refused = false;
    for _ in 0..10 {
        first.send_json(json!({"type": "ping"})).await;
        let e: Envelope = first.until(|e| matches!(e.event, Event::Pong | Event::Error(_))).await;
        if matches!(e.event, Event::Error(_)) {
            refused = true;
            break;
        }
    }
    assert!(refused, "team socket pings are writes");
}
