use std::collections::HashSet;

use hub_protocol::{AgentStatus, AgentUpdate, Event, TaskUpdate};
use hub_tests::TestApp;
use serde_json::json;

fn is_chat(e: &hub_protocol::Envelope) -> bool {
    matches!(e.event, Event::Chat(_))
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn welcome_then_broadcast_to_two_subscribers() {
    let app = TestApp::new();
    let mut ann = app.connect(Some("ann")).await;
    match ann.next().await.event {
        Event::AgentUpdate(AgentUpdate::Welcome { agents, message }) => {
            assert!(message.contains("ann"));
            assert!(agents.iter().any(|a| a.agent_id.as_str() == "ann"), "connecting marks active");
        }
        other => panic!("expected a welcome, got {other:?}"),
    }
    let mut bob = app.connect(Some("bob")).await;

    app.chat("carol", "hello sockets").await;
    for socket in [&mut ann, &mut bob] {
        let e = socket.until(is_chat).await;
        let Event::Chat(m) = e.event else { unreachable!() };
        assert_eq!(m.message, "hello sockets");
        assert_eq!(m.author, "carol");
    }

    app.create_task(json!({"title": "broadcast me"})).await;
    let e = bob.until(|e| matches!(e.event, Event::TaskUpdate(_))).await;
    let Event::TaskUpdate(TaskUpdate::Task(t)) = e.event else { panic!("{:?}", e.event) };
    assert_eq!(t.title, "broadcast me");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn ping_pong_and_chat_over_the_socket() {
    let app = TestApp::new();
    let mut ann = app.connect(Some("ann")).await;
    ann.next().await; // welcome
    ann.send_json(json!({"type": "ping"})).await;
    ann.until(|e| matches!(e.event, Event::Pong)).await;

    ann.send_json(json!({"type": "chat", "payload": {"author": "ann", "message": "via ws"}})).await;
    ann.until(is_chat).await;
    let chat: hub_protocol::ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(chat.messages[0].message, "via ws");

    ann.send_json(json!({"type": "nonsense"})).await;
    ann.until(|e| matches!(e.event, Event::Error(_))).await;
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn closing_marks_the_agent_offline() {
    let app = TestApp::new();
    let mut watcher = app.connect(None).await;
    watcher.next().await;
    let mut ann = app.connect(Some("ann")).await;
    ann.next().await;
    ann.send_json(json!({"type": "agent-update", "payload": {"status": "waiting"}})).await;
    watcher
        .until(|e| matches!(&e.event, Event::AgentUpdate(AgentUpdate::Presence { status: AgentStatus::Waiting, .. })))
        .await;
    ann.close().await;
    let e = watcher
        .until(|e| matches!(&e.event, Event::AgentUpdate(AgentUpdate::Presence { status: AgentStatus::Offline, .. })))
        .await;
    let Event::AgentUpdate(AgentUpdate::Presence { agent_id, .. }) = e.event else { unreachable!() };
    assert_eq!(agent_id.as_str(), "ann");
    let list: hub_protocol::AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert!(list.agents.is_empty(), "{:?}", list.agents);
}

fn is_presence(e: &hub_protocol::Envelope) -> bool {
    matches!(e.event, Event::AgentUpdate(AgentUpdate::Presence { .. } | AgentUpdate::PresenceBatch { .. }))
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_team_connecting_at_once_is_announced_in_few_messages() {
    let app = TestApp::new();
    let mut watcher = app.connect(None).await;
    watcher.next().await; // welcome
    let names: Vec<String> = (0..10).map(|i| format!("crowd-{i}")).collect();
    let started = std::time::Instant::now();
    let sockets = futures_util::future::join_all(names.iter().map(|n| app.connect(Some(n)))).await;
    let quick = started.elapsed() < std::time::Duration::from_millis(80);

    // Every newcomer is announced active, once; counted in messages.
    let (mut seen, mut messages) = (HashSet::new(), 0);
    while seen.len() < names.len() {
        let e = watcher.until(is_presence).await;
        messages += 1;
        match e.event {
            Event::AgentUpdate(AgentUpdate::Presence { agent_id, status }) => {
                assert_eq!(status, AgentStatus::Active);
                assert!(seen.insert(agent_id.to_string()));
            }
            Event::AgentUpdate(AgentUpdate::PresenceBatch { presence }) => {
                for c in presence {
                    assert_eq!(c.status, AgentStatus::Active);
                    assert!(seen.insert(c.agent_id.to_string()), "{} twice", c.agent_id);
                }
            }
            _ => unreachable!(),
        }
    }
    // Connected within the gathering window, they share a message or two.
    if quick {
        assert!(messages <= 2, "{messages} messages for {} agents", names.len());
    }

    for s in sockets {
        s.close().await;
    }
    let mut offline = HashSet::new();
    while offline.len() < names.len() {
        let e = watcher.until(is_presence).await;
        match e.event {
            Event::AgentUpdate(AgentUpdate::Presence { agent_id, status: AgentStatus::Offline }) => {
                offline.insert(agent_id.to_string());
            }
            Event::AgentUpdate(AgentUpdate::PresenceBatch { presence }) => {
                offline.extend(
                    presence.into_iter().filter(|c| c.status == AgentStatus::Offline).map(|c| c.agent_id.to_string()),
                );
            }
            _ => {}
        }
    }
}
