//! The work graph under load, on a team of its own: how long `ready`
//! takes with 10,000 ready tasks, then `take` from 32 connections at once
//! until the queue is empty (each task taken once: checked).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::scenarios::{latency, Hub};
use crate::stats::{summarize, Summary};

#[derive(Debug, serde::Serialize)]
pub struct WorkGraph {
    pub tasks: usize,
    /// `GET /coordinator/tasks/ready?limit=10` with every task ready.
    pub ready: Summary,
    pub takes: usize,
    pub takes_per_sec: f64,
    pub take: Summary,
}

pub async fn work_graph(base: &Hub, tasks: usize, clients: usize, samples: usize) -> WorkGraph {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let team = format!("graph{secs}");
    base.call("POST", "/registry/teams", Some(json!({ "name": team }))).await;
    let hub = Hub::new(&base.url, &team).with_token(base.token());
    // Takers are known agents with no cap on what they hold.
    hub.call("PATCH", "/coordinator/settings", Some(json!({"inProgressPerAgent": 0}))).await;
    for c in 0..clients {
        hub.call("POST", "/coordinator/agents", Some(json!({"agentId": format!("taker-{c}")}))).await;
    }
    let priorities = ["low", "medium", "high", "urgent"];
    let fill: Vec<_> = (0..clients)
        .map(|c| {
            let hub = hub.clone();
            tokio::spawn(async move {
                for i in (c..tasks).step_by(clients) {
                    let body = json!({"title": format!("task {i}"), "priority": priorities[i % 4]});
                    assert_eq!(hub.call("POST", "/coordinator/tasks", Some(body)).await, 200);
                }
            })
        })
        .collect();
    for f in fill {
        f.await.expect("filler");
    }
    let ready = latency(20, samples, |_| hub.call("GET", "/coordinator/tasks/ready?limit=10", None)).await;

    let started = Instant::now();
    let takers: Vec<_> = (0..clients)
        .map(|c| {
            let hub = hub.clone();
            tokio::spawn(async move {
                let (mut taken, mut times) = (Vec::new(), Vec::new());
                loop {
                    let t = Instant::now();
                    let got = hub
                        .json("POST", "/coordinator/tasks/take", Some(json!({"agentId": format!("taker-{c}")})))
                        .await;
                    let Some(id) = got["task"]["id"].as_str() else { break };
                    times.push(t.elapsed());
                    taken.push(id.to_owned());
                }
                (taken, times)
            })
        })
        .collect();
    let (mut ids, mut times): (Vec<String>, Vec<Duration>) = (Vec::new(), Vec::new());
    for t in takers {
        let (a, b) = t.await.expect("taker");
        ids.extend(a);
        times.extend(b);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), distinct.len()), (tasks, tasks), "every task taken exactly once");
    WorkGraph { tasks, ready, takes: ids.len(), takes_per_sec: ids.len() as f64 / elapsed, take: summarize(&mut times) }
}
