//! Running a tool: its arguments turned into the API's own requests, sent
//! as the agent ([`AgentHub`]), and the answers put into a few words of
//! JSON for the model (tool results are text for a model, not wire bodies).

use hub_protocol::{
    AgentStatus, InboxResponse, LockGrant, LockRequest, MarkRead, MemoryCategory, MemoryQuery, OnboardResponse,
    PostChat, RegisterAgent, ResolveEscalation, ResolvedBy, SaveCheckpoint, SaveMemory, SendDm, SessionResumeResponse,
    StartTrace, StepInput, UnlockRequest, WorkBundle,
};
use serde::Deserialize;
use serde_json::{json, Value};
use worker::Method;

use super::args::{agent, args, need, text, texts, value, Answer, Opts};
use super::hub::{AgentHub, ToolError};

fn lock_path(path: &str) -> Result<String, ToolError> {
    let p = hub_protocol::ResourcePath::parse(path).map_err(|e| ToolError(format!("path: {e}")))?;
    Ok(format!("/lock/{}", p.to_segment()))
}

#[derive(Deserialize)]
struct Message {
    message: String,
    #[serde(default)]
    to: Option<String>,
}

#[derive(Deserialize)]
struct Lock {
    path: String,
    ttl_seconds: Option<i64>,
    #[serde(default)]
    wait: bool,
    reason: Option<String>,
}

/// Runs tool `name`; unknown names are the caller's to report.
pub async fn run(hub: &AgentHub<'_>, name: &str, arguments: Value) -> Option<Answer> {
    let me = hub.me.clone();
    Some(match name {
        "hub_start" => start(hub).await,
        "hub_chat" => {
            async {
                let a: Message = args(arguments)?;
                let body =
                    PostChat { author: me, message: text(a.message, "message")?, author_type: Default::default() };
                let r: hub_protocol::PostChatResponse = hub.post("/coordinator/chat", &body).await?;
                Ok(json!({ "posted": r.message.id }))
            }
            .await
        }
        "hub_dm" => {
            async {
                let a: Message = args(arguments)?;
                let to = agent(&need(a.to, "to")?)?;
                let body = SendDm { from: me, kind: Default::default(), message: text(a.message, "message")? };
                let path = format!("/agent/{}/messages", hub_protocol::percent_encode(to.as_str()));
                let r: hub_protocol::SendDmResponse = hub.post(&path, &body).await?;
                Ok(json!({ "sent": r.message.id }))
            }
            .await
        }
        "hub_inbox" => inbox(hub, args::<Opts>(arguments)).await,
        "hub_lock" => {
            async {
                let a: Lock = args(arguments)?;
                let body = LockRequest {
                    agent_id: me,
                    reason: a.reason.map(|r| text(r, "reason")).transpose()?,
                    resource_type: None,
                    ttl_ms: a.ttl_seconds.map(|s| s.saturating_mul(1000)),
                    wait: a.wait,
                };
                match hub.call::<LockGrant>(Method::Post, &format!("{}/lock", lock_path(&a.path)?), Some(&body)).await {
                    Ok(grant) => value(&grant),
                    Err(e) => Err(e),
                }
            }
            .await
        }
        "hub_unlock" => {
            async {
                let a: Lock = args(arguments)?;
                let body = UnlockRequest { agent_id: me, force: false };
                let r: hub_protocol::UnlockResponse =
                    hub.post(&format!("{}/unlock", lock_path(&a.path)?), &body).await?;
                Ok(json!({ "message": r.message, "nextOwner": r.next_owner }))
            }
            .await
        }
        _ => return more(hub, name, arguments).await,
    })
}

/// The tools with several actions or fields (one `Opts` for their arguments).
async fn more(hub: &AgentHub<'_>, name: &str, arguments: Value) -> Option<Answer> {
    let a: Opts = match args(arguments) {
        Ok(a) => a,
        Err(e) => return Some(Err(e)),
    };
    Some(match name {
        "hub_checkpoint" => checkpoint(hub, a).await,
        "hub_status" => status(hub, a).await,
        "hub_trace_start" => {
            async {
                let body = StartTrace { task: Some(text(need(a.task, "task")?, "task")?), ..StartTrace::default() };
                let r: hub_protocol::TraceResponse = hub.post(&hub.mine("/trace"), &body).await?;
                Ok(json!({ "sessionId": r.trace.session_id }))
            }
            .await
        }
        "hub_trace_step" => {
            async {
                let sid = need(a.session_id, "session_id")?;
                let step = StepInput {
                    tool: Some(text(need(a.tool, "tool")?, "tool")?),
                    intent: a.intent.map(|i| text(i, "intent")).transpose()?,
                    outcome: Some(need(a.outcome, "outcome")?),
                    duration_ms: a.duration_ms,
                    ..StepInput::default()
                };
                let path = hub.mine(&format!("/trace/{}/step", hub_protocol::percent_encode(&sid)));
                let r: hub_protocol::StepResponse = hub.post(&path, &step).await?;
                Ok(json!({ "stepId": r.step.id, "escalation": r.escalation }))
            }
            .await
        }
        "hub_trace_complete" => {
            async {
                let sid = need(a.session_id, "session_id")?;
                let body = hub_protocol::CompleteTrace { domain: a.domain };
                let path = hub.mine(&format!("/trace/{}/complete", hub_protocol::percent_encode(&sid)));
                let r: hub_protocol::TraceResponse = hub.post(&path, &body).await?;
                Ok(json!({ "xpGained": r.xp_gained, "levelUp": r.level_up, "summary": r.trace.summary }))
            }
            .await
        }
        "hub_resolve" => resolve(hub, a).await,
        "hub_tasks" => super::work::tasks(hub, a).await,
        "hub_handoff" => super::work::handoff(hub, a).await,
        "hub_memory" => memory(hub, a).await,
        _ => return None,
    })
}

async fn start(hub: &AgentHub<'_>) -> Answer {
    let me = hub_protocol::percent_encode(hub.me.as_str());
    let onboard: OnboardResponse = hub.get(&format!("/coordinator/onboard?agentId={me}")).await?;
    let work: WorkBundle = hub.get(&format!("/coordinator/work?agentId={me}")).await?;
    let resume: SessionResumeResponse = hub.get("/coordinator/session-resume").await?;
    let o = onboard.onboarding;
    let level = o.dashboard.level;
    Ok(json!({
        "welcome": o.welcome_message,
        "suggestedTask": o.suggested_task,
        "team": work.team.iter().map(|a| json!({"agentId": a.agent_id, "status": a.status, "workingOn": a.working_on})).collect::<Vec<_>>(),
        "todo": work.tasks.todo.iter().map(|t| json!({"id": t.id, "title": t.title})).collect::<Vec<_>>(),
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

async fn inbox(hub: &AgentHub<'_>, a: Result<Opts, ToolError>) -> Answer {
    let a = a?;
    let dms: InboxResponse = hub.get(&hub.mine("/messages?unread=true")).await?;
    let me = hub_protocol::percent_encode(hub.me.as_str());
    let chat: hub_protocol::ChatResponse = hub.get(&format!("/coordinator/chat?limit=1&agentId={me}")).await?;
    if a.acknowledge && !dms.messages.is_empty() {
        let ids = MarkRead { message_ids: dms.messages.iter().map(|m| m.id.clone()).collect() };
        hub.call::<hub_protocol::MarkReadResponse>(Method::Patch, &hub.mine("/messages"), Some(&ids)).await?;
    }
    Ok(json!({ "directMessages": dms.messages, "mentions": chat.pending_mentions }))
}

async fn checkpoint(hub: &AgentHub<'_>, a: Opts) -> Answer {
    let save = SaveCheckpoint {
        conversation_summary: a.summary.map(|s| text(s, "summary")).transpose()?,
        pending_work: texts(a.pending, "pending")?,
        accomplishments: texts(a.done, "done")?,
        recent_context: None,
        files_edited: texts(a.files, "files")?,
    };
    let r: hub_protocol::SaveCheckpointResponse = hub.post(&hub.mine("/checkpoint"), &save).await?;
    value(&r.checkpoint)
}

async fn status(hub: &AgentHub<'_>, a: Opts) -> Answer {
    let status = a
        .status
        .map(|s| AgentStatus::parse(&s).ok_or_else(|| ToolError(format!("status {s:?}: use active, idle or waiting"))))
        .transpose()?;
    let body = RegisterAgent {
        agent_id: hub.me.clone(),
        status,
        current_task: a.current_task.map(|t| text(t, "current_task")).transpose()?,
        working_on: a.working_on.map(|t| text(t, "working_on")).transpose()?,
        capabilities: None,
        offers: None,
        needs: None,
    };
    let r: hub_protocol::RegisterResponse = hub.post("/coordinator/agents", &body).await?;
    Ok(json!({ "status": r.agent.status, "currentTask": r.agent.current_task, "workingOn": r.agent.working_on }))
}

async fn resolve(hub: &AgentHub<'_>, a: Opts) -> Answer {
    let sid = need(a.session_id, "session_id")?;
    let owner = a.agent.as_deref().map(agent).transpose()?.unwrap_or_else(|| hub.me.clone());
    let own = owner == hub.me;
    let body = ResolveEscalation {
        escalation_id: need(a.escalation_id, "escalation_id")?,
        resolved_by: if own { ResolvedBy::SelfResolved } else { ResolvedBy::Peer },
        resolver_agent: (!own).then(|| hub.me.clone()),
        helpful_hint: a.hint.map(|h| text(h, "hint")).transpose()?,
    };
    let path = format!(
        "/agent/{}/trace/{}/resolve-escalation",
        hub_protocol::percent_encode(owner.as_str()),
        hub_protocol::percent_encode(&sid)
    );
    let r: hub_protocol::ResolveResponse = hub.post(&path, &body).await?;
    value(&r.resolution)
}

async fn memory(hub: &AgentHub<'_>, a: Opts) -> Answer {
    let category = a
        .category
        .map(|c| MemoryCategory::parse(&c).ok_or_else(|| ToolError(format!("category {c:?} is not one of the six"))))
        .transpose()?;
    match a.action.as_deref() {
        Some("remember") => {
            let body = SaveMemory {
                category: category.unwrap_or_default(),
                content: text(need(a.content, "content")?, "content")?,
                tags: texts(a.tags, "tags")?.unwrap_or_default(),
            };
            let r: hub_protocol::SaveMemoryResponse = hub.post(&hub.mine("/memory"), &body).await?;
            Ok(json!({ "remembered": r.memory.id }))
        }
        Some("recall") => {
            let q = MemoryQuery { category, query: a.query, ..MemoryQuery::default() };
            let query = serde_urlencoded::to_string(&q).map_err(|e| ToolError(e.to_string()))?;
            let r: hub_protocol::MemoriesResponse = hub.get(&hub.mine(&format!("/memory?{query}"))).await?;
            value(&r.memories)
        }
        _ => Err(ToolError("action must be remember or recall".into())),
    }
}
