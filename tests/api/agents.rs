use hub_protocol::{AgentStatus, AgentsResponse, RegisterResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn register_then_list() {
    let app = TestApp::new();
    let res = app
        .post("/coordinator/agents", json!({"agentId": "ann", "workingOn": "parser", "capabilities": ["rust"]}))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let reg: RegisterResponse = res.typed();
    assert!(reg.success);
    assert_eq!(reg.agent.status, AgentStatus::Active);

    let list: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert_eq!(list.agents.len(), 1);
    assert_eq!(list.agents[0].working_on.as_deref(), Some("parser"));
    assert_eq!(list.agents[0].capabilities, ["rust"]);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn update_keeps_absent_fields() {
    let app = TestApp::new();
    app.post("/coordinator/agents", json!({"agentId": "ann", "capabilities": ["rust"], "workingOn": "x"})).await;
    let reg: RegisterResponse =
        app.post("/coordinator/agents", json!({"agentId": "ann", "status": "idle"})).await.typed();
    assert_eq!(reg.agent.capabilities, ["rust"], "the original wiped absent lists");
    assert_eq!(reg.agent.working_on.as_deref(), Some("x"));
    assert_eq!(reg.agent.status, AgentStatus::Idle);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn offline_agents_are_hidden_unless_asked() {
    let app = TestApp::new();
    app.register("ann").await;
    app.post("/coordinator/agents", json!({"agentId": "bob", "status": "offline"})).await;
    let online: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert_eq!(online.agents.iter().map(|a| a.agent_id.as_str()).collect::<Vec<_>>(), ["ann"]);
    let all: AgentsResponse = app.get("/coordinator/agents?includeOffline=true").await.typed();
    assert_eq!(all.agents.len(), 2);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn teams_do_not_see_each_other() {
    let a = TestApp::new();
    let b = TestApp::new();
    a.register("ann").await;
    let list: AgentsResponse = b.get("/coordinator/agents").await.typed();
    assert!(list.agents.is_empty());
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_repeat_within_the_second_stores_nothing_and_a_change_shows_at_once() {
    let app = TestApp::new();
    let body = json!({"agentId": "ann", "currentTask": "parser"});
    let started = std::time::Instant::now();
    let first: RegisterResponse = app.post("/coordinator/agents", body.clone()).await.typed();
    let again: RegisterResponse = app.post("/coordinator/agents", body).await.typed();
    // Seen again within the second: the stored agent is the answer (on a
    // machine slow enough to take a second, the heartbeat is stored).
    if started.elapsed() < std::time::Duration::from_millis(900) {
        assert_eq!(again.agent, first.agent);
    }
    let moved: RegisterResponse =
        app.post("/coordinator/agents", json!({"agentId": "ann", "currentTask": "lexer"})).await.typed();
    assert_eq!(moved.agent.current_task.as_deref(), Some("lexer"));
    let list: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert_eq!(list.agents[0].current_task.as_deref(), Some("lexer"), "a change is stored at once");
}

/// Once the coordinator has read the whole roster it answers from memory:
/// every later write must show in it, new agents included, and a new
/// agent still starts with no mentions from before it joined.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_roster_follows_every_write_after_a_whole_read() {
    let app = TestApp::new();
    app.register("ann").await;
    let first: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert_eq!(first.agents.len(), 1);

    app.post("/coordinator/chat", json!({"author": "ann", "message": "@cat are you there?"})).await;
    app.post("/coordinator/agents", json!({"agentId": "bob", "workingOn": "lexer"})).await;
    app.post("/coordinator/agents", json!({"agentId": "ann", "status": "idle", "workingOn": "parser"})).await;
    app.register("cat").await;

    let all: AgentsResponse = app.get("/coordinator/agents?includeOffline=true").await.typed();
    let mut ids: Vec<_> = all.agents.iter().map(|a| a.agent_id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["ann", "bob", "cat"]);
    let ann = all.agents.iter().find(|a| a.agent_id.as_str() == "ann").expect("ann");
    assert_eq!((ann.status, ann.working_on.as_deref()), (AgentStatus::Idle, Some("parser")));
    assert!(all.agents.windows(2).all(|w| w[0].last_seen >= w[1].last_seen), "most recently seen first");

    let chat: hub_protocol::ChatResponse = app.get("/coordinator/chat?agentId=cat").await.typed();
    assert_eq!(chat.pending_count, Some(0), "a mention from before cat joined: {:?}", chat.pending_mentions);
}
