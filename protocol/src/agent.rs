use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

wire_enum!(AgentStatus { Active = "active", Idle = "idle", Waiting = "waiting", Offline = "offline" });

/// An agent as the registry knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub agent_id: AgentId,
    pub status: AgentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_task: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_on: Option<String>,
    pub last_seen: Timestamp,
    #[serde(default)]
    pub capabilities: Vec<String>,
    #[serde(default)]
    pub offers: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
}

/// `POST /coordinator/agents`: register or update. Absent fields keep their
/// stored values (the original wiped absent lists: a documented deviation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterAgent {
    pub agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AgentStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_task: Option<Text<500>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_on: Option<Text<500>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Vec<Text<100>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offers: Option<Vec<Text<100>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Vec<Text<100>>>,
}

impl RegisterAgent {
    pub fn new(agent_id: AgentId) -> Self {
        Self {
            agent_id,
            status: None,
            current_task: None,
            working_on: None,
            capabilities: None,
            offers: None,
            needs: None,
        }
    }

    /// Longest list the registry keeps per field.
    pub const MAX_LIST: usize = 50;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterResponse {
    pub success: bool,
    pub agent: Agent,
}

/// `GET /coordinator/agents` query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentsQuery {
    /// Also list agents that are offline (the portal's team page).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub include_offline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentsResponse {
    pub agents: Vec<Agent>,
}
