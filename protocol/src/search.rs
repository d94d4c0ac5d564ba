//! Search over a team's chat, tasks and handoffs, and its agents' DMs,
//! memories and trace steps (SQLite full-text search in each object).

use serde::{Deserialize, Serialize};

use crate::{AgentId, Timestamp};

wire_enum!(SearchKind {
    Chat = "chat",
    Task = "task",
    Handoff = "handoff",
    Dm = "dm",
    Memory = "memory",
    Step = "step",
});

/// `GET /coordinator/search?q=` (the chat) and `GET /agent/{id}/search?q=`
/// (that agent's DMs, memories and steps).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    /// Words; every one must occur (as a prefix: `pars` finds `parser`).
    pub q: String,
    /// At most this many hits, best first (default and cap 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl SearchQuery {
    pub const MAX_LIMIT: u32 = 50;

    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(Self::MAX_LIMIT).clamp(1, Self::MAX_LIMIT)
    }
}

/// One thing found, with what it takes to link to where it lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    /// Whose object it is in (none for the team's chat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Who wrote it (author, sender, the agent itself).
    pub author: String,
    /// The matching text, shortened around the match.
    pub text: String,
    pub timestamp: Timestamp,
    /// A step's trace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    pub hits: Vec<SearchHit>,
}
