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
    /// The DM this one answers (a thread).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The sender asked for an acknowledgement (`PATCH ... {ack: true}`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ack_required: bool,
    /// Pushed to a live socket or stream, or handed to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acked_at: Option<Timestamp>,
}

/// `POST /agent/{id}/messages`: send this agent a DM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendDm {
    pub from: AgentId,
    #[serde(default, rename = "type")]
    pub kind: DmType,
    pub message: Text<8000>,
    /// The id of the DM this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<Text<100>>,
    /// Ask the recipient to acknowledge it: the sender is told when it is
    /// delivered, read and acknowledged, and the hub reminds the recipient.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ack_required: bool,
}

/// `PATCH /agent/{id}/messages`: mark read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkRead {
    pub message_ids: Vec<String>,
    /// Also acknowledge them (what a DM with `ackRequired` asks for).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ack: bool,
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
