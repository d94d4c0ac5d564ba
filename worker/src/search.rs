//! A full-text search hit as the objects' SQL reads it (the coordinator's
//! chat, an agent's DMs, memories and steps): one row type, one way to the
//! wire's `SearchHit`.

use hub_protocol::{AgentId, SearchHit, SearchKind};
use serde::Deserialize;

use crate::sql::Millis;

/// Columns every search query selects: `id`, `author`, `text` (the
/// snippet), `timestamp`, `session_id` (NULL but for steps).
#[derive(Deserialize)]
pub struct SearchRow {
    id: String,
    author: String,
    text: String,
    timestamp: Millis,
    session_id: Option<String>,
}

impl SearchRow {
    /// The hit, found in `agent`'s object (none for the team's chat).
    pub fn into_hit(self, kind: SearchKind, agent: Option<AgentId>) -> SearchHit {
        SearchHit {
            kind,
            id: self.id,
            agent_id: agent,
            author: self.author,
            text: self.text,
            timestamp: self.timestamp.0,
            session_id: self.session_id,
        }
    }
}
