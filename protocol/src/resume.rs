//! `GET /coordinator/session-resume`: "what happened since I left, and what
//! needs me", for the human opening the portal.

use serde::{Deserialize, Serialize};

use crate::{Agent, AgentEscalation, Claim, Handoff, LockInfo, Priority, Task, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionResumeResponse {
    pub session_resume: SessionResume,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionResume {
    pub timestamp: Timestamp,
    pub participants: Vec<Participant>,
    pub accomplishments: Vec<String>,
    pub pending: Pending,
    /// Locks held now (new).
    pub held_locks: Vec<LockInfo>,
    /// Agents present now (new).
    pub active_agents: Vec<Agent>,
    /// Unresolved escalations, level 3 (needs a human) first (new).
    pub open_escalations: Vec<AgentEscalation>,
    pub quick_actions: Vec<QuickAction>,
    pub session: SessionSpan,
    pub recent_context: Vec<ContextLine>,
    pub summary_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    /// The author, as the original named it (`author` is the same, kept).
    pub agent_id: String,
    pub author: String,
    pub message_count: usize,
    pub last_message: String,
    pub last_active: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub handoffs: Vec<Handoff>,
    pub tasks: Vec<Task>,
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuickAction {
    pub action: String,
    pub label: String,
    pub description: String,
    pub priority: Priority,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSpan {
    pub message_count: usize,
    pub participant_count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    pub duration_description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextLine {
    pub author: String,
    pub message: String,
    pub timestamp: Timestamp,
}
