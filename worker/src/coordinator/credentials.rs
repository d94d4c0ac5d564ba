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
use crate::{clock, config, secret};

impl Store {
    /// The team's credentials, newest first, a page at a time (never the
    /// token itself).
    pub fn tokens(&self, q: &TokensQuery) -> Result<TokensResponse> {
        let limit = q.limit.unwrap_or(TokensQuery::MAX_LIMIT).clamp(1, TokensQuery::MAX_LIMIT);
        // NULL for no bound: a JavaScript number cannot hold i64::MAX.
        let before = q.before.map(Timestamp::millis);
        let mut rows = self.rows::<TokenRow>(
            &format!(
                "SELECT id, agent_id, label, created_at, revoked_at, last_used_at FROM tokens WHERE (?1 IS NULL OR created_at < ?1)
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
            "SELECT id, agent_id, label, created_at, revoked_at, last_used_at FROM tokens WHERE id = ? AND revoked_at IS NULL",
            vec![id.into()],
        )?;
        let Some(row) = live.into_iter().next() else { return Ok(None) };
        self.exec("UPDATE tokens SET revoked_at = ? WHERE id = ?", Some(vec![now.millis().into(), id.into()]))?;
        Ok(AgentId::parse(&row.agent_id).ok())
    }

    /// Whether the team has ever had `agent` (registered, given a token,
    /// or found with data of its own), and how many ids it has had.
    pub fn known(&self, agent: &AgentId) -> Result<(bool, usize)> {
        #[derive(Deserialize)]
        struct Known {
            this: i64,
            all: i64,
        }
        let row = self
            .rows::<Known>(
                "SELECT (SELECT COUNT(*) FROM known_agents WHERE agent_id = ?) AS this,
                        (SELECT COUNT(*) FROM known_agents) AS \"all\"",
                vec![agent.as_str().into()],
            )?
            .pop();
        Ok(row.map_or((false, 0), |r| (r.this > 0, usize::try_from(r.all).unwrap_or(usize::MAX))))
    }

    /// Records that the team has had `agent` (data found in its object).
    pub fn make_known(&self, agent: &AgentId, now: Timestamp) -> Result<()> {
        self.exec(
            "INSERT OR IGNORE INTO known_agents (agent_id, first_seen) VALUES (?, ?)",
            Some(vec![agent.as_str().into(), now.millis().into()]),
        )?;
        Ok(())
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

    /// The live token with this hash, if any; noted as used now (to the
    /// minute: a Worker asks again only when its cache lapses).
    pub fn verify_token(&self, hash: &str, now: Timestamp) -> Result<Option<VerifiedToken>> {
        #[derive(Deserialize)]
        struct Live {
            id: String,
            agent_id: String,
            last_used_at: Option<i64>,
        }
        let Some(live) = self
            .rows::<Live>(
                "SELECT id, agent_id, last_used_at FROM tokens WHERE hash = ? AND revoked_at IS NULL",
                vec![hash.into()],
            )?
            .pop()
        else {
            return Ok(None);
        };
        if live.last_used_at.is_none_or(|at| now.millis() - at >= 60_000) {
            self.exec(
                "UPDATE tokens SET last_used_at = ? WHERE id = ?",
                Some(vec![now.millis().into(), live.id.clone().into()]),
            )?;
        }
        Ok(AgentId::parse(&live.agent_id).ok().map(|agent_id| VerifiedToken { agent_id, token_id: live.id }))
    }
}

/// Agent ids a team may have had before a join is refused: the table of
/// known ids is never pruned, so it is bounded here.
pub const KNOWN_AGENTS_CAP: usize = 10_000;

impl AgentCoordinator {
    /// Every token of `agent`, revoked; its sockets closed.
    pub(super) async fn revoke_agent_tokens(
        &self,
        team: &str,
        agent: hub_protocol::AgentId,
        now: hub_protocol::Timestamp,
    ) -> Result<hub_protocol::RevokedTokens> {
        let revoked = self.store.revoke_agent_tokens(&agent, now)?;
        self.close_sockets(team, &agent, &revoked).await;
        Ok(hub_protocol::RevokedTokens { success: true, agent_id: agent, revoked })
    }

    /// Token `id`, revoked; the sockets opened with it closed.
    pub(super) async fn revoke_token(
        &self,
        team: &str,
        id: String,
        now: hub_protocol::Timestamp,
    ) -> Result<hub_protocol::RevokedToken> {
        let Some(agent) = self.store.revoke_token(&id, now)? else {
            return Err(ApiError::NotFound { what: format!("No live token {id}"), path: None });
        };
        self.close_sockets(team, &agent, std::slice::from_ref(&id)).await;
        Ok(hub_protocol::RevokedToken { success: true, revoked: id })
    }

    /// Whose token this hash is, for the Worker.
    pub(super) fn verify_token(&self, v: &hub_protocol::VerifyToken) -> Result<hub_protocol::VerifiedToken> {
        self.store
            .verify_token(&v.hash, crate::clock::now())?
            .ok_or_else(|| ApiError::Unauthorized("Unknown or revoked token".into()))
    }

    pub(super) fn mint_token(
        &self,
        team: &str,
        agent_id: AgentId,
        label: Option<String>,
        now: Timestamp,
    ) -> Result<MintedToken> {
        if hub_domain::is_reserved(&agent_id) {
            return Err(ApiError::bad_field(
                "agentId",
                format!("'{agent_id}' is reserved for the hub itself (reserved: human, system, all)"),
            ));
        }
        let key = config::token_key(&self.env).ok_or_else(crate::auth::unconfigured)?;
        let token = secret::new_token(&key, team);
        let info = TokenInfo {
            id: format!("tok_{}", secret::random_hex(8)),
            agent_id,
            label,
            created_at: now,
            revoked_at: None,
            last_used_at: None,
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

    /// The team's join secret for a token of the agent's own, for an id
    /// the team has never had: the secret lets a new agent in, and never
    /// hands over an existing one (its inbox, memory and checkpoint are its
    /// own, even once its token is revoked).
    pub(super) async fn join(&self, team: &str, join: JoinTeam) -> Result<MintedToken> {
        let expected = self.join_secret(team)?;
        if !secret::same(join.secret.as_str(), &expected.secret) {
            return Err(ApiError::Forbidden(format!("Wrong join secret for team '{team}'")));
        }
        let agent = join.agent_id;
        self.refuse_known(team, &agent)?;
        // Data sent to the id before anyone registered it (a DM waiting)
        // lives in its own object: ask it, writing nothing there.
        let found = crate::objects::get_agent::<hub_protocol::AgentExists>(&self.env, team, &agent, "/exists")
            .await?
            .is_some_and(|a| a.exists);
        let now = clock::now();
        if found {
            self.store.make_known(&agent, now)?;
        }
        // Again after the wait: another join may have taken the id meanwhile.
        // From here to the mint nothing awaits, so the two commit together.
        self.refuse_known(team, &agent)?;
        self.mint_token(team, agent, Some("joined with the team secret".into()), now)
    }

    fn refuse_known(&self, team: &str, agent: &AgentId) -> Result<()> {
        let (known, count) = self.store.known(agent)?;
        if known {
            return Err(ApiError::Conflict(format!(
                "Agent '{agent}' already exists in team '{team}': a join mints only new ids. Pick another id, or ask \
                 a human to mint a token for '{agent}' (portal: Tokens, or POST /coordinator/tokens)"
            )));
        }
        if count >= KNOWN_AGENTS_CAP {
            return Err(ApiError::Conflict(format!(
                "Team '{team}' has had {KNOWN_AGENTS_CAP} agent ids, its limit for joins: ask a human to mint a token"
            )));
        }
        Ok(())
    }
}
