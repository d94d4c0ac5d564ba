//! Counting what an owner holds, for the caps per owner (the rule is
//! `hub_domain::within_cap`; claims, zones, open tasks and pending handoffs
//! each have one, next to their feature).

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
