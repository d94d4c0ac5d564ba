//! Agent tokens of the team: minted by the human or through the join
//! secret, stored as SHA-256 hashes, listed without the token, revoked by id.

use hub_protocol::{
    AgentId, JoinSecret, JoinTeam, MintedToken, Timestamp, TokenInfo, TokensQuery, TokensResponse, VerifiedToken,
};
use serde::Deserialize;

use super::store::Store;
use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::token_row::TokenRow;
use crate::{config, secret};

impl Store {
    /// The team's credentials, newest first, a page at a time (never the
    /// token itself).
    pub fn tokens(&self, q: &TokensQuery) -> Result<TokensResponse> {
        let limit = q.limit.unwrap_or(TokensQuery::MAX_LIMIT).clamp(1, TokensQuery::MAX_LIMIT);
        // NULL for no bound: a JavaScript number cannot hold i64::MAX.
        let before = q.before.map(Timestamp::millis);
        let mut rows = self.rows::<TokenRow>(
            &format!(
                "SELECT id, agent_id, label, created_at, revoked_at FROM tokens WHERE (?1 IS NULL OR created_at < ?1)
                 ORDER BY created_at DESC LIMIT {}",
                limit + 1
            ),
            vec![before.into()],
        )?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let tokens: Vec<TokenInfo> = rows.into_iter().filter_map(TokenRow::into_info).collect();
        let next_before = if more { tokens.last().map(|t| t.created_at) } else { None };
        Ok(TokensResponse { tokens, next_before })
    }

    /// `true` if a live token was revoked.
    /// Revokes a live token; whose it was (`None`: no such live token).
    pub fn revoke_token(&self, id: &str, now: Timestamp) -> Result<Option<AgentId>> {
        let live = self.rows::<TokenRow>(
            "SELECT id, agent_id, label, created_at, revoked_at FROM tokens WHERE id = ? AND revoked_at IS NULL",
            vec![id.into()],
        )?;
        let Some(row) = live.into_iter().next() else { return Ok(None) };
        self.exec("UPDATE tokens SET revoked_at = ? WHERE id = ?", Some(vec![now.millis().into(), id.into()]))?;
        Ok(AgentId::parse(&row.agent_id).ok())
    }

    /// Whether `agent` holds a live token.
    pub fn has_live_token(&self, agent: &AgentId) -> Result<bool> {
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let live = self.rows::<Id>(
            "SELECT id FROM tokens WHERE agent_id = ? AND revoked_at IS NULL LIMIT 1",
            vec![agent.as_str().into()],
        )?;
        Ok(live.first().is_some_and(|t| !t.id.is_empty()))
    }

    /// Revokes every live token of `agent`; their ids.
    pub fn revoke_agent_tokens(&self, agent: &AgentId, now: Timestamp) -> Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let live: Vec<Id> =
            self.rows("SELECT id FROM tokens WHERE agent_id = ? AND revoked_at IS NULL", vec![agent.as_str().into()])?;
        self.exec(
            "UPDATE tokens SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL",
            Some(vec![now.millis().into(), agent.as_str().into()]),
        )?;
        Ok(live.into_iter().map(|t| t.id).collect())
    }

    /// The live token with this hash, if any.
    pub fn verify_token(&self, hash: &str) -> Result<Option<VerifiedToken>> {
        #[derive(Deserialize)]
        struct Live {
            id: String,
            agent_id: String,
        }
        Ok(self
            .rows::<Live>("SELECT id, agent_id FROM tokens WHERE hash = ? AND revoked_at IS NULL", vec![hash.into()])?
            .pop()
            .and_then(|r| Some(VerifiedToken { agent_id: AgentId::parse(&r.agent_id).ok()?, token_id: r.id })))
    }
}

impl AgentCoordinator {
    pub(super) fn mint_token(&self, agent_id: AgentId, label: Option<String>, now: Timestamp) -> Result<MintedToken> {
        if hub_domain::is_reserved(&agent_id) {
            return Err(ApiError::bad_field(
                "agentId",
                format!("'{agent_id}' is reserved for the hub itself (reserved: human, system, all)"),
            ));
        }
        let token = secret::new_token();
        let info = TokenInfo {
            id: format!("tok_{}", secret::random_hex(8)),
            agent_id,
            label,
            created_at: now,
            revoked_at: None,
        };
        self.store.exec(
            "INSERT INTO tokens (id, hash, agent_id, label, created_at) VALUES (?, ?, ?, ?, ?)",
            Some(vec![
                info.id.as_str().into(),
                secret::sha256_hex(&token).into(),
                info.agent_id.as_str().into(),
                info.label.clone().into(),
                now.millis().into(),
            ]),
        )?;
        self.store.prune_tokens(now)?;
        Ok(MintedToken { token, info })
    }

    /// This team's join secret (see [`secret::team_join_secret`]).
    ///
    /// # Errors
    /// 403 when the hub has no `HUB_JOIN_SECRET`.
    pub(super) fn join_secret(&self, team: &str) -> Result<JoinSecret> {
        let master = config::join_secret(&self.env).ok_or_else(|| {
            ApiError::Forbidden("Joining by secret is not enabled on this hub (no HUB_JOIN_SECRET)".into())
        })?;
        Ok(JoinSecret { team: team.to_owned(), secret: secret::team_join_secret(&master, team) })
    }

    /// The team's join secret for a token of the agent's own.
    pub(super) fn join(&self, team: &str, join: JoinTeam, now: Timestamp) -> Result<MintedToken> {
        let expected = self.join_secret(team)?;
        if !secret::same(join.secret.as_str(), &expected.secret) {
            return Err(ApiError::Forbidden(format!("Wrong join secret for team '{team}'")));
        }
        // The secret lets a new agent in; it never hands over an agent that
        // already has a token (its inbox and memory are its own).
        if self.store.has_live_token(&join.agent_id)? {
            return Err(ApiError::Conflict(format!(
                "Agent '{}' already has a token in team '{team}': use it, or ask the human to revoke it or mint another",
                join.agent_id
            )));
        }
        self.mint_token(join.agent_id, Some("joined with the team secret".into()), now)
    }
}
