use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

wire_enum!(AuthorType { Agent = "agent", Human = "human", System = "system" });
wire_default!(AuthorType::Agent);

/// A group chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    pub id: String,
    pub author: String,
    pub author_type: AuthorType,
    pub message: String,
    pub timestamp: Timestamp,
    #[serde(default)]
    pub reactions: Vec<serde_json::Value>,
    /// Who posted it when that is not the author: a named human posting
    /// for an agent (`human:<name>`). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted_by: Option<String>,
}

/// `POST /coordinator/chat`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostChat {
    pub author: AgentId,
    pub message: Text<{ PostChat::MAX_MESSAGE }>,
    #[serde(default)]
    pub author_type: AuthorType,
}

impl PostChat {
    pub const MAX_MESSAGE: usize = 8000;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostChatResponse {
    pub success: bool,
    pub message: ChatMessage,
}

/// `GET /coordinator/chat` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatQuery {
    /// At most this many of the newest messages (default 50, capped at 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Reading as this agent computes its pending @mentions and moves its
    /// chat cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Only messages strictly after this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Timestamp>,
    /// Answer with the pending mentions only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inbox: bool,
    /// Paging back: only messages older than the message with this id
    /// (the first of the previous page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

impl ChatQuery {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;

    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(Self::DEFAULT_LIMIT).clamp(1, Self::MAX_LIMIT)
    }
}

/// `GET /coordinator/chat`: the plain listing, or (with `inbox=true`) the
/// agent's pending mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatResponse {
    pub messages: Vec<ChatMessage>,
    pub count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_mentions: Option<Vec<ChatMessage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_count: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_inbox: Option<bool>,
}
