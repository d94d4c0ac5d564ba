//! What an MCP call costs beside the REST call it stands for, on one hub in
//! one run: `hub_lock` + `hub_unlock` and `hub_dm` over REST, over MCP in the
//! handshake era (a session) and over MCP at 2026-07-28 (stateless), at one
//! client (p50) and at 16 agents (ops/s). The ways alternate within each
//! round, so drift on a shared machine falls on all three alike.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::scenarios::Hub;
use crate::stats::{summarize, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Way {
    Rest,
    McpHandshake,
    McpStateless,
}

impl Way {
    pub const ALL: [Way; 3] = [Way::Rest, Way::McpHandshake, Way::McpStateless];

    pub fn name(self) -> &'static str {
        match self {
            Way::Rest => "REST",
            Way::McpHandshake => "MCP 2025-11-25 (session)",
            Way::McpStateless => "MCP 2026-07-28 (stateless)",
        }
    }
}

/// One way's figures (medians over the rounds).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Figures {
    pub way: Way,
    pub lock_pair_p50_ms: f64,
    pub dm_p50_ms: f64,
    pub lock_pairs_per_sec: f64,
    pub dms_per_sec: f64,
}

/// An agent calling one way.
#[derive(Clone)]
struct Agent {
    hub: Hub,
    id: String,
    way: Way,
    session: Option<String>,
}

impl Agent {
    async fn new(hub: &Hub, id: &str, way: Way) -> Self {
        let hub = hub.as_agent(id).await;
        let mut agent = Agent { hub, id: id.to_owned(), way, session: None };
        if way == Way::McpHandshake {
            let params = json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}});
            let res = agent.mcp("initialize", params).await;
            agent.session = res.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
            let _ = res.bytes().await;
        }
        agent
    }

    async fn mcp(&self, method: &str, mut params: Value) -> reqwest::Response {
        let mut req =
            self.hub.request(reqwest::Method::POST, "/mcp").header("accept", "application/json, text/event-stream");
        if let Some(sid) = &self.session {
            req = req.header("mcp-session-id", sid).header("mcp-protocol-version", "2025-11-25");
        }
        if self.way == Way::McpStateless {
            params["_meta"] = json!({
                "io.modelcontextprotocol/protocolVersion": "2026-07-28",
                "io.modelcontextprotocol/clientInfo": {"name": "bench", "version": "1"},
                "io.modelcontextprotocol/clientCapabilities": {},
            });
            req = req.header("mcp-protocol-version", "2026-07-28").header("mcp-method", method);
            if let Some(name) = params["name"].as_str() {
                req = req.header("mcp-name", name);
            }
        }
        let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
        req.json(&body).send().await.expect("hub reachable")
    }

    /// One tool call (or its REST request); true when it did what it says.
    async fn tool(&self, name: &str, arguments: Value, rest: (&'static str, String, Value)) -> bool {
        if self.way == Way::Rest {
            return self.hub.call(rest.0, rest.1, Some(rest.2)).await < 300;
        }
        let res = self.mcp("tools/call", json!({"name": name, "arguments": arguments})).await;
        let v: Value = res.json().await.expect("json");
        v["result"]["isError"] == false
    }

    async fn lock_pair(&self, file: &str) -> bool {
        let seg = file.replace('/', "%2F");
        let locked = self
            .tool(
                "hub_lock",
                json!({"path": file, "ttl_seconds": 60}),
                ("POST", format!("/lock/{seg}/lock"), json!({"agentId": self.id, "ttlMs": 60000})),
            )
            .await;
        let unlocked = self
            .tool(
                "hub_unlock",
                json!({"path": file}),
                ("POST", format!("/lock/{seg}/unlock"), json!({"agentId": self.id})),
            )
            .await;
        locked && unlocked
    }

    async fn dm(&self, to: &str, i: usize) -> bool {
        let message = format!("bench {i}");
        self.tool(
            "hub_dm",
            json!({"to": to, "message": message}),
            ("POST", format!("/agent/{to}/messages"), json!({"from": self.id, "message": message})),
        )
        .await
    }
}

async fn sequential<F, Fut>(n: usize, mut op: F) -> Summary
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for i in 0..n / 5 {
        op(i).await;
    }
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        assert!(op(i).await, "the call did not succeed");
        samples.push(t.elapsed());
    }
    summarize(&mut samples)
}

/// `agents` at once for `secs`: operations per second.
async fn concurrent(agents: &[Agent], secs: f64, dm: bool) -> f64 {
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let started = Instant::now();
    let runs: Vec<_> = agents
        .iter()
        .cloned()
        .enumerate()
        .map(|(k, a)| {
            let peer = format!("{}-peer", a.id);
            tokio::spawn(async move {
                let (mut done, file) = (0usize, format!("src/{}-{k}.rs", a.id));
                while Instant::now() < deadline {
                    let ok = if dm { a.dm(&peer, done).await } else { a.lock_pair(&file).await };
                    assert!(ok, "the call did not succeed");
                    done += 1;
                }
                done
            })
        })
        .collect();
    let mut total = 0;
    for r in runs {
        total += r.await.expect("agent");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub async fn mcp_speed(base: &Hub, rounds: usize, n: usize, secs: f64) -> Vec<Figures> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let team = format!("mcpspeed{stamp}");
    base.call("POST", "/registry/teams", Some(json!({ "name": team }))).await;
    let hub = Hub::new(&base.url, &team).with_token(base.token());
    let mut ways = Vec::new();
    for way in Way::ALL {
        let tag = format!("{way:?}").to_lowercase();
        let one = Agent::new(&hub, &format!("{tag}-one"), way).await;
        let mut many = Vec::new();
        for k in 0..16 {
            many.push(Agent::new(&hub, &format!("{tag}-{k}"), way).await);
        }
        ways.push((way, one, many));
    }
    let mut samples: Vec<[Vec<f64>; 4]> = Way::ALL.iter().map(|_| Default::default()).collect();
    for _ in 0..rounds {
        for (k, (_, one, many)) in ways.iter().enumerate() {
            let file = format!("src/{}.rs", one.id);
            samples[k][0].push(sequential(n, |_| one.lock_pair(&file)).await.p50_ms);
            samples[k][1].push(sequential(n, |i| one.dm("speed-peer", i)).await.p50_ms);
            samples[k][2].push(concurrent(many, secs, false).await);
            samples[k][3].push(concurrent(many, secs, true).await);
        }
    }
    ways.iter()
        .zip(samples)
        .map(|((way, ..), [a, b, c, d])| Figures {
            way: *way,
            lock_pair_p50_ms: median(a),
            dm_p50_ms: median(b),
            lock_pairs_per_sec: median(c),
            dms_per_sec: median(d),
        })
        .collect()
}
