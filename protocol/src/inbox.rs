//! Direct messages: an agent's inbox.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

wire_enum!(DmType { Status = "status", Handoff = "handoff", Note = "note", Mention = "mention" });
wire_default!(DmType::Note);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectMessage {
    pub id: String,
    pub from: String,
    #[serde(rename = "type")]
    pub kind: DmType,
    pub message: String,
    pub timestamp: Timestamp,
    pub read: bool,
    /// Who sent it when that is not `from`: a named human writing for an
    /// agent (`human:<name>`). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_by: Option<String>,
}

/// `POST /agent/{id}/messages`: send this agent a DM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendDm {
    pub from: AgentId,
    #[serde(default, rename = "type")]
    pub kind: DmType,
    pub message: Text<8000>,
}

/// `PATCH /agent/{id}/messages`: mark read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkRead {
    pub message_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboxQuery {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
    /// At most this many (default and cap: 100 of all, 1000 unread).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Paging back: only messages older than the one with this id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboxResponse {
    pub messages: Vec<DirectMessage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendDmResponse {
    pub success: bool,
    pub message: DirectMessage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkReadResponse {
    pub success: bool,
    pub marked: usize,
}
