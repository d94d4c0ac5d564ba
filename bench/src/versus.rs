//! Side by side with the original TypeScript hub (`../shared/peer/`), both
//! on the same workerd, measured in one run and alternating so machine noise
//! falls on both alike: the seed's own benchmark (run unchanged, by Node),
//! throughput at 32 connections, and WebSocket fan-out while a whole team
//! reconnects.
//!
//! agent-hub runs in its loopback compatibility mode (no token, as the
//! original) and, on a second hub of the same build, with a bearer token
//! (a secure hub): the human token, since the seed benchmark acts for an
//! agent id of its own choosing. The JavaScript floor (`bench/floor/`)
//! runs beside them: about the least work this design can do per call on
//! this runtime, so its ratios show how much room is left.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::sync::Mutex;

use crate::scenarios::Hub;
use crate::stats::{summarize, Summary};

/// One hub as the benchmark sees it.
pub struct Target {
    pub name: &'static str,
    pub hub: Hub,
    /// Whether it has the team socket (the floor has none).
    pub sockets: bool,
}

pub struct Setup {
    pub targets: Vec<Target>,
    /// `../shared/peer/`: the seed benchmark and its token shim.
    pub peer: PathBuf,
    pub node: PathBuf,
    pub rounds: usize,
    pub secs: f64,
}

/// Runs everything and returns the table rows and the JSON. Every part runs
/// `rounds` times, each round starting with another target, and reports
/// the median: one slow moment of this shared machine moves one round only.
pub async fn run(setup: &Setup) -> (Vec<String>, Value) {
    let mut rows = Vec::new();
    let seed = seed_rounds(setup);
    rows.extend(seed_table(&setup.targets, &seed));
    rows.push(String::new());
    let mut throughput = BTreeMap::new();
    for (name, op) in [("chat POST", Op::Chat), ("lock grant, fresh paths", Op::Lock), ("/health", Op::Health)] {
        let mut per = vec![Vec::new(); setup.targets.len()];
        for i in rotations(setup.targets.len(), setup.rounds) {
            per[i].push(closed_loop(&setup.targets[i].hub, op, 32, setup.secs).await);
        }
        let medians: Vec<f64> = per.iter().map(|v| median(v)).collect();
        rows.push(ratio_row(&format!("{name}, 32 connections (req/s)"), &medians));
        throughput.insert(name, per);
    }
    rows.push(String::new());
    let mut fan = BTreeMap::new();
    // `?roster=0` (agent-hub only: the original ignores it): a reconnecting
    // client that knows the roster, so the storm's cost without the welcome
    // rosters shows beside it.
    for (subs, query) in [(100, ""), (500, ""), (1000, ""), (1000, "&roster=0")] {
        let mut per: Vec<Vec<Storm>> = setup.targets.iter().map(|_| Vec::new()).collect();
        for i in rotations(setup.targets.len(), setup.rounds) {
            let ours = setup.targets[i].name.starts_with("agent-hub");
            if setup.targets[i].sockets && (query.is_empty() || ours) {
                per[i].push(storm(&setup.targets[i].hub, subs, 60, query).await);
            }
        }
        let cells: Vec<String> = per.iter().map(|runs| storm_cell(runs)).collect();
        let name = format!("fan-out, {subs} reconnecting{query}, 60 posts").replace('&', " ?");
        rows.push(format!("{name:<44} {}", cells.join(" | ")));
        fan.insert(format!("{subs}{query}"), per);
    }
    let names: Vec<_> = setup.targets.iter().map(|t| t.name).collect();
    (rows, json!({ "targets": names, "seed": seed, "throughput": throughput, "fanout": fan }))
}

/// Target indices for `rounds` rounds, each round starting one further on,
/// so no target always runs first or last.
fn rotations(n: usize, rounds: usize) -> impl Iterator<Item = usize> {
    (0..rounds).flat_map(move |round| (0..n).map(move |k| (round + k) % n))
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Medians of a target's storms, with the spread of the p99 over rounds.
fn storm_cell(runs: &[Storm]) -> String {
    if runs.is_empty() {
        return "—".to_owned();
    }
    let p50 = median(&runs.iter().map(|s| s.latency.p50_ms).collect::<Vec<_>>());
    let p99s: Vec<f64> = runs.iter().map(|s| s.latency.p99_ms).collect();
    let (lo, hi) = p99s.iter().fold((f64::MAX, 0.0_f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let missing: usize = runs.iter().map(|s| s.missing).sum();
    let all = if missing == 0 { "all delivered".to_owned() } else { format!("{missing} missing") };
    format!("p50 {p50:.1} / p99 {:.1} ms ({lo:.1}–{hi:.1}), {all}", median(&p99s))
}

/// Per target, per operation: the median over rounds of the seed
/// benchmark's average latency.
type Seed = Vec<BTreeMap<String, f64>>;

fn seed_rounds(setup: &Setup) -> Seed {
    let mut runs: Vec<BTreeMap<String, Vec<f64>>> = vec![BTreeMap::new(); setup.targets.len()];
    for i in rotations(setup.targets.len(), setup.rounds) {
        for (op, ms) in seed_once(setup, &setup.targets[i].hub) {
            runs[i].entry(op).or_default().push(ms);
        }
    }
    runs.into_iter().map(|ops| ops.into_iter().map(|(op, v)| (op, median(&v))).collect()).collect()
}

/// One run of `seed-benchmark.mjs`, unchanged; with a token, through the
/// peer's `auth-fetch.mjs`, which adds the header to every fetch.
fn seed_once(setup: &Setup, hub: &Hub) -> Vec<(String, f64)> {
    let mut c = std::process::Command::new(&setup.node);
    c.env_remove("HUB_TOKEN");
    if !hub.token().is_empty() {
        c.arg("--import").arg(setup.peer.join("auth-fetch.mjs")).env("HUB_TOKEN", hub.token());
    }
    let out = c.arg(setup.peer.join("seed-benchmark.mjs")).env("DO_URL", &hub.url).output().expect("node runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let report: Value = text
        .split_once("JSON Report:")
        .and_then(|(_, j)| serde_json::from_str(j.trim()).ok())
        .unwrap_or_else(|| panic!("the seed benchmark printed no report: {text}"));
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["operation"].as_str().unwrap_or("?").to_owned(), r["avgMs"].as_f64().unwrap_or(f64::NAN)))
        .collect()
}

fn seed_table(targets: &[Target], seed: &Seed) -> Vec<String> {
    let mut rows = vec![format!(
        "{:<16} {}",
        "seed op (avg ms)",
        targets
            .iter()
            .enumerate()
            .map(|(i, t)| if i == 0 { format!("{:>9}", t.name) } else { format!("{:>22}", t.name) })
            .collect::<String>()
    )];
    let mut logs = vec![0.0; targets.len()];
    let ops: Vec<&String> = seed[0].keys().collect();
    for op in &ops {
        let base = seed[0][*op];
        let mut line = format!("{op:<16} {base:>9.2}");
        for (i, s) in seed.iter().enumerate().skip(1) {
            let v = s.get(*op).copied().unwrap_or(f64::NAN);
            line += &format!("{v:>14.2} ({:.2}×)", v / base);
            logs[i] += (v / base).ln();
        }
        rows.push(line);
    }
    let geo: Vec<String> = logs.iter().skip(1).map(|l| format!("{:.2}×", (l / ops.len() as f64).exp())).collect();
    rows.push(format!("{:<16} {:>9} {}", "geometric mean", "1.00×", geo.join("  ")));
    rows
}

fn ratio_row(name: &str, per: &[f64]) -> String {
    let base = per[0];
    let cells: Vec<String> = per
        .iter()
        .enumerate()
        .map(|(i, v)| if i == 0 { format!("{v:.0}") } else { format!("{v:.0} ({:.2}×)", v / base) })
        .collect();
    format!("{name:<44} {}", cells.join(" | "))
}

#[derive(Clone, Copy)]
enum Op {
    Chat,
    Lock,
    Health,
}

/// `clients` loops doing `op` back to back for `secs`: successful answers
/// per second.
async fn closed_loop(hub: &Hub, op: Op, clients: usize, secs: f64) -> f64 {
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let run = format!(
        "{}",
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_micros()
    );
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (hub, run) = (hub.clone(), run.clone());
            tokio::spawn(async move {
                let mut ok = 0usize;
                let mut i = 0usize;
                while Instant::now() < deadline {
                    let status = match op {
                        Op::Chat => {
                            hub.call("POST", "/coordinator/chat", Some(json!({"author": "bench", "message": "load"})))
                                .await
                        }
                        Op::Lock => {
                            // Ten minutes: the thousands of locks granted
                            // here must not expire during the later phases
                            // of the run (each expiry is pushed to every
                            // socket of the fan-out's team).
                            let path = format!("/lock/src%2F{run}-{c}-{i}.rs/lock");
                            hub.call("POST", path, Some(json!({"agentId": "bench", "ttlMs": 600_000}))).await
                        }
                        Op::Health => hub.call("GET", "/health", None).await,
                    };
                    ok += usize::from(status == 200);
                    i += 1;
                }
                ok
            })
        })
        .collect();
    let started = Instant::now();
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("client");
    }
    total as f64 / started.elapsed().as_secs_f64().max(secs)
}

#[derive(Debug, serde::Serialize)]
pub struct Storm {
    /// From sending a post to its arrival, over every (post, subscriber).
    pub latency: Summary,
    /// (post, subscriber) pairs not delivered within 5 s.
    pub missing: usize,
}

/// `subscribers` sockets connect all at once (a team reconnecting), each
/// read from the moment it opens, as a client would; as soon as every
/// handshake is done, `posts` chat messages go out one after another. Every
/// subscriber should receive every post. (Until 2026-11-30 the sockets were
/// read only once all had connected, so each post waited behind whatever
/// the connects had piled up in the others' buffers: welcome rosters for
/// both hubs, and presence news for agent-hub.)
async fn storm(hub: &Hub, subscribers: usize, posts: usize, query: &str) -> Storm {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    let tag = format!("storm{nanos}-{subscribers}-");
    let ws_url = hub.url.replacen("http", "ws", 1);
    let arrivals: Arc<Mutex<Vec<(usize, Instant)>>> = Arc::default();
    let (open_tx, mut open_rx) = tokio::sync::mpsc::unbounded_channel();
    // Tokens first (minted once per agent, not part of the storm).
    let mut subscribers_hubs = Vec::with_capacity(subscribers);
    for s in 0..subscribers {
        subscribers_hubs.push(hub.as_agent(&format!("storm-{s}")).await);
    }
    let readers: Vec<_> = subscribers_hubs
        .into_iter()
        .enumerate()
        .map(|(s, hub)| {
            let url = format!("{ws_url}/coordinator?agentId=storm-{s}{query}");
            let (arrivals, tag, open_tx) = (arrivals.clone(), tag.clone(), open_tx.clone());
            tokio::spawn(async move {
                let mut ws = hub.websocket(&url).await;
                let _ = open_tx.send(());
                while let Some(Ok(msg)) = ws.next().await {
                    if let Ok(text) = msg.into_text() {
                        if let Some(n) = text.split(tag.as_str()).nth(1).and_then(|r| r.split('"').next()) {
                            if let Ok(n) = n.parse::<usize>() {
                                arrivals.lock().await.push((n, Instant::now()));
                            }
                        }
                    }
                }
            })
        })
        .collect();
    for _ in 0..subscribers {
        open_rx.recv().await.expect("every subscriber connects");
    }
    let mut sent = Vec::with_capacity(posts);
    for n in 0..posts {
        sent.push(Instant::now());
        hub.call("POST", "/coordinator/chat", Some(json!({"author": "bench", "message": format!("{tag}{n}")}))).await;
    }
    let want = posts * subscribers;
    let deadline = Instant::now() + Duration::from_secs(5);
    while arrivals.lock().await.len() < want && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for r in readers {
        r.abort();
    }
    // Let the hub see those sockets go before the next storm.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let got = arrivals.lock().await;
    let mut samples: Vec<Duration> =
        got.iter().filter(|(n, _)| *n < posts).map(|(n, at)| at.saturating_duration_since(sent[*n])).collect();
    let delivered = samples.iter().filter(|d| **d <= Duration::from_secs(5)).count();
    Storm { latency: summarize(&mut samples), missing: want.saturating_sub(delivered) }
}

/// `../shared/peer/` beside the project root, when present.
pub fn peer_dir(root: &Path) -> Option<PathBuf> {
    let dir = root.join("../shared/peer");
    dir.join("seed-benchmark.mjs").exists().then_some(dir)
}
