//! `GET /agent/{id}/state`, the agent WebSocket's events, and the onboarding
//! bundle.

use serde::{Deserialize, Serialize};

use crate::{
    AgentId, ChatMessage, Checkpoint, Dashboard, DirectMessage, Escalation, Level, Memory, Priority, SaveCheckpoint,
    Soul, Step,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentStateView {
    pub agent_id: AgentId,
    pub checkpoint: Option<Checkpoint>,
    pub unread_messages: Vec<DirectMessage>,
    pub unread_count: usize,
    pub recent_memories: Vec<Memory>,
}

/// `GET /agent/{id}/exists` (internal): whether anything was ever stored
/// for the agent (a join may mint only ids the team has never seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentExists {
    pub exists: bool,
}

/// What the coordinator's hot start (`/coordinator/work`) needs of an
/// agent's object: `GET /agent/{id}/brief`, internal calls only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentBrief {
    pub checkpoint: Option<Checkpoint>,
    pub unread_count: usize,
}

/// What `WS /agent/{id}` pushes, in an `Envelope`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload", rename_all = "kebab-case")]
pub enum AgentEvent {
    StateSync(AgentStateView),
    /// A new direct message (the original's name for it).
    Chat(DirectMessage),
    CheckpointSaved(Checkpoint),
    Step(Step),
    Escalation(Escalation),
    LevelUp {
        level: Level,
        soul: Box<Soul>,
    },
    /// A chat message that names the agent (told by the coordinator).
    Mention(ChatMessage),
    /// A lock it waited for is its own now (told by the coordinator).
    LockGranted(crate::LockUpdate),
    /// A handoff addressed to it (told by the coordinator).
    Handoff(crate::HandoffEvent),
    /// How far a DM it sent got (told by the recipient's object).
    Receipt(crate::DmReceipt),
    /// A human answered an approval it asked for (told by the coordinator).
    Approval(crate::Approval),
    Pong,
    Error(crate::ErrorBody),
}

impl AgentEvent {
    /// Whether the event has a place in the agent's log: what is addressed
    /// to it (DMs, mentions, locks handed over, handoffs, receipts) and its
    /// escalations. Its own writes echoed back (steps, checkpoints) are not.
    pub fn is_logged(&self) -> bool {
        matches!(
            self,
            AgentEvent::Chat(_)
                | AgentEvent::Escalation(_)
                | AgentEvent::Mention(_)
                | AgentEvent::LockGranted(_)
                | AgentEvent::Handoff(_)
                | AgentEvent::Receipt(_)
                | AgentEvent::Approval(_)
        )
    }
}

/// What a client may send on `WS /agent/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "payload", rename_all = "kebab-case")]
pub enum AgentClientMessage {
    Ping,
    CheckpointSave(SaveCheckpoint),
}

impl<'de> Deserialize<'de> for AgentClientMessage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let message = crate::tagged::Tagged::read(d)?;
        match message.kind.as_str() {
            "ping" => Ok(AgentClientMessage::Ping),
            "checkpoint-save" => message.payload().map(AgentClientMessage::CheckpointSave),
            other => Err(serde::de::Error::unknown_variant(other, &["ping", "checkpoint-save"])),
        }
    }
}

/// What an agent object tells its coordinator about an escalation (index for
/// the portal, broadcast as `escalation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentEscalation {
    pub agent_id: AgentId,
    pub escalation: Escalation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationsIndex {
    pub escalations: Vec<AgentEscalation>,
}

/// `GET /coordinator/escalations`: the open ones (highest level first), or
/// with `resolved=true` the resolved ones, newest first (the last 200).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationsQuery {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
}

/// `GET /coordinator/onboard?agentId=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnboardResponse {
    pub onboarding: Onboarding,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Onboarding {
    pub agent_id: AgentId,
    pub is_new_agent: bool,
    pub timestamp: crate::Timestamp,
    pub soul: Soul,
    pub dashboard: Dashboard,
    pub checkpoint: Option<Checkpoint>,
    pub team_online: Vec<TeamMember>,
    pub suggested_task: SuggestedTask,
    pub recent_chat: Vec<ChatMessage>,
    pub welcome_message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    pub agent_id: AgentId,
    pub status: crate::AgentStatus,
    /// As far as the coordinator knows: `stuck` with an open escalation,
    /// `offline`, else `available` (`in_flow` needs the agent's own steps:
    /// see its dashboard).
    pub flow_status: crate::FlowState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_task: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedTask {
    pub task: String,
    pub reason: String,
    pub xp_estimate: i64,
    pub priority: Priority,
}
