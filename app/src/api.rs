//! Server functions: the portal's only way to the hub's data. Each runs on
//! the Worker, calls the same API paths a client would, and returns the
//! shared wire types. Human actions sign as the signed-in human (`human`,
//! or a named human's `human:<name>`) with author type human.

use hub_protocol::{
    Agent, AgentStateView, ChatMessage, Dashboard, LockHistory, LockInfo, Memory, SessionResume, Soul, Task, Trace,
    TraceListing,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::codec::TextJson;

/// One row of the team page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamRow {
    pub agent: Agent,
    pub soul: Option<Soul>,
    pub dashboard: Option<Dashboard>,
    pub unread: usize,
}

/// One row of the teams page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub name: String,
    pub agents_online: usize,
    pub open_escalations: usize,
    /// The newest chat message, if any.
    pub last_activity: Option<hub_protocol::Timestamp>,
}

/// Everything the coordination page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoordinationView {
    pub zones: Vec<hub_protocol::Zone>,
    pub claims: Vec<hub_protocol::Claim>,
    pub handoffs: Vec<hub_protocol::Handoff>,
    pub open: Vec<hub_protocol::AgentEscalation>,
    pub resolved: Vec<hub_protocol::AgentEscalation>,
}

/// Everything the agent page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentPage {
    pub agent: Option<Agent>,
    pub soul: Option<Soul>,
    pub dashboard: Option<Dashboard>,
    pub state: AgentStateView,
    pub traces: Vec<TraceListing>,
    pub memories: Vec<Memory>,
    /// The newest direct messages, read ones too.
    pub inbox: Vec<hub_protocol::DirectMessage>,
}

#[cfg(feature = "ssr")]
use {crate::hub, worker::Method};

#[server(endpoint = "resume", output = TextJson)]
pub async fn load_resume() -> Result<SessionResume, ServerFnError> {
    let r: hub_protocol::SessionResumeResponse = hub::fetch(Method::Get, "/coordinator/session-resume", None).await?;
    Ok(r.session_resume)
}

#[server(endpoint = "team", output = TextJson)]
pub async fn team() -> Result<Vec<TeamRow>, ServerFnError> {
    let res: hub_protocol::AgentsResponse =
        hub::fetch(Method::Get, "/coordinator/agents?includeOffline=true", None).await?;
    // Each agent is its own object: ask several at once, a few at a time
    // (the runtime caps a request's simultaneous subrequests), in order.
    let rows = res.agents.into_iter().take(50).map(|agent| async move {
        let [soul, dashboard, state] = agent_paths(agent.agent_id.as_str(), ["soul", "dashboard", "state"]);
        let (soul, dashboard, state) = futures_util::try_join!(
            hub::call::<hub_protocol::SoulResponse>(Method::Get, &soul, None),
            hub::call::<hub_protocol::DashboardResponse>(Method::Get, &dashboard, None),
            hub::call::<AgentStateView>(Method::Get, &state, None),
        )?;
        Ok::<_, ServerFnError>(TeamRow {
            agent,
            soul: soul.and_then(|s| s.soul),
            dashboard: dashboard.map(|d| d.dashboard),
            unread: state.map_or(0, |s| s.unread_count),
        })
    });
    futures_util::TryStreamExt::try_collect(futures_util::StreamExt::buffered(futures_util::stream::iter(rows), 6))
        .await
}

#[server(endpoint = "agent", output = TextJson)]
pub async fn load_agent(id: String) -> Result<AgentPage, ServerFnError> {
    let [soul, dashboard, state, traces, memories, inbox] =
        agent_paths(&id, ["soul", "dashboard", "state", "trace", "memory", "messages?limit=20"]);
    let (agents, soul, dashboard, state, traces, memories, inbox) = futures_util::try_join!(
        hub::fetch::<hub_protocol::AgentsResponse>(Method::Get, "/coordinator/agents?includeOffline=true", None),
        hub::call::<hub_protocol::SoulResponse>(Method::Get, &soul, None),
        hub::call::<hub_protocol::DashboardResponse>(Method::Get, &dashboard, None),
        hub::fetch::<AgentStateView>(Method::Get, &state, None),
        hub::fetch::<hub_protocol::TracesResponse>(Method::Get, &traces, None),
        hub::fetch::<hub_protocol::MemoriesResponse>(Method::Get, &memories, None),
        hub::fetch::<hub_protocol::InboxResponse>(Method::Get, &inbox, None),
    )?;
    Ok(AgentPage {
        agent: agents.agents.into_iter().find(|a| a.agent_id.as_str() == id),
        soul: soul.and_then(|s| s.soul),
        dashboard: dashboard.map(|d| d.dashboard),
        state,
        traces: traces.traces,
        memories: memories.memories,
        inbox: inbox.messages,
    })
}

/// `/agent/{id}/{part}` for each part.
#[cfg(feature = "ssr")]
fn agent_paths<const N: usize>(id: &str, parts: [&str; N]) -> [String; N] {
    let id = hub::seg(id);
    parts.map(|part| format!("/agent/{id}/{part}"))
}

#[server(endpoint = "trace", output = TextJson)]
pub async fn load_trace(id: String, session: String) -> Result<Trace, ServerFnError> {
    let t: hub_protocol::TraceResponse =
        hub::fetch(Method::Get, &format!("/agent/{}/trace/{}", hub::seg(&id), hub::seg(&session)), None).await?;
    Ok(t.trace)
}

#[server(endpoint = "chat", output = TextJson)]
pub async fn chat() -> Result<Vec<ChatMessage>, ServerFnError> {
    let c: hub_protocol::ChatResponse = hub::fetch(Method::Get, "/coordinator/chat?limit=100", None).await?;
    Ok(c.messages)
}

/// The 100 messages before the message `before`: the chat, a page back.
#[server(endpoint = "older_chat", output = TextJson)]
pub async fn older_chat(before: String) -> Result<Vec<ChatMessage>, ServerFnError> {
    let path = format!("/coordinator/chat?limit=100&before={}", hub::seg(&before));
    let c: hub_protocol::ChatResponse = hub::fetch(Method::Get, &path, None).await?;
    Ok(c.messages)
}

#[server(endpoint = "post_chat", output = TextJson)]
pub async fn post_chat(message: String) -> Result<(), ServerFnError> {
    let body = hub_protocol::PostChat {
        author: hub::human().await?,
        message: hub::text(message)?,
        author_type: hub_protocol::AuthorType::Human,
    };
    hub::send(Method::Post, "/coordinator/chat", &body).await
}

#[server(endpoint = "send_dm", output = TextJson)]
pub async fn send_dm(id: String, message: String) -> Result<(), ServerFnError> {
    let body =
        hub_protocol::SendDm { from: hub::human().await?, kind: Default::default(), message: hub::text(message)? };
    hub::send(Method::Post, &format!("/agent/{}/messages", hub::seg(&id)), &body).await
}

#[server(endpoint = "tasks", output = TextJson)]
pub async fn tasks() -> Result<Vec<Task>, ServerFnError> {
    let t: hub_protocol::TasksResponse = hub::fetch(Method::Get, "/coordinator/tasks", None).await?;
    Ok(t.tasks)
}

#[server(endpoint = "create_task", output = TextJson)]
pub async fn create_task(title: String, priority: String, assignee: String) -> Result<(), ServerFnError> {
    let assignee = assignee.trim();
    let body = hub_protocol::CreateTask {
        title: Some(hub::text(title)?),
        priority: Some(hub::parse(hub_protocol::Priority::parse(&priority), "priority", &priority)?),
        assignee: if assignee.is_empty() { None } else { Some(hub::agent(assignee)?) },
        created_by: Some(hub::human().await?),
        ..Default::default()
    };
    hub::send(Method::Post, "/coordinator/tasks", &body).await
}

#[server(endpoint = "move_task", output = TextJson)]
pub async fn move_task(id: String, status: String) -> Result<(), ServerFnError> {
    let body = hub_protocol::UpdateTask {
        status: Some(hub::parse(hub_protocol::TaskStatus::parse(&status), "status", &status)?),
        ..Default::default()
    };
    hub::send(Method::Patch, &format!("/coordinator/tasks/{}", hub::seg(&id)), &body).await
}

#[server(endpoint = "locks", output = TextJson)]
pub async fn locks() -> Result<Vec<LockInfo>, ServerFnError> {
    let l: hub_protocol::LocksResponse = hub::fetch(Method::Get, "/coordinator/locks", None).await?;
    Ok(l.locks)
}

/// A lock's grants, and who waits for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LockDetail {
    pub history: LockHistory,
    pub queue: Vec<hub_protocol::AgentId>,
}

#[server(endpoint = "lock_history", output = TextJson)]
pub async fn load_lock_history(path: String) -> Result<LockDetail, ServerFnError> {
    let p = hub_protocol::ResourcePath::parse(&path).map_err(|e| ServerFnError::new(e.to_string()))?;
    let [history, check] = ["history", "check"].map(|part| format!("/lock/{}/{part}", p.to_segment()));
    let (history, status) = futures_util::try_join!(
        hub::fetch::<LockHistory>(Method::Get, &history, None),
        hub::fetch::<hub_protocol::LockStatus>(Method::Get, &check, None),
    )?;
    Ok(LockDetail { history, queue: status.queue })
}

#[server(endpoint = "force_release", output = TextJson)]
pub async fn force_release(path: String) -> Result<(), ServerFnError> {
    let p = hub_protocol::ResourcePath::parse(&path).map_err(|e| ServerFnError::new(e.to_string()))?;
    let body = hub_protocol::UnlockRequest { agent_id: hub::human().await?, force: true };
    hub::send(Method::Post, &format!("/lock/{}/unlock", p.to_segment()), &body).await
}

#[server(endpoint = "resolve", output = TextJson)]
pub async fn resolve_escalation(
    agent: String,
    session: String,
    escalation: String,
    hint: String,
) -> Result<(), ServerFnError> {
    let hint = hint.trim();
    let body = hub_protocol::ResolveEscalation {
        escalation_id: escalation,
        resolved_by: hub_protocol::ResolvedBy::Human,
        resolver_agent: Some(hub::human().await?),
        helpful_hint: if hint.is_empty() { None } else { Some(hub::text(hint)?) },
    };
    let path = format!("/agent/{}/trace/{}/resolve-escalation", hub::seg(&agent), hub::seg(&session));
    hub::send(Method::Post, &path, &body).await
}

/// A human's step on a handoff: `claim` it, `complete` what it claimed, or
/// `route` a pending one to agent `to`. (One server function for the three:
/// each costs the browser's bundle its own client code.)
#[server(endpoint = "handoff_step", output = TextJson)]
pub async fn handoff_step(id: String, step: String, to: String) -> Result<(), ServerFnError> {
    use hub_protocol::HandoffAction;
    let me = hub::human().await?;
    let body = match step.as_str() {
        "claim" => HandoffAction::Claim { handoff_id: id, agent_id: me },
        "complete" => HandoffAction::Complete { handoff_id: id, agent_id: me },
        "route" => HandoffAction::Route { handoff_id: id, agent_id: me, to_agent: hub::agent(to.trim())? },
        other => return Err(ServerFnError::new(format!("Unknown handoff step {other:?}"))),
    };
    hub::send(Method::Post, "/coordinator/handoffs", &body).await
}

/// Zones, claims (stale ones too), handoffs, and escalations open and resolved.
#[server(endpoint = "coordination", output = TextJson)]
pub async fn coordination() -> Result<CoordinationView, ServerFnError> {
    let (zones, claims, handoffs, open, resolved) = futures_util::try_join!(
        hub::fetch::<hub_protocol::ZonesResponse>(Method::Get, "/coordinator/zones", None),
        hub::fetch::<hub_protocol::ClaimsResponse>(Method::Get, "/coordinator/claims?includeStale=true", None),
        hub::fetch::<hub_protocol::HandoffsResponse>(Method::Get, "/coordinator/handoffs", None),
        hub::fetch::<hub_protocol::EscalationsIndex>(Method::Get, "/coordinator/escalations", None),
        hub::fetch::<hub_protocol::EscalationsIndex>(Method::Get, "/coordinator/escalations?resolved=true", None),
    )?;
    Ok(CoordinationView {
        zones: zones.zones.unwrap_or_default(),
        claims: claims.claims.unwrap_or_default(),
        handoffs: handoffs.handoffs.unwrap_or_default(),
        open: open.escalations,
        resolved: resolved.escalations,
    })
}

/// The team's chat and every agent's DMs, memories and steps matching
/// `q`, newest first (each agent is asked at once, a few at a time); only
/// `agent`'s DMs, memories and steps when one is named.
#[server(endpoint = "search", output = TextJson)]
pub async fn search(q: String, agent: String) -> Result<Vec<hub_protocol::SearchHit>, ServerFnError> {
    let query = format!("?q={}&limit=20", hub::seg(q.trim()));
    if !agent.is_empty() {
        let path = format!("/agent/{}/search{query}", hub::seg(agent.trim()));
        return Ok(hub::fetch::<hub_protocol::SearchResponse>(Method::Get, &path, None).await?.hits);
    }
    let agents: hub_protocol::AgentsResponse =
        hub::fetch(Method::Get, "/coordinator/agents?includeOffline=true", None).await?;
    let chat_path = format!("/coordinator/search{query}");
    let chat = hub::fetch::<hub_protocol::SearchResponse>(Method::Get, &chat_path, None);
    let theirs = agents.agents.into_iter().take(50).map(|a| {
        let path = format!("/agent/{}/search{query}", hub::seg(a.agent_id.as_str()));
        async move { hub::fetch::<hub_protocol::SearchResponse>(Method::Get, &path, None).await }
    });
    let (chat, theirs) = futures_util::try_join!(
        chat,
        futures_util::TryStreamExt::try_collect::<Vec<_>>(futures_util::StreamExt::buffered(
            futures_util::stream::iter(theirs),
            6
        )),
    )?;
    let mut hits: Vec<_> = chat.hits.into_iter().chain(theirs.into_iter().flat_map(|r| r.hits)).collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.timestamp));
    hits.truncate(50);
    Ok(hits)
}

/// Every registered team, with its live figures from its own coordinator
/// (asked a few at a time).
#[server(endpoint = "teams", output = TextJson)]
pub async fn teams() -> Result<Vec<TeamSummary>, ServerFnError> {
    let list: hub_protocol::TeamsResponse = hub::fetch(Method::Get, "/registry/teams", None).await?;
    let rows = list.teams.into_iter().map(|t| async move {
        let r: hub_protocol::SessionResumeResponse =
            hub::call_in(t.name.clone(), Method::Get, "/coordinator/session-resume", None)
                .await?
                .ok_or_else(|| ServerFnError::new("no session resume"))?;
        let r = r.session_resume;
        Ok::<_, ServerFnError>(TeamSummary {
            name: t.name.to_string(),
            agents_online: r.active_agents.len(),
            open_escalations: r.open_escalations.len(),
            last_activity: r.session.end_time,
        })
    });
    futures_util::TryStreamExt::try_collect(futures_util::StreamExt::buffered(futures_util::stream::iter(rows), 6))
        .await
}

/// Registers a team; its name and join secret (none when joining is off).
#[server(endpoint = "create_team", output = TextJson)]
pub async fn create_team(name: String) -> Result<(String, Option<String>), ServerFnError> {
    let team = hub::team_id(name.trim())?;
    let body = hub_protocol::RegisterTeam { name: team.clone() };
    hub::send(Method::Post, "/registry/teams", &body).await?;
    let secret =
        hub::call_in::<hub_protocol::JoinSecret>(team.clone(), Method::Get, "/coordinator/join-secret", None).await;
    Ok((team.to_string(), secret.ok().flatten().map(|s| s.secret)))
}

/// The team the portal shows.
#[server(endpoint = "current_team", output = TextJson)]
pub async fn current_team() -> Result<String, ServerFnError> {
    Ok(hub::team().await?.to_string())
}

/// The team's join secret; `None` when the hub has joining off.
#[server(endpoint = "join_secret", output = TextJson)]
pub async fn join_secret() -> Result<Option<String>, ServerFnError> {
    match hub::fetch::<hub_protocol::JoinSecret>(Method::Get, "/coordinator/join-secret", None).await {
        Ok(s) => Ok(Some(s.secret)),
        Err(_) => Ok(None),
    }
}

/// The team's agent tokens and the hub's named humans' tokens, newest first.
#[server(endpoint = "tokens", output = TextJson)]
pub async fn tokens() -> Result<Vec<hub_protocol::TokenInfo>, ServerFnError> {
    let (agents, humans) = futures_util::try_join!(
        hub::fetch::<hub_protocol::TokensResponse>(Method::Get, "/coordinator/tokens", None),
        hub::fetch::<hub_protocol::TokensResponse>(Method::Get, "/registry/humans", None),
    )?;
    let mut all = [agents.tokens, humans.tokens].concat();
    all.sort_by_key(|t| std::cmp::Reverse(t.created_at));
    Ok(all)
}

/// Mints a token for `agent`, or for a named human when it reads
/// `human:<name>`; the answer is the only time it is shown.
#[server(endpoint = "mint_token", output = TextJson)]
pub async fn mint_token(agent: String, label: String) -> Result<hub_protocol::MintedToken, ServerFnError> {
    let (agent, label) = (agent.trim(), label.trim());
    let label = if label.is_empty() { None } else { Some(hub::text(label)?) };
    if let Some(name) = agent.strip_prefix(hub_protocol::HUMAN_PREFIX) {
        let body = hub_protocol::MintHumanToken { name: hub::text(name)?, label };
        return hub::fetch(Method::Post, "/registry/humans", Some(hub::wire(&body)?)).await;
    }
    let body = hub_protocol::MintToken { agent_id: hub::agent(agent)?, label };
    hub::fetch(Method::Post, "/coordinator/tokens", Some(hub::wire(&body)?)).await
}

#[server(endpoint = "revoke_token", output = TextJson)]
pub async fn revoke_token(id: String) -> Result<(), ServerFnError> {
    // Named humans' tokens are the hub's, not the team's.
    let home = if id.starts_with("htok_") { "/registry/humans" } else { "/coordinator/tokens" };
    let path = format!("{home}/{}", hub_protocol::percent_encode(&id));
    hub::fetch::<serde_json::Value>(Method::Delete, &path, None).await?;
    hub::revoked(&id).await;
    Ok(())
}
