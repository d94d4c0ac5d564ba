//! Server functions: the portal's only way to the hub's data. Each runs on
//! the Worker, calls the same API paths a client would, and returns the
//! shared wire types. Human actions sign as the signed-in human (`human`,
//! or a named human's `human:<name>`) with author type human.

use hub_protocol::{
    Agent, AgentStateView, ChatMessage, Dashboard, LockHistory, LockInfo, Memory, SessionResume, Soul, Trace,
    TraceListing,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::codec::TextJson;

mod admin;
mod humans;
mod tasks;
pub use admin::*;
pub use humans::*;
pub use tasks::*;

/// One row of the team page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamRow {
    pub agent: Agent,
    pub soul: Option<Soul>,
    pub dashboard: Option<Dashboard>,
    pub unread: usize,
    /// The paths it holds locks on.
    #[serde(default)]
    pub locks: Vec<String>,
    /// The highest level of its open escalations: it is stuck.
    #[serde(default)]
    pub stuck: Option<u8>,
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
    /// The DMs it sent that still wait for an acknowledgement.
    pub awaiting: Vec<hub_protocol::SentDm>,
    /// Its open escalations.
    #[serde(default)]
    pub open: Vec<hub_protocol::Escalation>,
}

#[cfg(feature = "ssr")]
use {
    crate::hub,
    hub_protocol::{AgentPath, ApiPath, CoordinatorPath as Coord, LockPath},
    worker::Method,
};

/// The landing page: the session resume, the held locks with who waits
/// for each, and what needs the human.
#[server(endpoint = "resume", output = TextJson)]
pub async fn load_resume() -> Result<(SessionResume, Vec<HeldLock>, Needs), ServerFnError> {
    let (r, held, needs) = futures_util::try_join!(
        hub::fetch::<hub_protocol::SessionResumeResponse>(Method::Get, Coord::SessionResume, None),
        locks(),
        humans::needs(),
    )?;
    Ok((r.session_resume, held, needs))
}

#[server(endpoint = "team", output = TextJson)]
pub async fn team() -> Result<Vec<TeamRow>, ServerFnError> {
    let open = Coord::Escalations(hub_protocol::EscalationsQuery { resolved: false });
    let (mut res, held, open) = futures_util::try_join!(
        hub::fetch::<hub_protocol::AgentsResponse>(Method::Get, everyone(), None),
        hub::fetch::<hub_protocol::LocksResponse>(Method::Get, Coord::Locks, None),
        hub::fetch::<hub_protocol::EscalationsIndex>(Method::Get, open, None),
    )?;
    let open = &open.escalations;
    // Online first, then the most recently seen.
    res.agents.sort_by_key(|a| (a.status == hub_protocol::AgentStatus::Offline, std::cmp::Reverse(a.last_seen)));
    let held = &held.locks;
    // Each agent is its own object: ask several at once, a few at a time
    // (the runtime caps a request's simultaneous subrequests), in order.
    let rows = res.agents.into_iter().take(50).map(|agent| async move {
        let id = &agent.agent_id;
        let locks = held.iter().filter(|l| l.locked_by == *id).map(|l| l.resource_path.to_string()).collect();
        let stuck = open.iter().filter(|e| e.agent_id == *id).map(|e| e.escalation.highest_level).max();
        let (soul, dashboard, state) = futures_util::try_join!(
            hub::call::<hub_protocol::SoulResponse>(Method::Get, of(id, AgentPath::Soul), None),
            hub::call::<hub_protocol::DashboardResponse>(Method::Get, of(id, AgentPath::Dashboard), None),
            hub::call::<AgentStateView>(Method::Get, of(id, AgentPath::State), None),
        )?;
        Ok::<_, ServerFnError>(TeamRow {
            agent,
            soul: soul.and_then(|s| s.soul),
            dashboard: dashboard.map(|d| d.dashboard),
            unread: state.map_or(0, |s| s.unread_count),
            locks,
            stuck,
        })
    });
    futures_util::TryStreamExt::try_collect(futures_util::StreamExt::buffered(futures_util::stream::iter(rows), 6))
        .await
}

#[server(endpoint = "agent", output = TextJson)]
pub async fn load_agent(id: String) -> Result<AgentPage, ServerFnError> {
    let agent = hub::agent(&id)?;
    let newest = hub_protocol::InboxQuery { limit: Some(20), ..Default::default() };
    let awaiting = AgentPath::Sent(hub_protocol::SentQuery { awaiting: true });
    let open = Coord::Escalations(hub_protocol::EscalationsQuery { resolved: false });
    let (agents, soul, dashboard, state, traces, memories, inbox, sent, open) = futures_util::try_join!(
        hub::fetch::<hub_protocol::AgentsResponse>(Method::Get, everyone(), None),
        hub::call::<hub_protocol::SoulResponse>(Method::Get, of(&agent, AgentPath::Soul), None),
        hub::call::<hub_protocol::DashboardResponse>(Method::Get, of(&agent, AgentPath::Dashboard), None),
        hub::fetch::<AgentStateView>(Method::Get, of(&agent, AgentPath::State), None),
        hub::fetch::<hub_protocol::TracesResponse>(Method::Get, of(&agent, AgentPath::Traces), None),
        hub::fetch::<hub_protocol::MemoriesResponse>(
            Method::Get,
            of(&agent, AgentPath::Memory(Default::default())),
            None
        ),
        hub::fetch::<hub_protocol::InboxResponse>(Method::Get, of(&agent, AgentPath::Messages(newest)), None),
        hub::fetch::<hub_protocol::SentResponse>(Method::Get, of(&agent, awaiting), None),
        hub::fetch::<hub_protocol::EscalationsIndex>(Method::Get, open, None),
    )?;
    let open = open.escalations.into_iter().filter(|e| e.agent_id == agent).map(|e| e.escalation).collect();
    Ok(AgentPage {
        agent: agents.agents.into_iter().find(|a| a.agent_id.as_str() == id),
        soul: soul.and_then(|s| s.soul),
        dashboard: dashboard.map(|d| d.dashboard),
        state,
        traces: traces.traces,
        memories: memories.memories,
        inbox: inbox.messages,
        awaiting: sent.messages,
        open,
    })
}

/// A path of agent `id`'s object.
#[cfg(feature = "ssr")]
fn of(id: &hub_protocol::AgentId, part: AgentPath) -> ApiPath {
    ApiPath::Agent(id.clone(), part)
}

/// The team's agents, offline ones too.
#[cfg(feature = "ssr")]
fn everyone() -> Coord {
    Coord::Agents(hub_protocol::AgentsQuery { include_offline: true })
}

/// A page of the chat: the newest 100, or the 100 before `before`.
#[cfg(feature = "ssr")]
fn page(before: Option<String>) -> hub_protocol::ChatQuery {
    hub_protocol::ChatQuery { limit: Some(100), before, ..Default::default() }
}

/// A lock's path from a form field.
#[cfg(feature = "ssr")]
fn lock(path: &str, part: LockPath) -> Result<ApiPath, ServerFnError> {
    let p = hub_protocol::ResourcePath::parse(path).map_err(|e| ServerFnError::new(e.to_string()))?;
    Ok(ApiPath::Lock(p, part))
}

#[server(endpoint = "trace", output = TextJson)]
pub async fn load_trace(id: String, session: String) -> Result<Trace, ServerFnError> {
    let t: hub_protocol::TraceResponse =
        hub::fetch(Method::Get, of(&hub::agent(&id)?, AgentPath::Trace(session)), None).await?;
    Ok(t.trace)
}

#[server(endpoint = "chat", output = TextJson)]
pub async fn chat() -> Result<Vec<ChatMessage>, ServerFnError> {
    let c: hub_protocol::ChatResponse = hub::fetch(Method::Get, Coord::Chat(page(None)), None).await?;
    Ok(c.messages)
}

/// The 100 messages before the message `before`: the chat, a page back.
#[server(endpoint = "older_chat", output = TextJson)]
pub async fn older_chat(before: String) -> Result<Vec<ChatMessage>, ServerFnError> {
    let c: hub_protocol::ChatResponse = hub::fetch(Method::Get, Coord::Chat(page(Some(before))), None).await?;
    Ok(c.messages)
}

#[server(endpoint = "post_chat", output = TextJson)]
pub async fn post_chat(message: String) -> Result<(), ServerFnError> {
    let body = hub_protocol::PostChat {
        author: hub::human().await?,
        message: hub::text(message)?,
        author_type: hub_protocol::AuthorType::Human,
    };
    hub::send(Method::Post, Coord::Chat(Default::default()), &body).await
}

#[server(endpoint = "send_dm", output = TextJson)]
pub async fn send_dm(id: String, message: String) -> Result<(), ServerFnError> {
    let body = hub_protocol::SendDm {
        from: hub::human().await?,
        kind: Default::default(),
        message: hub::text(message)?,
        reply_to: None,
        ack_required: false,
    };
    hub::send(Method::Post, of(&hub::agent(&id)?, AgentPath::Messages(Default::default())), &body).await
}

/// A held lock and who waits for it, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldLock {
    pub lock: LockInfo,
    pub waiting: Vec<hub_protocol::Waiting>,
}

#[server(endpoint = "locks", output = TextJson)]
pub async fn locks() -> Result<Vec<HeldLock>, ServerFnError> {
    let l: hub_protocol::LocksResponse = hub::fetch(Method::Get, Coord::Locks, None).await?;
    // Each lock's queue is its own object's: asked of all at once.
    let queues = futures_util::future::join_all(l.locks.iter().map(|held| async move {
        let status: hub_protocol::LockStatus =
            hub::fetch(Method::Get, lock(held.resource_path.as_str(), LockPath::Check)?, None).await?;
        Ok::<_, ServerFnError>(status.waiting)
    }))
    .await;
    Ok(l.locks
        .into_iter()
        .zip(queues)
        .map(|(lock, waiting)| HeldLock { lock, waiting: waiting.unwrap_or_default() })
        .collect())
}

#[server(endpoint = "lock_history", output = TextJson)]
pub async fn load_lock_history(path: String) -> Result<LockHistory, ServerFnError> {
    hub::fetch::<LockHistory>(Method::Get, lock(&path, LockPath::History)?, None).await
}

#[server(endpoint = "force_release", output = TextJson)]
pub async fn force_release(path: String) -> Result<(), ServerFnError> {
    let body = hub_protocol::UnlockRequest { agent_id: hub::human().await?, force: true };
    hub::send(Method::Post, lock(&path, LockPath::Unlock)?, &body).await
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
    hub::send(Method::Post, of(&hub::agent(&agent)?, AgentPath::ResolveEscalation(session)), &body).await
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
    hub::send(Method::Post, Coord::Handoffs(Default::default()), &body).await
}

/// Zones, claims (stale ones too), handoffs, and escalations open and resolved.
#[server(endpoint = "coordination", output = TextJson)]
pub async fn coordination() -> Result<CoordinationView, ServerFnError> {
    let stale = hub_protocol::ClaimQuery { include_stale: true, ..Default::default() };
    let open = hub_protocol::EscalationsQuery { resolved: false };
    let resolved = hub_protocol::EscalationsQuery { resolved: true };
    let (zones, claims, handoffs, open, resolved) = futures_util::try_join!(
        hub::fetch::<hub_protocol::ZonesResponse>(Method::Get, Coord::Zones(Default::default()), None),
        hub::fetch::<hub_protocol::ClaimsResponse>(Method::Get, Coord::Claims(stale), None),
        hub::fetch::<hub_protocol::HandoffsResponse>(Method::Get, Coord::Handoffs(Default::default()), None),
        hub::fetch::<hub_protocol::EscalationsIndex>(Method::Get, Coord::Escalations(open), None),
        hub::fetch::<hub_protocol::EscalationsIndex>(Method::Get, Coord::Escalations(resolved), None),
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
    let query = hub_protocol::SearchQuery { q: q.trim().to_owned(), limit: Some(20) };
    if !agent.is_empty() {
        let path = of(&hub::agent(agent.trim())?, AgentPath::Search(query));
        return Ok(hub::fetch::<hub_protocol::SearchResponse>(Method::Get, path, None).await?.hits);
    }
    let agents: hub_protocol::AgentsResponse = hub::fetch(Method::Get, everyone(), None).await?;
    let chat = hub::fetch::<hub_protocol::SearchResponse>(Method::Get, Coord::Search(query.clone()), None);
    let theirs = agents.agents.into_iter().take(50).map(|a| {
        let path = of(&a.agent_id, AgentPath::Search(query.clone()));
        async move { hub::fetch::<hub_protocol::SearchResponse>(Method::Get, path, None).await }
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
