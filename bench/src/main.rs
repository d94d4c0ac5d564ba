//! `hub-bench`: measures a running hub (started by `cargo xtask bench`) and
//! prints one table, plus JSON to `target/bench/results.json`.
//!
//! Every latency is also shown as a ratio to the *floor*: a request that goes
//! Worker → Durable Object → back and does nothing else, measured in the same
//! run. Absolute times drift on shared machines; ratios travel.

mod agents;
mod delivery;
mod mcp_speed;
mod scenarios;
mod stats;
mod versus;
mod work_graph;

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use serde_json::{json, Value};

use scenarios::{contention, coordinator_writes, fanout, latency, queued_handoff, throughput, Hub};

struct Args {
    url: String,
    root: PathBuf,
    start_ms: Option<f64>,
    quick: bool,
    /// The original hub's URL: run side by side instead.
    versus: Option<String>,
    /// Side by side: a second agent-hub that requires tokens.
    secure_url: Option<String>,
    /// Side by side: the floor (`bench/floor/`), the least work any hub
    /// can do on the same runtime.
    floor_url: Option<String>,
    node: PathBuf,
    /// `--only mcp`: only MCP against REST.
    only_mcp: bool,
}

fn args() -> Args {
    let mut a = Args {
        url: "http://127.0.0.1:8799".into(),
        root: PathBuf::from("."),
        start_ms: None,
        quick: false,
        versus: None,
        secure_url: None,
        floor_url: None,
        node: PathBuf::from("node"),
        only_mcp: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        match k.as_str() {
            "--url" => a.url = it.next().expect("--url URL"),
            "--root" => a.root = PathBuf::from(it.next().expect("--root DIR")),
            "--start-ms" => a.start_ms = it.next().and_then(|v| v.parse().ok()),
            "--quick" => a.quick = true,
            "--versus" => a.versus = Some(it.next().expect("--versus URL")),
            "--secure-url" => a.secure_url = Some(it.next().expect("--secure-url URL")),
            "--floor-url" => a.floor_url = Some(it.next().expect("--floor-url URL")),
            "--node" => a.node = PathBuf::from(it.next().expect("--node PATH")),
            "--only" => a.only_mcp = it.next().as_deref() == Some("mcp"),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn gz(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip").len()
}

fn size(path: PathBuf) -> Value {
    match std::fs::read(&path) {
        Ok(b) => json!({ "path": path.display().to_string(), "rawBytes": b.len(), "gzipBytes": gz(&b) }),
        Err(e) => json!({ "path": path.display().to_string(), "error": e.to_string() }),
    }
}

#[tokio::main]
async fn main() {
    let a = args();
    if let Some(original) = &a.versus {
        side_by_side(&a, original).await;
        return;
    }
    let started = Instant::now();
    let team = format!(
        "bench{}",
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    );
    let hub = Hub::new(&a.url, &team);
    // Teams are created on purpose, by a human (the bench's token is one).
    hub.call("POST", "/registry/teams", Some(json!({ "name": team }))).await;
    let (warm, n) = if a.quick { (5, 30) } else { (30, 200) };
    let mut table: Vec<(String, String)> = Vec::new();
    let mut out = json!({ "url": a.url, "team": team });
    if a.only_mcp {
        mcp_vs_rest(&hub, &a, &mut table, &mut out).await;
        for (k, v) in &table {
            println!("  {k:<44}  {v}");
        }
        return;
    }

    // Cold vs warm object: the first request to a new agent's object, then the next.
    let t = Instant::now();
    hub.call("GET", "/agent/cold-probe/state", None).await;
    let cold = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    hub.call("GET", "/agent/cold-probe/state", None).await;
    let warm_ms = t.elapsed().as_secs_f64() * 1000.0;
    out["objectFirstRequestMs"] = json!({ "cold": cold, "warm": warm_ms });

    let floor = latency(warm, n * 3 / 2, |_| hub.call("GET", "/coordinator/ping", None)).await;
    out["floor"] = json!(floor);
    table.push((
        "floor: Worker → DO → back".into(),
        format!("p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms", floor.p50_ms, floor.p99_ms, floor.max_ms),
    ));

    // Fixtures for the sequential runs.
    hub.call("POST", "/coordinator/agents", Some(json!({"agentId": "seq"}))).await;
    hub.call("POST", "/agent/seq/soul", Some(json!({}))).await;
    let tr = hub.json("POST", "/agent/seq/trace", Some(json!({"task": "bench"}))).await;
    let sid = tr["trace"]["sessionId"].as_str().unwrap_or("x").to_owned();

    let mut seq = serde_json::Map::new();
    macro_rules! measure {
        ($name:expr, $op:expr) => {{
            let s = latency(warm, n, $op).await;
            table.push(($name.to_string(), format!("p50 {:.2} ms ({:.2}×)  p99 {:.2} ms  max {:.2} ms", s.p50_ms, s.p50_ms / floor.p50_ms, s.p99_ms, s.max_ms)));
            seq.insert($name.to_string(), json!({ "summary": s, "p50RatioToFloor": s.p50_ms / floor.p50_ms }));
        }};
    }
    measure!("health", |_| hub.call("GET", "/health", None));
    measure!("agent register", |i| hub.call(
        "POST",
        "/coordinator/agents",
        Some(json!({"agentId": format!("seq{}", i % 20), "workingOn": "bench"}))
    ));
    measure!("hot-start /work", |_| hub.call("GET", "/coordinator/work?agentId=seq", None));
    measure!("post chat", |i| hub.call(
        "POST",
        "/coordinator/chat",
        Some(json!({"author": "seq", "message": format!("m{i}")}))
    ));
    measure!("get chat", |_| hub.call("GET", "/coordinator/chat?limit=50", None));
    measure!("create task", |i| hub.call("POST", "/coordinator/tasks", Some(json!({"title": format!("t{i}")}))));
    measure!("lock", |i| hub.call("POST", format!("/lock/seq-{i}.rs/lock"), Some(json!({"agentId": "seq"}))));
    measure!("check lock", |i| hub.call("GET", format!("/lock/seq-{}.rs/check", i % 50), None));
    measure!("unlock", |i| hub.call("POST", format!("/lock/seq-{i}.rs/unlock"), Some(json!({"agentId": "seq"}))));
    measure!("checkpoint save", |i| hub.call(
        "POST",
        "/agent/seq/checkpoint",
        Some(json!({"conversationSummary": format!("s{i}")}))
    ));
    let step_path = format!("/agent/seq/trace/{sid}/step");
    measure!("trace step", |_| hub.call(
        "POST",
        step_path.clone(),
        Some(json!({"tool": "edit", "outcome": "found", "durationMs": 5}))
    ));
    measure!("dashboard", |_| hub.call("GET", "/agent/seq/dashboard", None));
    // What needs the humans: an agent asks (a stored approval, a webhook
    // check), then the list, computed from every fact the team holds (by
    // now 200+ tasks, chat and the open approvals).
    measure!("approval ask", |i| hub.call(
        "POST",
        "/coordinator/approvals",
        Some(json!({"agentId": format!("seq{}", i % 20), "question": format!("deploy {i}?")}))
    ));
    measure!("attention list", |_| hub.call("GET", "/coordinator/attention", None));
    // Auth: the human token is a comparison; an agent token is verified by
    // its team's coordinator once, then cached by the isolate for 10 s.
    let minted = hub.json("POST", "/coordinator/tokens", Some(json!({"agentId": "seq"}))).await;
    let agent_hub = hub.with_token(minted["token"].as_str().unwrap_or_default());
    let t = Instant::now();
    agent_hub.call("GET", "/lock/seq-0.rs/check", None).await;
    let first_ms = t.elapsed().as_secs_f64() * 1000.0;
    table.push(("agent token: first request (verified)".into(), format!("{first_ms:.2} ms")));
    out["agentTokenFirstRequestMs"] = json!(first_ms);
    measure!("check lock, agent token (cached)", |i| agent_hub.call(
        "GET",
        format!("/lock/seq-{}.rs/check", i % 50),
        None
    ));
    out["sequential"] = Value::Object(seq);

    let secs = if a.quick { 1.0 } else { 3.0 };
    let mut tp = Vec::new();
    for clients in [1, 8, 32, 128] {
        let t = throughput(&hub, clients, secs).await;
        table.push((
            format!("mixed load, {clients} clients"),
            format!("{:.0} ops/s  p50 {:.2} ms  p99 {:.2} ms", t.ops_per_sec, t.latency.p50_ms, t.latency.p99_ms),
        ));
        tp.push(t);
    }
    out["throughput"] = json!(tp);
    let writes = coordinator_writes(&hub, 32, if a.quick { 5 } else { 20 }).await;
    table.push((
        "coordinator writes, 32 clients".into(),
        format!("p50 {:.2} ms  p99 {:.2} ms", writes.p50_ms, writes.p99_ms),
    ));
    out["coordinatorWrites32"] = json!(writes);

    let mut fan = serde_json::Map::new();
    for subs in [10, 100, 500] {
        let s = fanout(&hub, subs, if a.quick { 5 } else { 20 }).await;
        table.push((
            format!("fan-out to {subs} sockets"),
            format!(
                "after POST returns: p50 {:.2} ms  p99 {:.2} ms; after POST sent: p50 {:.2} ms  p99 {:.2} ms",
                s.after_return.p50_ms, s.after_return.p99_ms, s.after_send.p50_ms, s.after_send.p99_ms
            ),
        ));
        fan.insert(subs.to_string(), json!(s));
    }
    out["fanout"] = Value::Object(fan);

    let c = contention(&hub, 50, if a.quick { 2.0 } else { 10.0 }).await;
    table.push((
        "lock contention, 50 clients".into(),
        format!(
            "{} attempts, {} grants, {:.0} grants/s, {} overlaps",
            c.attempts, c.grants, c.grants_per_sec, c.overlaps
        ),
    ));
    assert_eq!(c.overlaps, 0, "two holders at once");
    out["contention"] = json!(c);
    let q = queued_handoff(&hub, 50, if a.quick { 2.0 } else { 10.0 }).await;
    table.push((
        "lock hand-off via wait queue, 50 clients".into(),
        format!(
            "{} requests, {} grants, {:.0} grants/s, {} overlaps",
            q.attempts, q.grants, q.grants_per_sec, q.overlaps
        ),
    ));
    assert_eq!(q.overlaps, 0, "two holders at once");
    out["queuedHandoff"] = json!(q);

    let tasks = if a.quick { 1_000 } else { 10_000 };
    let g = work_graph::work_graph(&hub, tasks, 32, if a.quick { 50 } else { 200 }).await;
    table.push((
        format!("ready queue, {tasks} ready tasks"),
        format!("p50 {:.2} ms  p99 {:.2} ms", g.ready.p50_ms, g.ready.p99_ms),
    ));
    table.push((
        format!("take, 32 connections, {tasks} tasks"),
        format!("{:.0} takes/s  p50 {:.2} ms  p99 {:.2} ms, each once", g.takes_per_sec, g.take.p50_ms, g.take.p99_ms),
    ));
    out["workGraph"] = json!(g);

    let d = delivery::delivery(&hub, 100, if a.quick { 50 } else { 300 }).await;
    for (name, s) in [("socket", &d.to_socket), ("MCP stream", &d.to_mcp_stream), ("next hook answer", &d.to_next_hook)]
    {
        table.push((
            format!("DM → {name}, {} agents", d.agents),
            format!("p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms", s.p50_ms, s.p99_ms, s.max_ms),
        ));
    }
    table.push(("replay of 1,000 missed events (?since=)".into(), format!("{:.0} ms", d.replay_1000_ms)));
    out["delivery"] = json!(d);

    mcp_vs_rest(&hub, &a, &mut table, &mut out).await;

    let worker = size(a.root.join("worker/build/index_bg.wasm"));
    let portal = size(a.root.join("site/pkg/hub.wasm"));
    for (name, v) in [("worker bundle (wasm)", &worker), ("portal wasm", &portal)] {
        table.push((name.into(), format!("{} B raw, {} B gzipped", v["rawBytes"], v["gzipBytes"])));
    }
    out["sizes"] = json!({ "worker": worker, "portal": portal });
    if let Some(ms) = a.start_ms {
        table.push(("workerd start → first 200".into(), format!("{ms:.0} ms")));
        out["startMs"] = json!(ms);
    }
    table.push(("first request, cold vs warm object".into(), format!("{cold:.2} ms vs {warm_ms:.2} ms")));

    let width = table.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(10);
    println!(
        "\nagent-hub benchmark ({} requests per sequential row, {:.0} s total)\n",
        n,
        started.elapsed().as_secs_f64()
    );
    for (k, v) in &table {
        println!("  {k:<width$}  {v}");
    }
    let dir = a.root.join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let file = dir.join("results.json");
    std::fs::write(&file, serde_json::to_string_pretty(&out).expect("json")).expect("write results");
    println!("\nJSON: {}", file.display());
}

/// MCP in both eras against the REST calls they stand for.
async fn mcp_vs_rest(hub: &Hub, a: &Args, table: &mut Vec<(String, String)>, out: &mut Value) {
    let speed = mcp_speed::mcp_speed(hub, if a.quick { 1 } else { 3 }, if a.quick { 30 } else { 100 }, 2.0).await;
    if let Some(rest) = speed.iter().find(|f| f.way == mcp_speed::Way::Rest).cloned() {
        for f in &speed {
            table.push((
                format!("{}: lock+unlock, DM", f.way.name()),
                format!(
                    "1 client p50 {:.2} ms ({:.2}×), {:.2} ms ({:.2}×); 16 agents {:.0} pairs/s ({:.2}×), {:.0} DMs/s ({:.2}×)",
                    f.lock_pair_p50_ms,
                    f.lock_pair_p50_ms / rest.lock_pair_p50_ms,
                    f.dm_p50_ms,
                    f.dm_p50_ms / rest.dm_p50_ms,
                    f.lock_pairs_per_sec,
                    rest.lock_pairs_per_sec / f.lock_pairs_per_sec,
                    f.dms_per_sec,
                    rest.dms_per_sec / f.dms_per_sec,
                ),
            ));
        }
    }
    out["mcpSpeed"] = json!(speed);
}

/// `--versus URL`: the original and agent-hub (without and with a token)
/// side by side; one table, ratios to the original.
async fn side_by_side(a: &Args, original: &str) {
    let started = Instant::now();
    let peer = versus::peer_dir(&a.root).expect("../shared/peer/ with the seed benchmark");
    let token = std::env::var("HUB_TOKEN").unwrap_or_default();
    let secure = a.secure_url.as_deref().unwrap_or(&a.url);
    let mut targets = vec![
        versus::Target { name: "original", hub: Hub::new(original, "main").with_token(""), sockets: true },
        versus::Target { name: "agent-hub", hub: Hub::new(&a.url, "main").with_token(""), sockets: true },
        versus::Target { name: "agent-hub + token", hub: Hub::new(secure, "main").with_token(&token), sockets: true },
    ];
    if let Some(floor) = &a.floor_url {
        targets.push(versus::Target { name: "js floor", hub: Hub::new(floor, "main").with_token(""), sockets: false });
    }
    let setup = versus::Setup {
        targets,
        peer,
        node: a.node.clone(),
        rounds: if a.quick { 1 } else { 3 },
        secs: if a.quick { 2.0 } else { 3.0 },
    };
    let (rows, out) = versus::run(&setup).await;
    println!(
        "\nagent-hub vs the original, both on workerd, alternating ({} rounds, {:.0} s)\n",
        setup.rounds,
        started.elapsed().as_secs_f64()
    );
    for row in rows {
        println!("  {row}");
    }
    let dir = a.root.join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let file = dir.join("side-by-side.json");
    std::fs::write(&file, serde_json::to_string_pretty(&out).expect("json")).expect("write results");
    println!("\nJSON: {}", file.display());
}
