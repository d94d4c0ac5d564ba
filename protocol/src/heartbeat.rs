//! Heartbeats: an agent saying "still here, this is what I am spending",
//! between the steps of its traces. The dashboard shows them as health.

use serde::{Deserialize, Serialize};

use crate::{Text, Timestamp};

/// `POST /agent/{id}/heartbeat`. `tokensUsed` counts the tokens spent since
/// the previous heartbeat; they add to the soul's `totalTokensUsed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Heartbeat {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_used: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_task: Option<Text<300>>,
    /// Free words (`healthy` when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Text<50>>,
}

/// The answer to a heartbeat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatResponse {
    pub success: bool,
    pub heartbeat: HeartbeatReceipt,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatReceipt {
    pub id: String,
    pub timestamp: Timestamp,
}

/// One heartbeat as the status lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatEntry {
    pub timestamp: Timestamp,
    pub status: String,
    #[serde(default)]
    pub tokens_used: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_task: Option<String>,
}

/// `GET /agent/{id}/heartbeat`, and the dashboard's `heartbeat`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatStatus {
    pub last_heartbeat: Option<Timestamp>,
    /// A heartbeat came within the stall threshold (5 minutes).
    pub is_healthy: bool,
    /// Since the last heartbeat; 0 when there was none.
    pub stalled_for_ms: i64,
    pub stalled_for_minutes: f64,
    pub heartbeat_count: u32,
    /// The last ten, newest first.
    pub recent_heartbeats: Vec<HeartbeatEntry>,
}
