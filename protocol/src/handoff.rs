//! Handoffs: work passed from one agent to another (or to anyone), pending →
//! claimed → completed.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Priority, Text, Timestamp};

wire_enum!(HandoffStatus { Pending = "pending", Claimed = "claimed", Completed = "completed" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    pub id: String,
    pub from_agent: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_agent: Option<AgentId>,
    pub title: String,
    pub context: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_path: Option<String>,
    #[serde(default)]
    pub next_steps: Vec<String>,
    pub priority: Priority,
    pub status: HandoffStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<AgentId>,
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
}

/// `POST /coordinator/handoffs`; `action` defaults to `create`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum HandoffAction {
    #[serde(rename_all = "camelCase")]
    Create {
        from_agent: AgentId,
        #[serde(default)]
        to_agent: Option<AgentId>,
        title: Text<300>,
        context: Text<20000>,
        #[serde(default)]
        code: Option<Text<20000>>,
        #[serde(default)]
        file_path: Option<Text<1024>>,
        #[serde(default)]
        next_steps: Vec<Text<1000>>,
        #[serde(default)]
        priority: Option<Priority>,
    },
    #[serde(rename_all = "camelCase")]
    Claim { handoff_id: String, agent_id: AgentId },
    #[serde(rename_all = "camelCase")]
    Complete { handoff_id: String, agent_id: AgentId },
    /// A pending handoff sent to another agent (`agent_id` routes it: its
    /// author, or a human).
    #[serde(rename_all = "camelCase")]
    Route { handoff_id: String, agent_id: AgentId, to_agent: AgentId },
}

/// `GET /coordinator/handoffs?id=` or filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Also matches handoffs open to anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_agent: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_agent: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<HandoffStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoffs: Option<Vec<Handoff>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<Handoff>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffResult {
    pub success: bool,
    pub handoff: Handoff,
}

/// `task-update` payload for handoff transitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffEvent {
    /// `handoff-created`, `handoff-claimed`, `handoff-routed` or
    /// `handoff-completed`.
    pub action: String,
    pub handoff: Handoff,
}
