//! Named humans' tokens, hub-wide: minted by the human token with a name,
//! stored as SHA-256 hashes, listed without the token, revoked by id. A
//! named human acts in every team as `human:<name>` (see
//! `hub_protocol::Caller::NamedHuman`).

use hub_protocol::{human_id, MintHumanToken, MintedToken, Timestamp, TokenInfo, TokensResponse, VerifiedToken};
use serde::Deserialize;
use worker::SqlStorage;

use crate::api_error::ApiError;
use crate::secret;
use crate::sql::Millis;

type Result<T> = std::result::Result<T, ApiError>;

pub const MIGRATION: crate::migrations::Migration = crate::migrations::Migration {
    name: "human tokens",
    statements: &["CREATE TABLE human_tokens (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        label TEXT, created_at INTEGER NOT NULL, revoked_at INTEGER)"],
};

/// Most tokens listed (the newest); revoked ones are kept for the record.
const LISTED: i64 = 1000;

#[derive(Deserialize)]
struct Row {
    id: String,
    name: String,
    label: Option<String>,
    created_at: Millis,
    revoked_at: Option<Millis>,
}

impl Row {
    fn into_info(self) -> Option<TokenInfo> {
        Some(TokenInfo {
            id: self.id,
            agent_id: human_id(&self.name).ok()?,
            label: self.label,
            created_at: self.created_at.0,
            revoked_at: self.revoked_at.map(|m| m.0),
        })
    }
}

const COLUMNS: &str = "SELECT id, name, label, created_at, revoked_at FROM human_tokens";

pub fn mint(sql: &SqlStorage, m: MintHumanToken, now: Timestamp) -> Result<MintedToken> {
    let agent_id = human_id(m.name.as_str()).map_err(|e| ApiError::bad_field("name", e.to_string()))?;
    let token = secret::new_human_token();
    let info = TokenInfo {
        id: format!("htok_{}", secret::random_hex(8)),
        agent_id,
        label: m.label.map(|l| l.as_str().to_owned()),
        created_at: now,
        revoked_at: None,
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
    let rows: Vec<Row> =
        crate::sql::rows(sql, &format!("{COLUMNS} ORDER BY created_at DESC LIMIT ?"), vec![LISTED.into()])?;
    Ok(TokensResponse { tokens: rows.into_iter().filter_map(Row::into_info).collect(), next_before: None })
}

/// Revokes a live token; `false` when there is no such live token.
pub fn revoke(sql: &SqlStorage, id: &str, now: Timestamp) -> Result<bool> {
    let live: Vec<Row> =
        crate::sql::rows(sql, &format!("{COLUMNS} WHERE id = ? AND revoked_at IS NULL"), vec![id.into()])?;
    if live.is_empty() {
        return Ok(false);
    }
    sql.exec("UPDATE human_tokens SET revoked_at = ? WHERE id = ?", Some(vec![now.millis().into(), id.into()]))?;
    Ok(true)
}

/// The live token with this hash (`by_id`: with this id), if any.
pub fn verify(sql: &SqlStorage, key: &str, by_id: bool) -> Result<Option<VerifiedToken>> {
    let column = if by_id { "id" } else { "hash" };
    let rows: Vec<Row> =
        crate::sql::rows(sql, &format!("{COLUMNS} WHERE {column} = ? AND revoked_at IS NULL"), vec![key.into()])?;
    Ok(rows.into_iter().next().and_then(Row::into_info).map(|t| VerifiedToken { agent_id: t.agent_id, token_id: t.id }))
}
