//! Caps per owner: no one agent fills the team's tables (claims, zones,
//! open tasks, pending handoffs each have one, next to their feature).

use serde::Deserialize;
use worker::SqlStorageValue;

use super::store::Store;
use super::Result;

impl Store {
    /// The `n` of a `SELECT COUNT(*) AS n ...`.
    pub(super) fn count(&self, query: &str, args: Vec<SqlStorageValue>) -> Result<usize> {
        #[derive(Deserialize)]
        struct Row {
            n: f64,
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a row count
        Ok(self.rows::<Row>(query, args)?.first().map_or(0, |r| r.n as usize))
    }
}

/// A cap per owner ([`hub_domain::within_cap`]).
pub(super) fn within_cap(held: usize, limit: usize, owner: &str, what: &str) -> Result<()> {
    Ok(hub_domain::within_cap(held, limit, owner, what)?)
}
