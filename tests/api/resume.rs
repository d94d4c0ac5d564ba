//! The team's event log: every logged event carries `seq` and `log`, and a
//! socket reconnecting with `?since=<seq>` gets what it missed, in order,
//! once, before live events. Presence is never logged.

use hub_protocol::{Envelope, Event, EventLog};
use hub_tests::{Socket, TestApp};
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_socket_resumes_from_its_last_seq() {
    let app = TestApp::new();
    let mut socket = app.connect(None).await;
    let welcome = socket.next().await;
    assert!(matches!(welcome.event, Event::AgentUpdate(_)));
    assert_eq!(welcome.seq, None, "presence is not logged");
    app.chat("ann", "seen live").await;
    let live = socket.until(|e| matches!(e.event, Event::Chat(_))).await;
    assert_eq!(live.log, Some(EventLog::Team));
    let last = live.seq.expect("a chat message is logged");
    socket.close().await;

    // While it is away: chat, tasks, a lock and its hand-over.
    for i in 0..12 {
        app.chat("bob", &format!("missed {i}")).await;
    }
    for i in 0..4 {
        app.create_task(json!({"title": format!("missed task {i}")})).await;
    }
    app.lock_call("src/away.rs", "lock", json!({"agentId": "bob"})).await;
    app.lock_call("src/away.rs", "lock", json!({"agentId": "ann", "wait": true})).await;
    app.lock_call("src/away.rs", "unlock", json!({"agentId": "bob"})).await;
    // The lock shard reports in the background: let its reports land.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let ws = app.url.replacen("http", "ws", 1);
    let url = format!("{ws}/coordinator?team={}&since={last}", app.team);
    let mut back = Socket::connect(&url, app.token.as_deref()).await;
    assert!(matches!(back.next().await.event, Event::AgentUpdate(_)), "the roster first");
    let mut missed: Vec<Envelope> = Vec::new();
    while missed.len() < 20 {
        missed.push(back.next().await);
    }
    let seqs: Vec<u64> = missed.iter().map(|e| e.seq.expect("logged")).collect();
    assert_eq!(seqs, (last + 1..=last + 20).collect::<Vec<_>>(), "all, in order, once");
    assert!(matches!(&missed[0].event, Event::Chat(m) if m.message == "missed 0"));
    let locks = missed.iter().filter(|e| matches!(e.event, Event::LockUpdate(_))).count();
    assert_eq!(locks, 4, "grant, queued, release, hand-over: {missed:?}");

    app.chat("bob", "live again").await;
    let next = back.next().await;
    assert!(matches!(&next.event, Event::Chat(m) if m.message == "live again"), "{next:?}");
    assert_eq!(next.seq, Some(last + 21));

    // From before the log began: told so, then what is kept.
    let from_zero = format!("{ws}/coordinator?team={}&since=0", app.team);
    let mut all = Socket::connect(&from_zero, app.token.as_deref()).await;
    all.next().await;
    let first = all.next().await;
    assert_eq!(first.seq, Some(1), "nothing is gone yet: no warning, {first:?}");
    let bad = Socket::try_connect(&format!("{ws}/coordinator?team={}&since=x", app.team), app.token.as_deref()).await;
    assert!(bad.is_err(), "a bad since is refused");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_resuming_socket_skips_the_roster() {
    let app = TestApp::new();
    app.register("ann").await;
    let ws = app.url.replacen("http", "ws", 1);
    let roster = |e: &Envelope| match &e.event {
        Event::AgentUpdate(hub_protocol::AgentUpdate::Welcome { agents, .. }) => Some(agents.len()),
        _ => None,
    };
    let mut fresh = Socket::connect(&format!("{ws}/coordinator?team={}", app.team), app.token.as_deref()).await;
    assert_eq!(roster(&fresh.next().await), Some(1), "a new client gets who is around");
    for query in ["roster=0", "since=0"] {
        let url = format!("{ws}/coordinator?team={}&{query}", app.team);
        let mut back = Socket::connect(&url, app.token.as_deref()).await;
        assert_eq!(roster(&back.next().await), Some(0), "{query}: a welcome without the roster");
    }
}
