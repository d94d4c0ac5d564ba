//! A credential as SQL holds it, read into the `TokenInfo` the wire lists:
//! one row shape for the coordinator's agent tokens and the registry's
//! named humans' tokens (which select their `human:<name>` as `agent_id`).

use hub_protocol::{AgentId, TokenInfo};
use serde::Deserialize;

use crate::sql::Millis;

#[derive(Deserialize)]
pub struct TokenRow {
    pub id: String,
    pub agent_id: String,
    pub label: Option<String>,
    pub created_at: Millis,
    pub revoked_at: Option<Millis>,
    /// Agents' tokens only (named humans' are not tracked).
    #[serde(default)]
    pub last_used_at: Option<Millis>,
}

impl TokenRow {
    /// `None` for a row whose id no longer parses (it is then not listed).
    pub fn into_info(self) -> Option<TokenInfo> {
        Some(TokenInfo {
            id: self.id,
            agent_id: AgentId::parse(&self.agent_id).ok()?,
            label: self.label,
            created_at: self.created_at.0,
            revoked_at: self.revoked_at.map(|m| m.0),
            last_used_at: self.last_used_at.map(|m| m.0),
        })
    }
}
