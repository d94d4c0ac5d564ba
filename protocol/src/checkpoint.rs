//! Checkpoints: where an agent's last session stopped, so the next resumes.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    pub agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_summary: Option<String>,
    #[serde(default)]
    pub accomplishments: Vec<String>,
    #[serde(default)]
    pub pending_work: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_context: Option<String>,
    #[serde(default)]
    pub files_edited: Vec<String>,
    pub checkpoint_at: Timestamp,
}

/// `POST /agent/{id}/checkpoint`. Absent fields keep their stored values
/// (the original replaced absent lists with `[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveCheckpoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_summary: Option<Text<20000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accomplishments: Option<Vec<Text<2000>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_work: Option<Vec<Text<2000>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_context: Option<Text<20000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_edited: Option<Vec<Text<1024>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointResponse {
    pub checkpoint: Option<Checkpoint>,
}

/// `POST /agent/{id}/checkpoint`: the merged checkpoint as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveCheckpointResponse {
    pub success: bool,
    pub checkpoint: Checkpoint,
}
