//! How fast a DM reaches its recipient, on a team of its own with `agents`
//! agents (a token each): from the `POST` of the DM to its arrival on the
//! recipient's own socket, on its MCP event stream, and in the answer of
//! its next hook call (the DM's `POST`, then a `PostToolUse`); and how long
//! a socket reconnecting with `?since=` takes to get 1,000 missed events.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::json;
use tokio::sync::Mutex;

use crate::scenarios::Hub;
use crate::stats::{summarize, Summary};

#[derive(Debug, serde::Serialize)]
pub struct Delivery {
    pub agents: usize,
    pub to_socket: Summary,
    pub to_mcp_stream: Summary,
    pub to_next_hook: Summary,
    /// Reconnect with `?since=` to the 1,000th missed event.
    pub replay_1000_ms: f64,
}

/// Arrival times of marked messages, by marker.
type Arrivals = Arc<Mutex<HashMap<String, Instant>>>;

/// The marker `dlv-<n>-` in `text`, if there is one.
fn marker(text: &str) -> Option<String> {
    let rest = text.split("dlv-").nth(1)?;
    Some(format!("dlv-{}", rest.split('-').next()?))
}

pub async fn delivery(base: &Hub, agents: usize, samples: usize) -> Delivery {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let team = format!("delivery{secs}");
    base.call("POST", "/registry/teams", Some(json!({ "name": team }))).await;
    let hub = Hub::new(&base.url, &team).with_token(base.token());
    let mut as_agent = Vec::with_capacity(agents);
    for a in 0..agents {
        as_agent.push(hub.as_agent(&format!("d{a}")).await);
    }
    let ws = hub.url.replacen("http", "ws", 1);

    // Sockets: every agent listens on its own.
    let arrivals: Arrivals = Arc::default();
    let mut readers = Vec::new();
    for (a, h) in as_agent.iter().enumerate() {
        let mut socket = h.websocket(&format!("{ws}/agent/d{a}?team={team}")).await;
        let arrivals = arrivals.clone();
        readers.push(tokio::spawn(async move {
            while let Some(Ok(msg)) = socket.next().await {
                if let Some(m) = msg.into_text().ok().as_deref().and_then(marker) {
                    arrivals.lock().await.insert(m, Instant::now());
                }
            }
        }));
    }
    let to_socket = measure(&hub, samples, agents, "s", &arrivals).await;
    for r in readers.drain(..) {
        r.abort();
    }

    // MCP streams: a session each, its GET stream read as it comes.
    let arrivals: Arrivals = Arc::default();
    for h in &as_agent {
        let http = reqwest::Client::new();
        let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}});
        let res = http
            .post(format!("{}/mcp", h.url))
            .bearer_auth(h.token())
            .header("x-hub-team", &team)
            .header("accept", "application/json, text/event-stream")
            .json(&init)
            .send()
            .await
            .expect("initialize");
        let sid = res.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let mut stream = http
            .get(format!("{}/mcp", h.url))
            .bearer_auth(h.token())
            .header("x-hub-team", &team)
            .header("mcp-session-id", sid)
            .header("accept", "text/event-stream")
            .send()
            .await
            .expect("stream");
        let arrivals = arrivals.clone();
        readers.push(tokio::spawn(async move {
            while let Ok(Some(chunk)) = stream.chunk().await {
                if let Some(m) = marker(&String::from_utf8_lossy(&chunk)) {
                    arrivals.lock().await.insert(m, Instant::now());
                }
            }
        }));
    }
    let to_mcp_stream = measure(&hub, samples, agents, "m", &arrivals).await;
    for r in readers {
        r.abort();
    }

    // Hooks: the DM, then the recipient's next PostToolUse.
    let mut hook = Vec::with_capacity(samples);
    let post = json!({"hook_event_name": "PostToolUse", "tool_name": "Read", "tool_input": {}});
    for h in &as_agent {
        h.call("POST", "/hooks/claude-code", Some(post.clone())).await; // what came before
    }
    for n in 0..samples {
        let a = n % agents;
        let started = Instant::now();
        hub.call(
            "POST",
            format!("/agent/d{a}/messages"),
            Some(json!({"from": "bench", "message": format!("dlv-h{n}-")})),
        )
        .await;
        let answer = as_agent[a].json("POST", "/hooks/claude-code", Some(post.clone())).await;
        assert!(answer.to_string().contains(&format!("dlv-h{n}-")), "the hook carries the DM: {answer}");
        hook.push(started.elapsed());
    }

    // Replay: 1,000 DMs while the socket is away.
    let last = hub.json("POST", "/agent/d0/news", Some(json!({"peek": true}))).await["seq"].as_u64().unwrap_or(0);
    for chunk in (0..1000).collect::<Vec<_>>().chunks(32) {
        let sends = chunk.iter().map(|i| {
            hub.call("POST", "/agent/d0/messages", Some(json!({"from": "bench", "message": format!("away {i}")})))
        });
        futures_util::future::join_all(sends).await;
    }
    let started = Instant::now();
    let mut socket = as_agent[0].websocket(&format!("{ws}/agent/d0?team={team}&since={last}")).await;
    let mut seen = 0;
    while seen < 1000 {
        match tokio::time::timeout(Duration::from_secs(10), socket.next()).await {
            Ok(Some(Ok(msg))) if msg.to_text().is_ok_and(|t| t.contains("\"seq\"")) => seen += 1,
            Ok(Some(Ok(_))) => {}
            _ => break,
        }
    }
    assert_eq!(seen, 1000, "every missed event replayed");
    let replay_1000_ms = started.elapsed().as_secs_f64() * 1000.0;

    Delivery { agents, to_socket, to_mcp_stream, to_next_hook: summarize(&mut hook), replay_1000_ms }
}

/// `samples` DMs, one after another, to agents in turn; each one's time
/// from its `POST` to its arrival.
async fn measure(hub: &Hub, samples: usize, agents: usize, kind: &str, arrivals: &Arrivals) -> Summary {
    let mut took = Vec::with_capacity(samples);
    for n in 0..samples {
        let mark = format!("dlv-{kind}{n}");
        let started = Instant::now();
        let to = format!("/agent/d{}/messages", n % agents);
        hub.call("POST", to, Some(json!({"from": "bench", "message": format!("{mark}-")}))).await;
        let deadline = started + Duration::from_secs(5);
        loop {
            if let Some(at) = arrivals.lock().await.get(&mark) {
                took.push(at.saturating_duration_since(started));
                break;
            }
            if Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
    }
    assert_eq!(took.len(), samples, "every DM arrived ({kind})");
    summarize(&mut took)
}
