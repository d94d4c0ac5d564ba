//! `hub mcp`: agent-hub as a Model Context Protocol server on stdio.
//!
//! Twelve tools, each schema small, because every tool costs the agent
//! context. Mentions and DMs that arrive between calls are appended to the
//! next tool result, so an agent hears of them without polling.

use std::sync::{Arc, Mutex};

use hub_client::{events, HubClient, HubError};
use hub_protocol::{
    AgentEvent, AgentId, CreateTask, Event, HandoffAction, SaveCheckpoint, StepInput, TaskStatus, Text, UpdateTask,
};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock};
use rmcp::{schemars, tool, tool_handler, tool_router, ErrorData as McpError, ServerHandler, ServiceExt};
use serde::Deserialize;

use crate::cli::Failure;

#[derive(Clone)]
pub struct HubMcp {
    hub: HubClient,
    /// News gathered from the sockets since the last tool call.
    news: Arc<Mutex<Vec<String>>>,
}

type ToolResult = Result<CallToolResult, McpError>;

#[derive(Deserialize, schemars::JsonSchema)]
pub struct ChatArgs {
    /// The message; @name mentions an agent, @all everyone.
    message: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct DmArgs {
    /// The agent to write to.
    to: String,
    message: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct InboxArgs {
    /// Mark the returned DMs read.
    #[serde(default)]
    acknowledge: bool,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct LockArgs {
    /// The file or resource, e.g. src/main.rs.
    path: String,
    /// Time to live in seconds (default 7200, at most 86400).
    ttl_seconds: Option<i64>,
    /// Queue instead of failing when another agent holds it.
    #[serde(default)]
    wait: bool,
    reason: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct PathArgs {
    path: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct CheckpointArgs {
    /// What this session did and where it stopped.
    summary: Option<String>,
    /// Work still to do.
    pending: Option<Vec<String>>,
    /// Work done.
    done: Option<Vec<String>>,
    /// Files edited.
    files: Option<Vec<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct TraceStartArgs {
    task: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct StepArgs {
    session_id: String,
    /// The tool used (grep, edit, cargo test...).
    tool: String,
    /// found, nothing, error or partial.
    outcome: String,
    intent: Option<String>,
    duration_ms: Option<i64>,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct CompleteArgs {
    session_id: String,
    /// frontend, backend, devops or research.
    domain: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct HandoffArgs {
    title: String,
    /// What the next agent must know.
    context: String,
    /// A specific agent, or none for anyone.
    to: Option<String>,
    next_steps: Option<Vec<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct TasksArgs {
    /// Filter: todo, in-progress, done, blocked.
    status: Option<String>,
    /// Create a task with this title.
    create: Option<String>,
    /// Move this task id to `move_to`.
    task_id: Option<String>,
    move_to: Option<String>,
}

fn text<const N: usize>(s: String) -> Result<Text<N>, HubError> {
    hub_client::text(s, "argument")
}

fn agent(s: &str) -> Result<AgentId, HubError> {
    AgentId::parse(s).map_err(|e| HubError::Invalid(format!("agent {s:?}: {e}")))
}

impl HubMcp {
    /// Wraps a hub answer as a tool result, with any news appended.
    fn answer<T: serde::Serialize>(&self, result: Result<T, HubError>) -> ToolResult {
        let news: Vec<String> =
            std::mem::take(&mut *self.news.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut blocks = Vec::new();
        let failed = result.is_err();
        match result {
            Ok(v) => blocks.push(ContentBlock::text(serde_json::to_string_pretty(&v).unwrap_or_default())),
            Err(e) => blocks.push(ContentBlock::text(e.to_string())),
        }
        if !news.is_empty() {
            blocks.push(ContentBlock::text(format!("New since your last call:\n{}", news.join("\n"))));
        }
        Ok(if failed { CallToolResult::error(blocks) } else { CallToolResult::success(blocks) })
    }
}

#[tool_router]
impl HubMcp {
    #[tool(
        description = "Start or resume a session: your suggested task, team online, tasks, unread mentions and DMs, last checkpoint. Call first."
    )]
    async fn hub_start(&self) -> ToolResult {
        let r = async {
            let onboarding = self.hub.onboard().await?;
            let work = self.hub.work().await?;
            Ok::<_, HubError>(serde_json::json!({
                "welcome": onboarding.welcome_message,
                "suggestedTask": onboarding.suggested_task,
                "team": work.team.iter().map(|a| serde_json::json!({"agentId": a.agent_id, "status": a.status, "workingOn": a.working_on})).collect::<Vec<_>>(),
                "todo": work.tasks.todo.iter().map(|t| serde_json::json!({"id": t.id, "title": t.title})).collect::<Vec<_>>(),
                "mine": work.tasks.mine,
                "mentions": work.inbox.map(|i| i.pending_mentions).unwrap_or_default(),
                "unreadDms": work.unread_dms,
                "checkpoint": work.checkpoint,
            }))
        }
        .await;
        self.answer(r)
    }

    #[tool(description = "Post to the team's group chat.")]
    async fn hub_chat(&self, Parameters(a): Parameters<ChatArgs>) -> ToolResult {
        self.answer(self.hub.chat(&a.message).await.map(|m| m.id))
    }

    #[tool(description = "Your unread direct messages and chat mentions. acknowledge=true marks the DMs read.")]
    async fn hub_inbox(&self, Parameters(a): Parameters<InboxArgs>) -> ToolResult {
        let r = async {
            let dms = self.hub.inbox(true).await?;
            let mentions = self.hub.mentions().await?;
            if a.acknowledge && !dms.is_empty() {
                self.hub.mark_read(&dms.iter().map(|d| d.id.clone()).collect::<Vec<_>>()).await?;
            }
            Ok::<_, HubError>(serde_json::json!({ "directMessages": dms, "mentions": mentions }))
        }
        .await;
        self.answer(r)
    }

    #[tool(description = "Send another agent a direct message.")]
    async fn hub_dm(&self, Parameters(a): Parameters<DmArgs>) -> ToolResult {
        self.answer(self.hub.dm(&a.to, &a.message).await.map(|m| m.id))
    }

    #[tool(
        description = "Lock a file before editing it. Fails if another agent holds it, unless wait=true (then you are queued and get it when freed)."
    )]
    async fn hub_lock(&self, Parameters(a): Parameters<LockArgs>) -> ToolResult {
        self.answer(self.hub.lock(&a.path, a.ttl_seconds.map(|s| s * 1000), a.wait, a.reason.as_deref()).await)
    }

    #[tool(description = "Release your lock on a file.")]
    async fn hub_unlock(&self, Parameters(a): Parameters<PathArgs>) -> ToolResult {
        self.answer(self.hub.unlock(&a.path, false).await.map(|r| r.message))
    }

    #[tool(
        description = "Save where you are, so your next session resumes here. Omitted fields keep their saved values."
    )]
    async fn hub_checkpoint(&self, Parameters(a): Parameters<CheckpointArgs>) -> ToolResult {
        let r = async {
            let list =
                |v: Option<Vec<String>>| v.map(|v| v.into_iter().map(text).collect::<Result<Vec<_>, _>>()).transpose();
            let save = SaveCheckpoint {
                conversation_summary: a.summary.map(text).transpose()?,
                pending_work: list(a.pending)?,
                accomplishments: list(a.done)?,
                recent_context: None,
                files_edited: a.files.map(|v| v.into_iter().map(text).collect::<Result<Vec<_>, _>>()).transpose()?,
            };
            self.hub.save_checkpoint(&save).await
        }
        .await;
        self.answer(r)
    }

    #[tool(description = "Start a work trace for a task; returns its sessionId for hub_trace_step.")]
    async fn hub_trace_start(&self, Parameters(a): Parameters<TraceStartArgs>) -> ToolResult {
        self.answer(self.hub.start_trace(&a.task).await.map(|t| serde_json::json!({ "sessionId": t.session_id })))
    }

    #[tool(description = "Log one step of your work. The answer warns you (escalation) when you look stuck.")]
    async fn hub_trace_step(&self, Parameters(a): Parameters<StepArgs>) -> ToolResult {
        let r = async {
            let step = StepInput {
                tool: Some(text(a.tool)?),
                intent: a.intent.map(text).transpose()?,
                outcome: Some(a.outcome),
                duration_ms: a.duration_ms,
                ..StepInput::default()
            };
            let r = self.hub.step(&a.session_id, &step).await?;
            Ok::<_, HubError>(serde_json::json!({ "stepId": r.step.id, "escalation": r.escalation }))
        }
        .await;
        self.answer(r)
    }

    #[tool(description = "Complete a work trace; credits your XP once.")]
    async fn hub_trace_complete(&self, Parameters(a): Parameters<CompleteArgs>) -> ToolResult {
        let r = self.hub.complete(&a.session_id, a.domain.as_deref()).await;
        self.answer(r.map(|t| serde_json::json!({ "xpGained": t.xp_gained, "summary": t.trace.summary })))
    }

    #[tool(description = "Hand work off to another agent (or anyone) with the context it needs.")]
    async fn hub_handoff(&self, Parameters(a): Parameters<HandoffArgs>) -> ToolResult {
        let r = async {
            let action = HandoffAction::Create {
                from_agent: self.hub.agent()?.clone(),
                to_agent: a.to.as_deref().map(agent).transpose()?,
                title: text(a.title)?,
                context: text(a.context)?,
                code: None,
                file_path: None,
                next_steps: a.next_steps.unwrap_or_default().into_iter().map(text).collect::<Result<_, _>>()?,
                priority: None,
            };
            self.hub.handoff(&action).await.map(|h| h.id)
        }
        .await;
        self.answer(r)
    }

    #[tool(
        description = "List tasks (optionally by status), create one (create=title), or move one (task_id + move_to status)."
    )]
    async fn hub_tasks(&self, Parameters(a): Parameters<TasksArgs>) -> ToolResult {
        let r = async {
            if let Some(title) = a.create {
                let task = CreateTask {
                    title: Some(text(title)?),
                    created_by: Some(self.hub.agent()?.clone()),
                    ..CreateTask::default()
                };
                return Ok(serde_json::to_value(self.hub.create_task(&task).await?).unwrap_or_default());
            }
            if let (Some(id), Some(status)) = (a.task_id, a.move_to) {
                let status = TaskStatus::parse(&status).ok_or_else(|| {
                    HubError::Invalid(format!("move_to: unknown status {status:?} (todo, in-progress, done, blocked)"))
                })?;
                let update = UpdateTask { status: Some(status), ..UpdateTask::default() };
                return Ok(serde_json::to_value(self.hub.update_task(&id, &update).await?).unwrap_or_default());
            }
            let tasks = self.hub.tasks(a.status.as_deref(), None).await?;
            Ok::<_, HubError>(serde_json::to_value(tasks).unwrap_or_default())
        }
        .await;
        self.answer(r)
    }
}

#[tool_handler(
    name = "agent-hub",
    instructions = "Coordinate with the other agents on this codebase: call hub_start first, lock files before editing, log your steps, checkpoint before you stop."
)]
impl ServerHandler for HubMcp {}

/// Serves until the client closes stdin.
pub async fn serve(hub: HubClient) -> Result<(), Failure> {
    hub.agent().map_err(|e| Failure { code: 2, message: format!("{e} (hub mcp needs HUB_AGENT_ID)") })?;
    let news = Arc::new(Mutex::new(Vec::new()));
    listen(&hub, news.clone())?;
    let server = HubMcp { hub, news };
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| Failure { code: 1, message: format!("MCP start failed: {e}") })?;
    running.waiting().await.map_err(|e| Failure { code: 1, message: e.to_string() })?;
    Ok(())
}

/// Gathers mentions of this agent and its DMs from the sockets.
fn listen(hub: &HubClient, news: Arc<Mutex<Vec<String>>>) -> Result<(), HubError> {
    let me = hub.agent()?.clone();
    let mut team = events::team(hub)?;
    let mut mine = events::agent(hub)?;
    tokio::spawn(async move {
        loop {
            let line = tokio::select! {
                Some(e) = team.recv() => match e.event {
                    Event::Chat(m) if m.author != me.as_str() && hub_domain::mentions(&m.message, me.as_str()) => {
                        Some(format!("mention from {}: {}", m.author, m.message))
                    }
                    _ => None,
                },
                Some(e) = mine.recv() => match e.event {
                    AgentEvent::Chat(dm) => Some(format!("DM from {}: {}", dm.from, dm.message)),
                    AgentEvent::Escalation(x) if x.resolved_by.is_some() => Some(format!(
                        "escalation {} resolved by {}{}",
                        x.id,
                        x.resolved_by.map(hub_protocol::ResolvedBy::as_str).unwrap_or(""),
                        x.helpful_hint.map(|h| format!(": {h}")).unwrap_or_default()
                    )),
                    _ => None,
                },
                else => break,
            };
            if let Some(l) = line {
                news.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(l);
            }
        }
    });
    Ok(())
}
