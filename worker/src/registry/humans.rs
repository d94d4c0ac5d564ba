//! Named humans' tokens, hub-wide: minted by the human token with a name,
//! stored as SHA-256 hashes, listed without the token, revoked by id. A
//! named human acts in every team as `human:<name>` (see
//! `hub_protocol::Caller::NamedHuman`).

use hub_protocol::{
    human_id, Ack, CloseSockets, HumanSocket, MintHumanToken, MintedToken, Timestamp, TokenInfo, TokensResponse,
    VerifiedToken, HUMAN_PREFIX,
};
use worker::SqlStorage;

use crate::api_error::ApiError;
use crate::objects::HumanKey;
use crate::secret;
use crate::token_row::TokenRow;

type Result<T> = std::result::Result<T, ApiError>;

pub const MIGRATION: crate::migrations::Migration = crate::migrations::Migration {
    name: "human tokens",
    statements: &["CREATE TABLE human_tokens (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        label TEXT, created_at INTEGER NOT NULL, revoked_at INTEGER)"],
};

/// Where named humans' sockets are open, so revoking a token closes them
/// (an object cannot be asked for "every socket of this token" hub-wide).
pub const SOCKETS_MIGRATION: crate::migrations::Migration = crate::migrations::Migration {
    name: "human sockets",
    statements: &["CREATE TABLE human_sockets (token_id TEXT NOT NULL, team TEXT NOT NULL, agent_id TEXT NOT NULL,
        PRIMARY KEY (token_id, team, agent_id))"],
};

/// Places remembered per token: past it the oldest go (their sockets are
/// then closed only by the per-socket cap and their own ends).
const SOCKET_PLACES: i64 = 200;

/// Most tokens listed (the newest); revoked ones are kept for the record.
const LISTED: i64 = 1000;

/// Selected as the shared token row, the name read as `human:<name>`.
fn columns() -> String {
    format!("SELECT id, '{HUMAN_PREFIX}' || name AS agent_id, label, created_at, revoked_at, NULL AS last_used_at FROM human_tokens")
}

pub fn mint(sql: &SqlStorage, key: &str, m: MintHumanToken, now: Timestamp) -> Result<MintedToken> {
    let agent_id = human_id(m.name.as_str()).map_err(|e| ApiError::bad_field("name", e.to_string()))?;
    let token = secret::new_human_token(key);
    let info = TokenInfo {
        id: format!("htok_{}", secret::random_hex(8)),
        agent_id,
        label: m.label.map(|l| l.as_str().to_owned()),
        created_at: now,
        revoked_at: None,
        last_used_at: None,
    };
    sql.exec(
        "INSERT INTO human_tokens (id, hash, name, label, created_at) VALUES (?, ?, ?, ?, ?)",
        Some(vec![
            info.id.as_str().into(),
            secret::sha256_hex(&token).into(),
            m.name.as_str().into(),
            info.label.clone().into(),
            now.millis().into(),
        ]),
    )?;
    Ok(MintedToken { token, info })
}

pub fn list(sql: &SqlStorage) -> Result<TokensResponse> {
    let rows: Vec<TokenRow> =
        crate::sql::rows(sql, &format!("{} ORDER BY created_at DESC LIMIT {LISTED}", columns()), vec![])?;
    Ok(TokensResponse { tokens: rows.into_iter().filter_map(TokenRow::into_info).collect(), next_before: None })
}

/// Revokes a live token; `false` when there is no such live token.
pub fn revoke(sql: &SqlStorage, id: &str, now: Timestamp) -> Result<bool> {
    if verify(sql, &HumanKey::Id(id))?.is_none() {
        return Ok(false);
    }
    sql.exec("UPDATE human_tokens SET revoked_at = ? WHERE id = ?", Some(vec![now.millis().into(), id.into()]))?;
    Ok(true)
}

/// The live token the key names, if any.
pub fn verify(sql: &SqlStorage, key: &HumanKey<'_>) -> Result<Option<VerifiedToken>> {
    let (column, value) = match key {
        HumanKey::Hash(hash) => ("hash", *hash),
        HumanKey::Id(id) => ("id", *id),
    };
    let query = format!("{} WHERE {column} = ? AND revoked_at IS NULL", columns());
    let rows: Vec<TokenRow> = crate::sql::rows(sql, &query, vec![value.into()])?;
    let live = rows.into_iter().next().and_then(TokenRow::into_info);
    Ok(live.map(|t| VerifiedToken { agent_id: t.agent_id, token_id: t.id }))
}

/// Remembers that `s.token_id` has a socket on the object `s` names.
pub fn record_socket(sql: &SqlStorage, s: &HumanSocket) -> Result<()> {
    let agent = s.agent_id.as_ref().map_or("", hub_protocol::AgentId::as_str);
    sql.exec(
        "INSERT OR IGNORE INTO human_sockets (token_id, team, agent_id) VALUES (?, ?, ?)",
        Some(vec![s.token_id.as_str().into(), s.team.as_str().into(), agent.into()]),
    )?;
    sql.exec(
        &format!(
            "DELETE FROM human_sockets WHERE token_id = ?1 AND rowid NOT IN
             (SELECT rowid FROM human_sockets WHERE token_id = ?1 ORDER BY rowid DESC LIMIT {SOCKET_PLACES})"
        ),
        Some(vec![s.token_id.as_str().into()]),
    )?;
    Ok(())
}

/// Closes every socket the (revoked) token `id` opened, wherever the
/// registry saw one open; a place that cannot be reached is logged (the
/// token is revoked already: nothing new opens with it).
pub async fn close_sockets(sql: &SqlStorage, env: &worker::Env, id: &str) {
    #[derive(serde::Deserialize)]
    struct Place {
        team: String,
        agent_id: String,
    }
    let places: Vec<Place> =
        crate::sql::rows(sql, "SELECT team, agent_id FROM human_sockets WHERE token_id = ?", vec![id.into()])
            .unwrap_or_default();
    let body = CloseSockets { token_ids: vec![id.to_owned()] };
    for place in places {
        let closed = match hub_protocol::AgentId::parse(&place.agent_id) {
            Ok(agent) => crate::objects::post_agent::<Ack, _>(env, &place.team, &agent, "/sockets/close", &body)
                .await
                .map(|_| ()),
            Err(_) => crate::objects::post_to_coordinator(env, &place.team, "/coordinator/sockets/close", &body).await,
        };
        if let Err(e) = closed {
            worker::console_error!("could not close {id}'s sockets in {}: {e}", place.team);
        }
    }
    let _ = sql.exec("DELETE FROM human_sockets WHERE token_id = ?", Some(vec![id.into()]));
}
