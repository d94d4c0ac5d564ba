//! The measured scenarios. Each talks to the hub on loopback only and is
//! bounded in count and time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::stats::{summarize, Summary};

#[derive(Clone)]
pub struct Hub {
    pub url: String,
    pub team: String,
    /// The bearer token (`HUB_TOKEN`; `cargo xtask bench` passes the bench
    /// hub's human token).
    token: String,
    pub(crate) http: reqwest::Client,
}

impl Hub {
    pub fn new(url: &str, team: &str) -> Self {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let token = std::env::var("HUB_TOKEN").unwrap_or_default();
        Self { url: url.to_owned(), team: team.to_owned(), token, http }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The same hub, calling with another token.
    pub fn with_token(&self, token: &str) -> Self {
        Self { token: token.to_owned(), ..self.clone() }
    }

    /// Opens a WebSocket with the token.
    pub async fn websocket(
        &self,
        url: &str,
    ) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut req = url.into_client_request().expect("ws url");
        if !self.token.is_empty() {
            req.headers_mut().insert("authorization", format!("Bearer {}", self.token).parse().expect("header"));
        }
        tokio_tungstenite::connect_async(req).await.expect("subscribe").0
    }

    /// One request; panics on a transport error, returns the status.
    pub async fn call(&self, method: &'static str, path: impl Into<String>, body: Option<Value>) -> u16 {
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .http
            .request(m, format!("{}{}", self.url, path.into()))
            .header(hub_protocol::TeamId::HEADER, &self.team);
        if !self.token.is_empty() {
            req = req.bearer_auth(&self.token);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("hub reachable");
        let status = res.status().as_u16();
        let _ = res.bytes().await;
        status
    }

    pub async fn json(&self, method: &'static str, path: impl Into<String>, body: Option<Value>) -> Value {
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .http
            .request(m, format!("{}{}", self.url, path.into()))
            .header(hub_protocol::TeamId::HEADER, &self.team);
        if !self.token.is_empty() {
            req = req.bearer_auth(&self.token);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("hub reachable").json().await.expect("json")
    }
}

/// Sequential latency of one operation: `warmup` unmeasured, then `n`.
pub async fn latency<F, Fut>(warmup: usize, n: usize, mut op: F) -> Summary
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = u16>,
{
    for i in 0..warmup {
        op(i).await;
    }
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        let status = op(warmup + i).await;
        samples.push(t.elapsed());
        assert!(status < 500, "server error {status}");
    }
    summarize(&mut samples)
}

#[derive(Debug, serde::Serialize)]
pub struct Throughput {
    pub clients: usize,
    pub ops: usize,
    pub ops_per_sec: f64,
    pub latency: Summary,
}

/// `clients` tasks run the mixed agent workload for `secs`.
pub async fn throughput(hub: &Hub, clients: usize, secs: f64) -> Throughput {
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let hub = hub.clone();
            tokio::spawn(async move {
                let agent = format!("load-{clients}-{c}");
                let path = format!("/lock/src%2Fload-{clients}-{c}.rs");
                let trace = hub.json("POST", format!("/agent/{agent}/trace"), Some(json!({"task": "load"}))).await;
                let sid = trace["trace"]["sessionId"].as_str().unwrap_or("none").to_owned();
                let mut samples = Vec::new();
                let mut i = 0usize;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let status = match i % 5 {
                        0 => {
                            hub.call(
                                "POST",
                                "/coordinator/agents",
                                Some(json!({"agentId": agent, "workingOn": "load"})),
                            )
                            .await
                        }
                        1 => {
                            hub.call("POST", "/coordinator/chat", Some(json!({"author": agent, "message": "working"})))
                                .await
                        }
                        2 => {
                            hub.call("POST", format!("{path}/lock"), Some(json!({"agentId": agent, "ttlMs": 60000})))
                                .await
                        }
                        3 => hub.call("POST", format!("{path}/unlock"), Some(json!({"agentId": agent}))).await,
                        _ => {
                            hub.call(
                                "POST",
                                format!("/agent/{agent}/trace/{sid}/step"),
                                Some(json!({"tool": "edit", "outcome": "found", "durationMs": 5})),
                            )
                            .await
                        }
                    };
                    samples.push(t.elapsed());
                    assert!(status < 500, "server error {status}");
                    i += 1;
                }
                samples
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client task"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ops = all.len();
    Throughput { clients, ops, ops_per_sec: ops as f64 / elapsed, latency: summarize(&mut all) }
}

/// Coordinator writes only (chat posts) from `clients` at once.
pub async fn coordinator_writes(hub: &Hub, clients: usize, per_client: usize) -> Summary {
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let hub = hub.clone();
            tokio::spawn(async move {
                let mut samples = Vec::new();
                for _ in 0..per_client {
                    let t = Instant::now();
                    hub.call("POST", "/coordinator/chat", Some(json!({"author": format!("w{c}"), "message": "write"})))
                        .await;
                    samples.push(t.elapsed());
                }
                samples
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("writer"));
    }
    summarize(&mut all)
}

#[derive(Debug, serde::Serialize)]
pub struct Fanout {
    /// From the POST returning to the last socket's receipt (0 when the
    /// broadcast beat the HTTP answer, as it usually does).
    pub after_return: Summary,
    /// From sending the POST to the last socket's receipt.
    pub after_send: Summary,
}

/// Time until the last of `subscribers` sockets receives a posted chat
/// message, over `rounds` posts.
pub async fn fanout(hub: &Hub, subscribers: usize, rounds: usize) -> Fanout {
    let ws_url = format!("{}/coordinator?team={}", hub.url.replacen("http", "ws", 1), hub.team);
    let received = Arc::new(AtomicU64::new(0));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, Instant)>();
    let mut readers = Vec::new();
    for s in 0..subscribers {
        let mut ws = hub.as_agent(&format!("fanout-{s}")).await.websocket(&ws_url).await;
        ws.next().await; // welcome
        let tx = tx.clone();
        let received = received.clone();
        readers.push(tokio::spawn(async move {
            while let Some(Ok(msg)) = ws.next().await {
                if let Ok(text) = msg.into_text() {
                    if let Some(round) = text
                        .split("fanout-round-")
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .and_then(|r| r.parse::<usize>().ok())
                    {
                        received.fetch_add(1, Ordering::Relaxed);
                        let _ = tx.send((round, Instant::now()));
                    }
                }
            }
            let _ = s;
        }));
    }
    let (mut samples, mut from_send) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let sent = Instant::now();
        hub.call(
            "POST",
            "/coordinator/chat",
            Some(json!({"author": "bench", "message": format!("fanout-round-{round}")})),
        )
        .await;
        let returned = Instant::now();
        let mut last = returned;
        let mut got = 0;
        let deadline = returned + Duration::from_secs(10);
        while got < subscribers {
            match tokio::time::timeout_at(deadline.into(), rx.recv()).await {
                Ok(Some((r, at))) if r == round => {
                    got += 1;
                    last = last.max(at);
                }
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        assert_eq!(got, subscribers, "every subscriber gets round {round}");
        samples.push(last.saturating_duration_since(returned));
        from_send.push(last.saturating_duration_since(sent));
    }
    for r in readers {
        r.abort();
    }
    Fanout { after_return: summarize(&mut samples), after_send: summarize(&mut from_send) }
}

#[derive(Debug, serde::Serialize)]
pub struct Contention {
    pub clients: usize,
    pub seconds: f64,
    pub attempts: u64,
    pub grants: u64,
    pub grants_per_sec: f64,
    /// Grants whose holder received the lock before the previous holder
    /// had even sent its unlock: proof of two holders at once. Must be 0.
    pub overlaps: usize,
}

/// A grant as a client saw it: its fencing token, when the client had it,
/// and when it sent the unlock.
type Grant = (u64, Instant, Instant);

/// Unlocks `path` as `agent` right after being granted `token`.
async fn release(hub: &Hub, path: &str, agent: &str, token: u64) -> Grant {
    let got = Instant::now();
    hub.call("POST", format!("{path}/unlock"), Some(json!({"agentId": agent}))).await;
    (token, got, got)
}

/// Counts grants and overlaps: in token order, a grant received before the
/// previous holder even sent its unlock means two holders at once.
fn tally(mut grants: Vec<Grant>, clients: usize, secs: f64, attempts: u64) -> Contention {
    grants.sort_by_key(|g| g.0);
    let overlaps = grants.windows(2).filter(|w| w[1].1 < w[0].2).count();
    let n = grants.len() as u64;
    Contention { clients, seconds: secs, attempts, grants: n, grants_per_sec: n as f64 / secs, overlaps }
}

/// Runs `clients` lockers (each given its index, the deadline and the
/// shared attempt counter) until the deadline, then counts their grants.
async fn race<F, Fut>(clients: usize, secs: f64, locker: F) -> Contention
where
    F: Fn(usize, Instant, Arc<AtomicU64>) -> Fut,
    Fut: std::future::Future<Output = Vec<Grant>> + Send + 'static,
{
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let attempts = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..clients).map(|c| tokio::spawn(locker(c, deadline, attempts.clone()))).collect();
    let mut grants = Vec::new();
    for t in tasks {
        grants.extend(t.await.expect("locker"));
    }
    tally(grants, clients, secs, attempts.load(Ordering::Relaxed))
}

/// `clients` agents lock, then unlock, one path as fast as they can.
pub async fn contention(hub: &Hub, clients: usize, secs: f64) -> Contention {
    let path = "/lock/src%2Fhot.rs";
    race(clients, secs, |c, deadline, attempts| {
        let hub = hub.clone();
        async move {
            let agent = format!("hot-{c}");
            let mut grants = Vec::new();
            while Instant::now() < deadline {
                attempts.fetch_add(1, Ordering::Relaxed);
                let v = hub.json("POST", format!("{path}/lock"), Some(json!({"agentId": agent, "ttlMs": 30000}))).await;
                if v["success"] == true {
                    let token = v["lock"]["fencingToken"].as_u64().unwrap_or(0);
                    grants.push(release(&hub, path, &agent, token).await);
                }
            }
            grants
        }
    })
    .await
}

/// `clients` agents take turns on one path through the wait queue: each
/// asks with `wait: true`, and when queued learns of its grant from the
/// team socket's `lock-update`, then unlocks (which hands the lock on).
pub async fn queued_handoff(hub: &Hub, clients: usize, secs: f64) -> Contention {
    let path = "/lock/src%2Fqueued.rs";
    let ws_url = format!("{}/coordinator?team={}", hub.url.replacen("http", "ws", 1), hub.team);
    race(clients, secs, |c, deadline, attempts| {
        let (hub, ws_url) = (hub.clone(), ws_url.clone());
        async move {
            let agent = format!("queued-{c}");
            let mut ws = hub.as_agent(&agent).await.websocket(&ws_url).await;
            ws.next().await; // welcome
            let mut grants = Vec::new();
            while Instant::now() < deadline {
                attempts.fetch_add(1, Ordering::Relaxed);
                let v = hub
                    .json("POST", format!("{path}/lock"), Some(json!({"agentId": agent, "ttlMs": 30000, "wait": true})))
                    .await;
                let token = if v["success"] == true {
                    v["lock"]["fencingToken"].as_u64().unwrap_or(0)
                } else {
                    // Queued: wait for our grant to be announced. Only a
                    // grant newer than the holder we queued behind counts
                    // (the socket also carries our earlier, direct grants).
                    let behind = v["lock"]["fencingToken"].as_u64().unwrap_or(0);
                    let mut token = None;
                    let until = Instant::now() + Duration::from_secs(20);
                    while token.is_none() && Instant::now() < until {
                        match tokio::time::timeout(Duration::from_secs(20), ws.next()).await {
                            Ok(Some(Ok(msg))) => {
                                let Ok(text) = msg.into_text() else { continue };
                                let Ok(e) = serde_json::from_str::<Value>(&text) else { continue };
                                if e["type"] == "lock-update"
                                    && e["payload"]["action"] == "granted"
                                    && e["payload"]["agentId"] == agent.as_str()
                                {
                                    token = e["payload"]["lock"]["fencingToken"].as_u64().filter(|t| *t > behind);
                                }
                            }
                            _ => break,
                        }
                    }
                    match token {
                        Some(t) => t,
                        None => break,
                    }
                };
                grants.push(release(&hub, path, &agent, token).await);
            }
            grants
        }
    })
    .await
}
