//! Claims: "I am working on X", stale after 30 minutes.

use hub_domain::{is_stale, may_claim};
use hub_protocol::{AgentId, Claim, ClaimAction, ClaimQuery, ClaimResult, ClaimsResponse, Timestamp};
use serde::Deserialize;

use super::store::Store;
use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::sql::Millis;

#[derive(Deserialize)]
struct Row {
    what: String,
    by: String,
    description: Option<String>,
    since: Millis,
}

impl Row {
    fn into_claim(self, now: Timestamp) -> Option<Claim> {
        let since = self.since.0;
        Some(Claim {
            what: self.what,
            by: AgentId::parse(&self.by).ok()?,
            description: self.description,
            since,
            stale: is_stale(since, now),
        })
    }
}

impl Store {
    /// All claims, newest first, each marked stale or not.
    pub fn claims(&self, now: Timestamp) -> Result<Vec<Claim>> {
        Ok(self
            .rows::<Row>("SELECT * FROM claims ORDER BY since DESC LIMIT 1000", vec![])?
            .into_iter()
            .filter_map(|r| r.into_claim(now))
            .collect())
    }

    pub fn claim(&self, what: &str, now: Timestamp) -> Result<Option<Claim>> {
        Ok(self
            .rows::<Row>("SELECT * FROM claims WHERE what = ?", vec![what.into()])?
            .pop()
            .and_then(|r| r.into_claim(now)))
    }
}

/// Claims one agent may hold at once.
pub const CLAIMS_PER_AGENT: usize = 100;

impl AgentCoordinator {
    pub(super) fn list_claims(&self, q: ClaimQuery, now: Timestamp) -> Result<ClaimsResponse> {
        if let Some(what) = q.what {
            let claim = self.store.claim(&what, now)?.filter(|c| q.include_stale || !c.stale);
            return Ok(ClaimsResponse { claims: None, claim: Some(claim) });
        }
        let claims = self.store.claims(now)?.into_iter().filter(|c| q.include_stale || !c.stale).collect();
        Ok(ClaimsResponse { claims: Some(claims), claim: None })
    }

    pub(super) fn claim_action(&self, action: ClaimAction, now: Timestamp) -> Result<ClaimResult> {
        match action {
            ClaimAction::Claim { what, by, description } => {
                let existing = self.store.claim(what.as_str(), now)?;
                if !may_claim(existing.as_ref().map(|c| (&c.by, c.since)), &by, now) {
                    let holder = existing.as_ref().map(|c| c.by.to_string()).unwrap_or_default();
                    return Err(ApiError::Taken(Box::new(hub_protocol::ErrorBody {
                        claim: existing,
                        ..hub_protocol::ErrorBody::new(format!("Already claimed by {holder}"))
                    })));
                }
                if existing.as_ref().is_none_or(|c| c.by != by) {
                    let held =
                        self.store.count("SELECT COUNT(*) AS n FROM claims WHERE by = ?", vec![by.as_str().into()])?;
                    hub_domain::within_cap(held, CLAIMS_PER_AGENT, by.as_str(), "claims")?;
                }
                let description = description.map(hub_protocol::Text::into_string);
                self.store.exec(
                    "INSERT OR REPLACE INTO claims (what, by, description, since) VALUES (?, ?, ?, ?)",
                    Some(vec![
                        what.as_str().into(),
                        by.as_str().into(),
                        description.clone().into(),
                        now.millis().into(),
                    ]),
                )?;
                let claim = Claim { what: what.into_string(), by, description, since: now, stale: false };
                Ok(ClaimResult { success: true, claim: Some(claim), error: None })
            }
            ClaimAction::Release { what, by } => {
                let c = self.store.exec(
                    "DELETE FROM claims WHERE what = ? AND by = ?",
                    Some(vec![what.as_str().into(), by.as_str().into()]),
                )?;
                Ok(ClaimResult { success: c.rows_written() > 0, claim: None, error: None })
            }
        }
    }
}
