//! The hook events that carry news to the model: `PostToolUse` and
//! `UserPromptSubmit` (what arrived since the model last saw news, each
//! item once, bounded), `SessionStart` (the hot start, then the news) and
//! `Stop` (blocked once while the agent holds locks or owes an ack).

use hub_domain::{news_text, EXPIRY_WARNING_MS};
use hub_protocol::{
    AgentPath, CoordinatorPath, ExpiringLock, HookInput, HookOutput, InboxQuery, InboxResponse, LocksResponse,
    NewsResponse, TakeNews, WorkBundle,
};

use crate::api_error::ApiError;
use crate::clock;
use crate::mcp::hub::{AgentHub, ToolError};

fn hub_error(e: ToolError) -> ApiError {
    ApiError::Internal(e.0)
}

/// The agent's locks, from the coordinator's index.
async fn my_locks(hub: &AgentHub<'_>) -> Result<Vec<hub_protocol::LockInfo>, ApiError> {
    let all: LocksResponse = hub.get(CoordinatorPath::Locks).await.map_err(hub_error)?;
    Ok(all.locks.into_iter().filter(|l| l.locked_by == hub.me).collect())
}

/// The news since the model last saw any, as one text (`None`: nothing).
async fn take(hub: &AgentHub<'_>) -> Result<Option<String>, ApiError> {
    let now = clock::now();
    let expiring = my_locks(hub)
        .await?
        .into_iter()
        .filter(|l| l.expires_at.since(now) < EXPIRY_WARNING_MS)
        .map(|l| ExpiringLock { resource_path: l.resource_path.to_string(), expires_at: l.expires_at })
        .collect();
    let news: NewsResponse =
        hub.post(hub.mine(AgentPath::News), &TakeNews { expiring, peek: false }).await.map_err(hub_error)?;
    if news.items.is_empty() {
        return Ok(None);
    }
    let lines: Vec<String> = news.items.into_iter().map(|i| i.text).collect();
    Ok(Some(news_text(&lines, news.more)))
}

pub async fn news(hub: &AgentHub<'_>, event: &str) -> Result<HookOutput, ApiError> {
    Ok(match take(hub).await? {
        Some(text) => HookOutput::context(event, text),
        None => HookOutput::silent(),
    })
}

/// Blocks the stop once (Claude Code says `stop_hook_active` on the turn
/// it continues because of a Stop hook) while the agent holds locks or has
/// DMs that ask for an ack it has not given.
pub async fn stop(hub: &AgentHub<'_>, input: &HookInput) -> Result<HookOutput, ApiError> {
    if input.stop_hook_active {
        return Ok(HookOutput::silent());
    }
    let locks = my_locks(hub).await?;
    let inbox: InboxResponse = hub
        .get(hub.mine(AgentPath::Messages(InboxQuery { limit: Some(100), ..InboxQuery::default() })))
        .await
        .map_err(hub_error)?;
    let owed: Vec<_> = inbox.messages.iter().filter(|m| m.ack_required && m.acked_at.is_none()).collect();
    if locks.is_empty() && owed.is_empty() {
        return Ok(HookOutput::silent());
    }
    let mut reasons = Vec::new();
    if !locks.is_empty() {
        let paths: Vec<String> = locks.iter().map(|l| l.resource_path.to_string()).collect();
        reasons.push(format!(
            "you still hold the lock on {}: release each you are done with (hub_unlock), or say why you keep it",
            paths.join(", ")
        ));
    }
    if !owed.is_empty() {
        let from: Vec<String> = owed.iter().map(|m| format!("{} from {}", m.id, m.from)).collect();
        reasons.push(format!(
            "DMs ask for your acknowledgement ({}): read them and acknowledge (hub_inbox acknowledge=true)",
            from.join(", ")
        ));
    }
    Ok(HookOutput::block(format!("agent-hub: before you stop, {}.", reasons.join("; and "))))
}

/// The hot start: who the agent is, its checkpoint, its tasks, then the news.
pub async fn session_start(hub: &AgentHub<'_>) -> Result<HookOutput, ApiError> {
    let work: WorkBundle = hub.get(CoordinatorPath::Work(hub.me.clone())).await.map_err(hub_error)?;
    let mut lines = vec![format!(
        "agent-hub: you are {} in a team of {} ({} active).",
        work.agent_id,
        work.team.len(),
        work.summary.active_agents
    )];
    if let Some(c) = &work.checkpoint {
        if let Some(summary) = &c.conversation_summary {
            lines.push(format!("Last checkpoint: {summary}"));
        }
        if !c.pending_work.is_empty() {
            lines.push(format!("Pending: {}", c.pending_work.join("; ")));
        }
    }
    for t in &work.tasks.mine {
        lines.push(format!("Your task {}: {} ({})", t.id, t.title, t.status.as_str()));
    }
    for m in work.inbox.iter().flat_map(|i| &i.pending_mentions) {
        lines.push(format!("{} mentioned you: {}", m.author, m.message));
    }
    if let Some(n) = work.unread_dms.filter(|n| *n > 0) {
        lines.push(format!("{n} unread direct message(s): hub_inbox reads them."));
    }
    let mut text = lines.join("\n");
    if let Some(news) = take(hub).await? {
        text.push('\n');
        text.push_str(&news);
    }
    Ok(HookOutput::context("SessionStart", text))
}
