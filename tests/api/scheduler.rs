//! The scheduler (`worker/src/jobs.rs`): work that must happen later is a
//! stored job, and the object's stored alarm runs it; nothing else wakes an
//! object after a restart. These start their own hub.

use std::time::{Duration, Instant};

use hub_protocol::{Event, LockAction, LocksResponse};
use hub_tests::{OwnHub, TestApp};
use serde_json::json;

/// A lock whose deadline passes while the hub is down (killed, no clean
/// stop) expires by its shard's alarm once workerd is back, with no request
/// to the lock: the expiry's report (a job) reaches the coordinator's index
/// and its sockets.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_stored_alarm_fires_after_a_restart() {
    let mut hub = OwnHub::start("alarm", 8800, &[]).await;
    let app = TestApp::on(hub.url());
    app.lock_call("src/alarm.rs", "lock", json!({"agentId": "ann", "ttlMs": 2_000})).await;
    let index: LocksResponse = app.get("/coordinator/locks").await.typed();
    assert_eq!(index.locks.len(), 1, "the grant reached the index");
    hub.kill();
    hub.restart().await;

    // Only the coordinator is asked (its socket); the shard is not.
    let mut socket = app.connect(None).await;
    let started = Instant::now();
    let expired = tokio::time::timeout(
        Duration::from_secs(20),
        socket.until(|e| matches!(&e.event, Event::LockUpdate(u) if u.action == LockAction::Expired)),
    )
    .await
    .expect("the shard's alarm rang after the restart and its report arrived");
    let Event::LockUpdate(u) = expired.event else { unreachable!() };
    assert_eq!(u.resource_path.as_str(), "src/alarm.rs");
    eprintln!("expiry arrived {:?} after the socket opened", started.elapsed());
    let index: LocksResponse = app.get("/coordinator/locks").await.typed();
    assert!(index.locks.is_empty(), "{:?}", index.locks);
}
