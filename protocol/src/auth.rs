//! Credentials: who is calling, and the bodies that mint, list, revoke and
//! redeem tokens.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

/// The party behind a request, as the Worker established it from the
/// bearer token (or the portal's session cookie). The Worker passes it to
/// the objects in [`Caller::HEADER`], always overwriting what a client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The human token (or a portal session): the team's admin.
    Human,
    /// A named human's token (or their portal session): the human's powers
    /// over the team, except credentials; what they do is recorded under
    /// their own id (`human:<name>`, see [`human_id`]).
    NamedHuman(AgentId),
    /// An agent token: acts only as this agent.
    Agent(AgentId),
    /// No token, admitted by the loopback compatibility switch: the
    /// original hub's trust-everyone behaviour, minus credential management.
    Legacy,
    /// One Durable Object calling another (never reachable from outside:
    /// the Worker overwrites the header on every request it forwards).
    Internal,
    /// No credential, on the one public route (joining a team by secret).
    Anonymous,
}

impl Caller {
    /// The header that carries the caller from the Worker to an object.
    pub const HEADER: &'static str = "x-hub-caller";
    /// Worker → object, on a socket handshake made with an agent token: the
    /// token's id, so revoking it can close the socket. Always overwritten.
    pub const TOKEN_HEADER: &'static str = "x-hub-token-id";

    pub fn header_value(&self) -> String {
        match self {
            Caller::Human => "human".into(),
            Caller::NamedHuman(id) => id.to_string(),
            Caller::Agent(id) => format!("agent:{id}"),
            Caller::Legacy => "legacy".into(),
            Caller::Internal => "internal".into(),
            Caller::Anonymous => "anonymous".into(),
        }
    }

    /// `None` for a missing or unknown value: the object then refuses.
    pub fn from_header(value: &str) -> Option<Self> {
        match value {
            "human" => Some(Caller::Human),
            "legacy" => Some(Caller::Legacy),
            "internal" => Some(Caller::Internal),
            "anonymous" => Some(Caller::Anonymous),
            other => match other.strip_prefix(HUMAN_PREFIX) {
                Some(name) => human_id(name).ok().map(Caller::NamedHuman),
                None => other.strip_prefix("agent:").and_then(|id| AgentId::parse(id).ok()).map(Caller::Agent),
            },
        }
    }

    /// The id a human caller's actions are recorded under: `human` for the
    /// human token, `human:<name>` for a named human; `None` for others.
    pub fn human_author(&self) -> Option<AgentId> {
        match self {
            Caller::Human => AgentId::parse("human").ok(),
            Caller::NamedHuman(id) => Some(id.clone()),
            _ => None,
        }
    }
}

/// What a named human's id starts with: no agent token is ever minted for
/// such an id, so an agent never speaks as a human.
pub const HUMAN_PREFIX: &str = "human:";

/// Whether an author, claimer or actor is a human: `human` (the human
/// token) or a named human's `human:<name>`, in any case.
pub fn is_human(id: &str) -> bool {
    let prefix = HUMAN_PREFIX.len();
    id.eq_ignore_ascii_case("human") || id.get(..prefix).is_some_and(|p| p.eq_ignore_ascii_case(HUMAN_PREFIX))
}

/// The id a named human acts under: `human:<name>`.
///
/// # Errors
/// When `name` is empty, holds a `:` or is no valid id.
pub fn human_id(name: &str) -> Result<AgentId, crate::IdError> {
    if let Some(c) = name.chars().find(|c| *c == ':') {
        return Err(crate::IdError::BadChar(c));
    }
    if name.is_empty() {
        return Err(crate::IdError::Empty);
    }
    AgentId::parse(&format!("{HUMAN_PREFIX}{name}"))
}

/// `POST /registry/humans` (the human token only): a token for a named
/// human, who then acts (and signs in to the portal) under `human:<name>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MintHumanToken {
    pub name: Text<40>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text<200>>,
}

/// `POST /coordinator/tokens` (human only): mint a token for an agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MintToken {
    pub agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text<200>>,
}

/// `POST /coordinator/join`: an agent trades the team's join secret for
/// its own token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinTeam {
    pub agent_id: AgentId,
    pub secret: Text<512>,
}

/// `GET /coordinator/join-secret` (human only): the secret agents of this
/// team join with. Each team has its own, derived from the hub's
/// `HUB_JOIN_SECRET`, so one team's secret opens no other team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinSecret {
    pub team: String,
    pub secret: String,
}

/// A credential as listed: never the token itself, which is stored only as
/// a hash. A named human's token lists its `human:<name>` id as `agentId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: String,
    pub agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub created_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<Timestamp>,
    /// When a request last came with it (to the minute; agents' tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<Timestamp>,
}

/// The answer to a mint or a join: the token, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MintedToken {
    pub token: String,
    #[serde(flatten)]
    pub info: TokenInfo,
}

/// `GET /coordinator/tokens` (human only), newest first, a page at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokensResponse {
    pub tokens: Vec<TokenInfo>,
    /// When more are left: pass it as `before` for the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_before: Option<Timestamp>,
}

/// `GET /coordinator/tokens?limit=&before=`: at most `limit` (default and
/// most 1,000) tokens created before `before`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokensQuery {
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub before: Option<Timestamp>,
    /// With `DELETE /coordinator/tokens`: revoke every token of this agent.
    #[serde(default)]
    pub agent_id: Option<AgentId>,
}

impl TokensQuery {
    pub const MAX_LIMIT: u32 = 1000;
}

/// `DELETE /coordinator/tokens?agentId=`: what was revoked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedTokens {
    pub success: bool,
    pub agent_id: AgentId,
    pub revoked: Vec<String>,
}

/// `DELETE /coordinator/tokens/{id}`: the token revoked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedToken {
    pub success: bool,
    pub revoked: String,
}

/// Worker → coordinator: whose is the token with this SHA-256 (hex)?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyToken {
    pub hash: String,
}

/// The coordinator's answer to [`VerifyToken`] for a live token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedToken {
    pub agent_id: AgentId,
    pub token_id: String,
}

wire_enum!(
    /// What a credential is: an agent's token, the hub's human token (or a
    /// portal session), a named human's, or none (the loopback switch).
    Role { Agent = "agent", Human = "human", NamedHuman = "named-human", Legacy = "legacy" }
);

/// `GET /whoami`: who the credential is, in which team (the CLI learns
/// its agent from its token this way).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WhoAmI {
    pub team: crate::TeamId,
    pub role: Role,
    /// The agent an agent token acts as; a named human's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_header_round_trips_and_rejects_junk() {
        let ann = Caller::Agent(AgentId::parse("ann").unwrap());
        let alice = Caller::NamedHuman(human_id("alice").unwrap());
        for caller in [Caller::Human, ann, alice, Caller::Legacy, Caller::Internal, Caller::Anonymous] {
            assert_eq!(Caller::from_header(&caller.header_value()), Some(caller));
        }
        for junk in ["", "admin", "agent:", "Human", "agent:bad\u{7}", "human:", "human:a:b"] {
            assert_eq!(Caller::from_header(junk), None, "{junk:?}");
        }
    }
}

/// Coordinator → agent object: close the sockets opened with these tokens
/// (they were revoked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseSockets {
    pub token_ids: Vec<String>,
}

/// `POST /registry/humans/sockets` (internal): a named human's token opened
/// a socket on this object, so revoking the token closes it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HumanSocket {
    pub token_id: String,
    pub team: crate::TeamId,
    /// The agent whose object holds the socket; `None` for the team's.
    pub agent_id: Option<AgentId>,
}
