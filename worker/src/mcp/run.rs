//! Running a tool: its typed arguments turned into the API's own requests,
//! sent as the agent ([`AgentHub`]), and the answers put into a few words of
//! JSON for the model (tool results are text for a model, not wire bodies).

use hub_protocol::{
    AgentPath, AgentStatus, ApiPath, ChatQuery, CheckpointArgs, CoordinatorPath, InboxQuery, InboxResponse, LockGrant,
    LockPath, LockRequest, MarkRead, MemoryArgs, MemoryQuery, MemoryVerb, OnboardResponse, PostChat, RegisterAgent,
    ResolveArgs, ResolveEscalation, ResolvedBy, SaveCheckpoint, SaveMemory, SelfStatus, SendDm, SessionResumeResponse,
    StartTrace, StatusArgs, StepInput, ToolCall, UnlockRequest, WorkBundle,
};
use serde_json::json;
use worker::Method;

use super::args::{need, value, Answer};
use super::hub::AgentHub;

/// Runs one call, as the agent.
pub async fn run(hub: &AgentHub<'_>, call: ToolCall) -> Answer {
    let me = hub.me.clone();
    match call {
        ToolCall::Start(_) => start(hub).await,
        ToolCall::Chat(a) => {
            let body = PostChat { author: me, message: a.message, author_type: Default::default() };
            let r: hub_protocol::PostChatResponse =
                hub.post(CoordinatorPath::Chat(ChatQuery::default()), &body).await?;
            Ok(json!({ "posted": r.message.id }))
        }
        ToolCall::Dm(a) => {
            super::recheck::news_for(&hub.team, &a.to);
            let body = SendDm {
                from: me,
                kind: Default::default(),
                message: a.message,
                reply_to: a.reply_to,
                ack_required: a.ack_required.unwrap_or(false),
            };
            let path = ApiPath::Agent(a.to, AgentPath::Messages(InboxQuery::default()));
            let r: hub_protocol::SendDmResponse = hub.post(path, &body).await?;
            Ok(json!({ "sent": r.message.id, "delivered": r.message.delivered_at.is_some() }))
        }
        ToolCall::Inbox(a) => inbox(hub, a.acknowledge.unwrap_or(false)).await,
        ToolCall::Lock(a) => lock(hub, a).await,
        ToolCall::Unlock(a) => {
            let body = UnlockRequest { agent_id: me, force: false };
            let r: hub_protocol::UnlockResponse = hub.post(ApiPath::Lock(a.path, LockPath::Unlock), &body).await?;
            Ok(json!({ "message": r.message, "nextOwner": r.next_owner }))
        }
        ToolCall::Checkpoint(a) => checkpoint(hub, a).await,
        ToolCall::Status(a) => status(hub, a).await,
        ToolCall::TraceStart(a) => {
            let body = StartTrace { task: Some(a.task), ..StartTrace::default() };
            let r: hub_protocol::TraceResponse = hub.post(hub.mine(AgentPath::Traces), &body).await?;
            Ok(json!({ "sessionId": r.trace.session_id }))
        }
        ToolCall::TraceStep(a) => step(hub, a).await,
        ToolCall::TraceComplete(a) => {
            let body = hub_protocol::CompleteTrace { domain: a.domain.map(|d| d.as_str().to_owned()) };
            let path = hub.mine(AgentPath::Complete(a.session_id.into_string()));
            let r: hub_protocol::TraceResponse = hub.post(path, &body).await?;
            Ok(json!({ "xpGained": r.xp_gained, "levelUp": r.level_up, "summary": r.trace.summary }))
        }
        ToolCall::Resolve(a) => resolve(hub, a).await,
        ToolCall::Tasks(a) => super::work::tasks(hub, a).await,
        ToolCall::Handoff(a) => super::work::handoff(hub, a).await,
        ToolCall::Memory(a) => memory(hub, a).await,
        ToolCall::Ask(a) => super::work::ask(hub, a).await,
    }
}

async fn lock(hub: &AgentHub<'_>, a: hub_protocol::LockArgs) -> Answer {
    let body = LockRequest {
        agent_id: hub.me.clone(),
        reason: a.reason,
        resource_type: None,
        ttl_ms: a.ttl_seconds.map(|s| s.saturating_mul(1000)),
        wait: a.wait.unwrap_or(false),
    };
    let refused = match hub.post::<LockGrant>(ApiPath::Lock(a.path.clone(), LockPath::Lock), &body).await {
        Ok(grant) => return value(&grant),
        Err(e) => e,
    };
    // Held by another: say by whom and until when, as the CLI and the guard do.
    let status: Result<hub_protocol::LockStatus, _> = hub.get(ApiPath::Lock(a.path.clone(), LockPath::Check)).await;
    match status.ok().and_then(|s| s.lock).filter(|l| l.locked_by != hub.me) {
        Some(l) => Err(super::hub::ToolError(format!(
            "{} is locked by {} until {} ({} min left); wait=true queues you for it",
            a.path,
            l.locked_by,
            l.expires_at.to_iso(),
            hub_domain::minutes_until(l.expires_at, crate::clock::now())
        ))),
        None => Err(refused),
    }
}

async fn step(hub: &AgentHub<'_>, a: hub_protocol::TraceStepArgs) -> Answer {
    let step = StepInput {
        tool: Some(a.tool),
        intent: a.intent,
        outcome: Some(a.outcome.as_str().to_owned()),
        duration_ms: a.duration_ms,
        ..StepInput::default()
    };
    let path = hub.mine(AgentPath::Step(a.session_id.into_string()));
    let r: hub_protocol::StepResponse = hub.post(path, &step).await?;
    Ok(json!({ "stepId": r.step.id, "escalation": r.escalation }))
}

async fn start(hub: &AgentHub<'_>) -> Answer {
    let onboard: OnboardResponse = hub.get(CoordinatorPath::Onboard(hub.me.clone())).await?;
    let work: WorkBundle = hub.get(CoordinatorPath::Work(hub.me.clone())).await?;
    let resume: SessionResumeResponse = hub.get(CoordinatorPath::SessionResume).await?;
    let ready_query = hub_protocol::ReadyQuery { limit: Some(5), ..Default::default() };
    let ready: hub_protocol::ReadyResponse = hub.get(CoordinatorPath::ReadyTasks(ready_query)).await?;
    let o = onboard.onboarding;
    let level = o.dashboard.level;
    Ok(json!({
        "welcome": o.welcome_message,
        "suggestedTask": o.suggested_task,
        "team": work.team.iter().map(|a| json!({"agentId": a.agent_id, "status": a.status, "workingOn": a.working_on})).collect::<Vec<_>>(),
        "todo": work.tasks.todo.iter().map(|t| json!({"id": t.id, "title": t.title})).collect::<Vec<_>>(),
        "ready": {
            "count": ready.count,
            "next": ready.tasks.iter().map(|t| json!({"id": t.id, "title": t.title, "priority": t.priority})).collect::<Vec<_>>(),
            "hint": "hub_tasks take: the next ready task is yours, atomically",
        },
        "mine": work.tasks.mine,
        "mentions": work.inbox.map(|i| i.pending_mentions).unwrap_or_default(),
        "unreadDms": work.unread_dms,
        "checkpoint": work.checkpoint,
        "coaching": {
            "level": level.current, "xp": level.xp, "nextLevel": level.next_level,
            "xpNeeded": level.xp_needed, "streakNeeded": level.streak_needed, "tasksNeeded": level.tasks_needed,
            "suggestions": o.dashboard.suggestions.iter().map(|s| format!("{} ({})", s.action, s.reason)).collect::<Vec<_>>(),
        },
        "whileAway": {
            "summary": resume.session_resume.summary_text,
            "openEscalations": resume.session_resume.open_escalations.len(),
            "pendingHandoffs": resume.session_resume.pending.handoffs.iter().map(|h| json!({"id": h.id, "title": h.title, "from": h.from_agent})).collect::<Vec<_>>(),
        },
    }))
}

async fn inbox(hub: &AgentHub<'_>, acknowledge: bool) -> Answer {
    let unread = InboxQuery { unread: true, ..InboxQuery::default() };
    let dms: InboxResponse = hub.get(hub.mine(AgentPath::Messages(unread))).await?;
    let mentions = ChatQuery { limit: Some(1), agent_id: Some(hub.me.clone()), ..ChatQuery::default() };
    let chat: hub_protocol::ChatResponse = hub.get(CoordinatorPath::Chat(mentions)).await?;
    if acknowledge && !dms.messages.is_empty() {
        let ids = MarkRead { message_ids: dms.messages.iter().map(|m| m.id.clone()).collect(), ack: true };
        let path = hub.mine(AgentPath::Messages(InboxQuery::default()));
        hub.call::<hub_protocol::MarkReadResponse>(Method::Patch, path, Some(&ids)).await?;
    }
    let sent: hub_protocol::SentResponse =
        hub.get(hub.mine(AgentPath::Sent(hub_protocol::SentQuery { awaiting: true }))).await?;
    Ok(json!({ "directMessages": dms.messages, "mentions": chat.pending_mentions, "awaitingAck": sent.messages }))
}

async fn checkpoint(hub: &AgentHub<'_>, a: CheckpointArgs) -> Answer {
    let save = SaveCheckpoint {
        conversation_summary: a.summary,
        pending_work: a.pending,
        accomplishments: a.done,
        recent_context: None,
        files_edited: a.files,
    };
    let r: hub_protocol::SaveCheckpointResponse = hub.post(hub.mine(AgentPath::Checkpoint), &save).await?;
    value(&r.checkpoint)
}

async fn status(hub: &AgentHub<'_>, a: StatusArgs) -> Answer {
    let status = a.status.map(|s| match s {
        SelfStatus::Active => AgentStatus::Active,
        SelfStatus::Idle => AgentStatus::Idle,
        SelfStatus::Waiting => AgentStatus::Waiting,
    });
    let body = RegisterAgent {
        agent_id: hub.me.clone(),
        status,
        current_task: a.current_task,
        working_on: a.working_on,
        capabilities: None,
        offers: None,
        needs: None,
    };
    let r: hub_protocol::RegisterResponse = hub.post(CoordinatorPath::Agents(Default::default()), &body).await?;
    Ok(json!({ "status": r.agent.status, "currentTask": r.agent.current_task, "workingOn": r.agent.working_on }))
}

async fn resolve(hub: &AgentHub<'_>, a: ResolveArgs) -> Answer {
    let owner = a.agent.unwrap_or_else(|| hub.me.clone());
    let own = owner == hub.me;
    let body = ResolveEscalation {
        escalation_id: a.escalation_id.into_string(),
        resolved_by: if own { ResolvedBy::SelfResolved } else { ResolvedBy::Peer },
        resolver_agent: (!own).then(|| hub.me.clone()),
        helpful_hint: a.hint,
    };
    let path = ApiPath::Agent(owner, AgentPath::ResolveEscalation(a.session_id.into_string()));
    let r: hub_protocol::ResolveResponse = hub.post(path, &body).await?;
    value(&r.resolution)
}

async fn memory(hub: &AgentHub<'_>, a: MemoryArgs) -> Answer {
    match a.action {
        MemoryVerb::Remember => {
            let body = SaveMemory {
                category: a.category.unwrap_or_default(),
                content: need(a.content, "content")?,
                tags: a.tags.unwrap_or_default(),
            };
            let r: hub_protocol::SaveMemoryResponse =
                hub.post(hub.mine(AgentPath::Memory(MemoryQuery::default())), &body).await?;
            Ok(json!({ "remembered": r.memory.id }))
        }
        MemoryVerb::Recall => {
            let q = MemoryQuery {
                category: a.category,
                query: a.query.map(hub_protocol::Text::into_string),
                ..MemoryQuery::default()
            };
            let r: hub_protocol::MemoriesResponse = hub.get(hub.mine(AgentPath::Memory(q))).await?;
            value(&r.memories)
        }
    }
}
