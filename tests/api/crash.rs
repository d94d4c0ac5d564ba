//! A SIGKILL of the runtime in the middle of writes loses nothing that was
//! acknowledged: every 2xx answer means the write is on disk.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use hub_protocol::{InboxResponse, LockStatus, TasksResponse};
use hub_tests::{admin_token, segment, OwnHub, TestApp};
use serde_json::json;

/// Writes per kind at most; the kill lands long before.
const PER_KIND: usize = 300;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn acknowledged_writes_survive_a_sigkill() {
    let mut hub = OwnHub::start("sigkill", 8794, &[("HUB_WRITE_BURST", "0")]).await;
    let app = TestApp::on(hub.url());
    app.create_team().await;
    let acked = Arc::new(AtomicUsize::new(0));
    let writer = |kind: &'static str| {
        let (url, team, acked) = (hub.url(), app.team.clone(), acked.clone());
        tokio::spawn(async move {
            let http = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().expect("client");
            let mut done = Vec::new();
            for i in 0..PER_KIND {
                let (path, body) = match kind {
                    "lock" | "lock2" => (
                        format!("/lock/{}/lock", segment(&format!("src/{kind}/{i}.rs"))),
                        json!({"agentId": "ann", "ttlMs": 3_600_000}),
                    ),
                    "task" => ("/coordinator/tasks".to_owned(), json!({"title": format!("task {i}")})),
                    _ => ("/agent/ann/messages".to_owned(), json!({"from": "bob", "message": format!("dm {i}")})),
                };
                let sent = http
                    .post(format!("{url}{path}"))
                    .bearer_auth(admin_token())
                    .header("x-hub-team", &team)
                    .json(&body)
                    .send()
                    .await;
                match sent {
                    Ok(res) if res.status().is_success() => {
                        done.push(i);
                        acked.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(res) => panic!("{kind} {i}: {}", res.status()),
                    Err(_) => break, // the runtime is gone: unacknowledged
                }
            }
            (kind, done)
        })
    };
    let writers = [writer("lock"), writer("task"), writer("dm"), writer("lock2")];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while acked.load(Ordering::SeqCst) < 400 {
        assert!(tokio::time::Instant::now() < deadline, "writes are not being acknowledged");
        assert!(!writers.iter().any(tokio::task::JoinHandle::is_finished), "a writer stopped before the kill");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    hub.kill();
    let mut acks = Vec::new();
    for w in writers {
        acks.push(w.await.expect("writer"));
    }
    hub.restart().await;

    let mut counts = Vec::new();
    for (kind, done) in acks {
        assert!(done.len() < PER_KIND, "{kind}: the kill came after every write");
        match kind {
            "lock" | "lock2" => {
                for i in &done {
                    let status: LockStatus = app.check(&format!("src/{kind}/{i}.rs")).await.typed();
                    assert!(status.locked, "acknowledged lock {i} lost");
                }
            }
            "task" => {
                let tasks: TasksResponse = app.get("/coordinator/tasks").await.typed();
                for i in &done {
                    assert!(tasks.tasks.iter().any(|t| t.title == format!("task {i}")), "acknowledged task {i} lost");
                }
            }
            _ => {
                let inbox: InboxResponse = app.get("/agent/ann/messages?unread=true").await.typed();
                for i in &done {
                    assert!(inbox.messages.iter().any(|m| m.message == format!("dm {i}")), "acknowledged DM {i} lost");
                }
            }
        }
        counts.push(format!("{kind} {}", done.len()));
    }
    println!("acknowledged before SIGKILL and present after restart: {}", counts.join(", "));
}
