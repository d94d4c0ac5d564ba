use serde::{Deserialize, Serialize};

use crate::{Agent, AgentId, ChatMessage, Checkpoint, Task};

/// `GET /coordinator/work?agentId=`: everything an agent needs to start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkBundle {
    pub agent_id: AgentId,
    pub summary: WorkSummary,
    pub team: Vec<Agent>,
    pub tasks: WorkTasks,
    pub recent_chat: Vec<ChatMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbox: Option<WorkInbox>,
    /// The agent's last checkpoint (new: one call hot-starts a session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<Checkpoint>,
    /// Unread direct messages (new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread_dms: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkSummary {
    pub active_agents: usize,
    pub todo_tasks: usize,
    /// In-progress tasks assigned to this agent.
    pub in_progress_tasks: usize,
    pub pending_mentions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkTasks {
    pub todo: Vec<Task>,
    pub mine: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkInbox {
    pub pending_mentions: Vec<ChatMessage>,
    pub count: usize,
    pub hint: String,
}

/// Query of `GET /coordinator/work`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkQuery {
    pub agent_id: AgentId,
}
