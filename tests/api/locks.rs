use std::time::{Duration, Instant};

use hub_protocol::{
    Event, LockAction, LockConflict, LockGrant, LockHistory, LockStatus, LocksResponse, ReleaseReason, UnlockResponse,
};
use hub_tests::TestApp;
use serde_json::{json, Value};

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn lock_check_conflict_unlock() {
    let app = TestApp::new();
    let path = "src/main.rs";
    let free: LockStatus = app.check(path).await.typed();
    assert!(!free.locked);

    let res = app.lock_call(path, "lock", json!({"agentId": "ann", "reason": "refactor", "ttlMs": 60_000})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let grant: LockGrant = res.typed();
    let lock = grant.lock.expect("lock");
    assert_eq!((lock.locked_by.as_str(), lock.reason.as_deref(), lock.fencing_token), ("ann", Some("refactor"), 1));
    assert_eq!(grant.message.as_deref(), Some("Lock acquired for 1 minutes"));

    let held: LockStatus = app.check(path).await.typed();
    assert!(held.locked);
    assert!(held.lock.unwrap().remaining_ms > 50_000);

    let res = app.lock(path, "bob").await;
    assert_eq!(res.status, 409);
    let conflict: LockConflict = res.typed();
    assert_eq!((conflict.error.as_str(), conflict.locked_by.as_str()), ("Resource is locked", "ann"));

    let res = app.unlock(path, "bob").await;
    assert_eq!(res.status, 403);
    assert_eq!(res.body["lockedBy"], "ann");

    let res: UnlockResponse = app.unlock(path, "ann").await.typed();
    assert_eq!(res.message, "Lock released");
    assert_eq!(res.previous_owner.map(String::from).as_deref(), Some("ann"));
    let again: UnlockResponse = app.unlock(path, "ann").await.typed();
    assert_eq!(again.message, "No lock to release");
    assert!(!app.check(path).await.typed::<LockStatus>().locked);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn relock_extends_and_renew_keeps_the_fence() {
    let app = TestApp::new();
    let path = "Cargo.toml";
    app.lock_call(path, "lock", json!({"agentId": "ann", "ttlMs": 5000})).await;
    let ext: LockGrant = app.lock_call(path, "lock", json!({"agentId": "ann", "ttlMs": 60_000})).await.typed();
    let lock = ext.lock.unwrap();
    assert_eq!(lock.fencing_token, 1);
    assert!(lock.remaining_ms > 50_000);
    let renewed: LockGrant = app.lock_call(path, "renew", json!({"agentId": "ann", "ttlMs": 120_000})).await.typed();
    assert!(renewed.lock.unwrap().remaining_ms > 110_000);
    let res = app.lock_call(path, "renew", json!({"agentId": "bob"})).await;
    assert_eq!(res.status, 409);
    let history: LockHistory = app.history(path).await.typed();
    assert_eq!(history.history.len(), 1, "an extension is not a new grant");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn force_release_is_recorded_as_stolen_by_whom() {
    let app = TestApp::new();
    let path = "docs/README.md";
    app.lock(path, "ann").await;
    let res: UnlockResponse = app.lock_call(path, "unlock", json!({"agentId": "lead", "force": true})).await.typed();
    assert_eq!(res.previous_owner.map(String::from).as_deref(), Some("ann"));
    let h: LockHistory = app.history(path).await.typed();
    let entry = &h.history[0];
    assert_eq!(entry.release_reason, Some(ReleaseReason::Stolen));
    assert_eq!(entry.released_by.as_ref().map(hub_protocol::AgentId::as_str), Some("lead"));
    assert!(h.current_lock.is_none());
    // A human's action: in the team's audit log once the shard reported it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while !app.get("/coordinator/audit").await.text.contains("lock.force-release") {
        assert!(std::time::Instant::now() < deadline, "the force release was audited");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn bad_lock_input() {
    let app = TestApp::new();
    let res = app.lock_call("a.rs", "lock", json!({"agentId": "ann", "ttlMs": 10})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("ttlMs"));
    let res = app.lock_call("a.rs", "lock", json!({"ttlMs": 5000})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("agentId"));
    let res = app.post("/lock//lock", json!({"agentId": "ann"})).await;
    assert_eq!(res.status, 400);
    let res = app.get(&format!("/lock/{}/check", "x".repeat(1100))).await;
    assert_eq!(res.status, 400);
    let res = app.get("/lock/a.rs/lock").await;
    assert_eq!(res.status, 405);
    let res = app.get("/lock/a.rs/steal").await;
    assert_eq!(res.status, 404);
    assert!(!app.check("a.rs").await.typed::<LockStatus>().locked, "nothing stored");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn fifty_concurrent_lockers_get_exactly_one_grant() {
    let app = std::sync::Arc::new(TestApp::new());
    let path = "src/contended.rs";
    let started = Instant::now();
    let attempts: Vec<_> = (0..50)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move { app.lock(path, &format!("agent-{i}")).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for a in attempts {
        statuses.push(a.await.unwrap());
    }
    let elapsed = started.elapsed();
    let grants = statuses.iter().filter(|s| **s == 200).count();
    let denied = statuses.iter().filter(|s| **s == 409).count();
    eprintln!("contention: 50 attempts, {grants} grant(s), {denied} conflict(s), {elapsed:?}");
    assert_eq!((grants, denied), (1, 49));
    let h: LockHistory = app.history(path).await.typed();
    assert_eq!(h.history.len(), 1, "one holder");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn waiters_queue_in_order_and_get_the_lock_on_release() {
    let app = std::sync::Arc::new(TestApp::new());
    let path = "src/queue.rs";
    app.lock(path, "holder").await;
    let waits: Vec<_> = (0..20)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(
                async move { app.lock_call(path, "lock", json!({"agentId": format!("w{i}"), "wait": true})).await },
            )
        })
        .collect();
    let mut positions = Vec::new();
    for w in waits {
        let res = w.await.unwrap();
        assert_eq!(res.status, 202, "{}", res.body);
        positions.push(res.typed::<LockGrant>().position.unwrap());
    }
    positions.sort();
    assert_eq!(positions, (1..=20).collect::<Vec<_>>(), "distinct places");

    let status: LockStatus = app.check(path).await.typed();
    let first = status.queue[0].clone();
    let released: UnlockResponse = app.unlock(path, "holder").await.typed();
    assert_eq!(released.next_owner.as_ref(), Some(&first));
    let now: LockStatus = app.check(path).await.typed();
    let lock = now.lock.unwrap();
    assert_eq!(lock.locked_by, first);
    assert_eq!(lock.fencing_token, 2);
    assert_eq!(now.queue.len(), 19);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn expiry_by_alarm_reaches_index_and_sockets() {
    let app = TestApp::new();
    let mut socket = app.connect(None).await;
    socket.next().await;
    let path = "src/short.rs";
    app.lock_call(path, "lock", json!({"agentId": "ann", "ttlMs": 1500})).await;

    let granted = socket.until(|e| matches!(&e.event, Event::LockUpdate(u) if u.action == LockAction::Granted)).await;
    let Event::LockUpdate(u) = granted.event else { unreachable!() };
    assert_eq!(u.resource_path.as_str(), path);
    let index: LocksResponse = app.get("/coordinator/locks").await.typed();
    assert_eq!(index.locks.len(), 1);
    assert_eq!(index.locks[0].locked_by.as_str(), "ann");

    // No request touches the lock now: only its alarm can expire it.
    let started = Instant::now();
    socket.until(|e| matches!(&e.event, Event::LockUpdate(u) if u.action == LockAction::Expired)).await;
    eprintln!("expiry pushed {:?} after the grant event", started.elapsed());
    let index: LocksResponse = app.get("/coordinator/locks").await.typed();
    // (The event is sent after the index is updated, so no waiting here.)
    assert!(index.locks.is_empty());
    let h: LockHistory = app.history(path).await.typed();
    assert_eq!(h.history[0].release_reason, Some(ReleaseReason::Expired));
    tokio::time::sleep(Duration::from_millis(10)).await;
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_waiter_that_leaves_the_queue_is_not_handed_the_lock() {
    let app = TestApp::new();
    let path = "src/leave.rs";
    assert_eq!(app.lock(path, "ann").await.status, 200);
    app.lock_call(path, "lock", json!({"agentId": "bob", "wait": true})).await;
    let left: Value = app.unlock(path, "bob").await.body;
    assert_eq!(left["message"], "Left the queue");
    let status: Value = app.check(path).await.body;
    assert!(status["queue"].as_array().is_none_or(Vec::is_empty), "stored: {status}");
    assert_eq!(app.unlock(path, "ann").await.status, 200);
    let status: Value = app.check(path).await.body;
    assert_eq!(status["locked"], false, "nobody was waiting: {status}");
}
