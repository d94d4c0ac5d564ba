//! The agent object's rows as its SQLite tables hold them, and how each
//! becomes its wire type.

use hub_protocol::{DirectMessage, DmType, Memory, MemoryCategory, TraceListing, TraceSummary};
use serde::Deserialize;

use crate::sql::Millis;

#[derive(Deserialize)]
pub(super) struct DmRow {
    id: String,
    from_agent: String,
    #[serde(rename = "type")]
    kind: String,
    message: String,
    timestamp: Millis,
    read: f64,
    #[serde(default)]
    sent_by: Option<String>,
    #[serde(default)]
    reply_to: Option<String>,
    #[serde(default)]
    ack_required: f64,
    #[serde(default)]
    delivered_at: Option<Millis>,
    #[serde(default)]
    read_at: Option<Millis>,
    #[serde(default)]
    acked_at: Option<Millis>,
}

#[derive(Deserialize)]
pub(super) struct MemoryRow {
    id: String,
    category: String,
    content: String,
    tags: String,
    created_at: Millis,
}

#[derive(Deserialize)]
pub struct TraceRow {
    pub session_id: String,
    pub task: String,
    pub started_at: Millis,
    pub completed_at: Option<Millis>,
    pub summary: Option<String>,
}

impl TraceRow {
    pub fn listing(&self) -> TraceListing {
        TraceListing {
            session_id: self.session_id.clone(),
            task: self.task.clone(),
            started_at: self.started_at.0,
            completed_at: self.completed_at.map(|m| m.0),
        }
    }

    pub fn summary(&self) -> Option<TraceSummary> {
        self.summary.as_deref().and_then(|s| serde_json::from_str(s).ok())
    }
}

impl DmRow {
    pub(super) fn into_dm(self) -> DirectMessage {
        DirectMessage {
            id: self.id,
            from: self.from_agent,
            kind: DmType::parse(&self.kind).unwrap_or_default(),
            message: self.message,
            timestamp: self.timestamp.0,
            read: self.read != 0.0,
            sent_by: self.sent_by,
            reply_to: self.reply_to,
            ack_required: self.ack_required != 0.0,
            delivered_at: self.delivered_at.map(|m| m.0),
            read_at: self.read_at.map(|m| m.0),
            acked_at: self.acked_at.map(|m| m.0),
        }
    }
}

impl MemoryRow {
    pub(super) fn into_memory(self) -> Memory {
        Memory {
            id: self.id,
            category: MemoryCategory::parse(&self.category).unwrap_or_default(),
            content: self.content,
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            created_at: self.created_at.0,
        }
    }
}
