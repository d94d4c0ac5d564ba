//! The lock's storage seam. Loads the whole [`LockState`] (it is one row and
//! a short queue) and writes it back with its history in one synchronous run.
//!
//! The object is the only writer of its database and runs one request at a
//! time, so it keeps what it last read or wrote in memory: a check or a
//! refusal then costs no SQL at all. Any failed statement drops the copy,
//! and a fresh instance (after eviction or a restart) reads again.

use hub_domain::{Change, Held, LockState, Waiter};
use hub_protocol::{AgentId, LockHistoryEntry, ReleaseReason, ResourcePath, ResourceType, Timestamp};
use std::cell::RefCell;

use serde::Deserialize;
use worker::{SqlStorage, SqlStorageValue};

use crate::api_error::ApiError;
use crate::sql::Millis;

type Result<T> = std::result::Result<T, ApiError>;

pub struct Store {
    sql: SqlStorage,
    meta: RefCell<Option<Option<Meta>>>,
    state: RefCell<Option<LockState>>,
}

#[derive(Clone, Deserialize)]
pub struct Meta {
    pub resource_path: String,
    pub team: String,
    pub last_fence: f64,
    pub version: f64,
}

#[derive(Deserialize)]
struct LockRow {
    locked_by: String,
    reason: Option<String>,
    resource_type: String,
    locked_at: Millis,
    expires_at: Millis,
    fence: f64,
}

#[derive(Deserialize)]
struct WaiterRow {
    agent_id: String,
    reason: Option<String>,
    resource_type: String,
    ttl_ms: f64,
}

#[derive(Deserialize)]
struct HistoryRow {
    id: String,
    locked_by: String,
    reason: Option<String>,
    locked_at: Millis,
    released_at: Option<Millis>,
    release_reason: Option<String>,
    released_by: Option<String>,
    fence: f64,
}

fn agent(s: &str) -> Result<AgentId> {
    AgentId::parse(s).map_err(|_| ApiError::internal("stored agent id is not valid"))
}

impl Store {
    pub fn new(sql: SqlStorage) -> Self {
        Self { sql, meta: RefCell::new(None), state: RefCell::new(None) }
    }

    /// For a database just created: no meta row, no lock, no queue.
    pub fn empty(sql: SqlStorage) -> Self {
        Self { sql, meta: RefCell::new(Some(None)), state: RefCell::new(Some(LockState::default())) }
    }

    fn rows<T: for<'de> Deserialize<'de>>(&self, q: &str, args: Vec<SqlStorageValue>) -> Result<Vec<T>> {
        let rows = crate::sql::rows(&self.sql, q, args);
        if rows.is_err() {
            self.forget();
        }
        rows
    }

    fn exec(&self, q: &str, args: Option<Vec<SqlStorageValue>>) -> Result<()> {
        if let Err(e) = self.sql.exec(q, args) {
            self.forget();
            return Err(e.into());
        }
        Ok(())
    }

    /// Drops the in-memory copy: the next read goes to SQLite.
    fn forget(&self) {
        self.meta.replace(None);
        self.state.replace(None);
    }

    pub fn meta(&self) -> Result<Option<Meta>> {
        if let Some(meta) = self.meta.borrow().clone() {
            return Ok(meta);
        }
        let meta = self.rows::<Meta>("SELECT * FROM meta WHERE id = 1", vec![])?.pop();
        self.meta.replace(Some(meta.clone()));
        Ok(meta)
    }

    /// Records who this object is, so the alarm knows without a request.
    pub fn remember(&self, resource: &ResourcePath, team: &str) -> Result<()> {
        let before = self.meta()?;
        self.exec(
            "INSERT INTO meta (id, resource_path, team) VALUES (1, ?, ?)
             ON CONFLICT(id) DO UPDATE SET resource_path = excluded.resource_path, team = excluded.team",
            Some(vec![resource.as_str().into(), team.into()]),
        )?;
        let (last_fence, version) = before.map_or((0.0, 0.0), |m| (m.last_fence, m.version));
        self.meta.replace(Some(Some(Meta {
            resource_path: resource.as_str().into(),
            team: team.into(),
            last_fence,
            version,
        })));
        Ok(())
    }

    pub fn load(&self) -> Result<LockState> {
        if let Some(state) = self.state.borrow().clone() {
            return Ok(state);
        }
        let last_fence = self.meta()?.map_or(0, |m| m.last_fence as u64);
        let held = self
            .rows::<LockRow>("SELECT * FROM current_lock WHERE id = 1", vec![])?
            .pop()
            .map(|r| {
                Ok::<_, ApiError>(Held {
                    agent: agent(&r.locked_by)?,
                    reason: r.reason,
                    resource_type: ResourceType::parse(&r.resource_type).unwrap_or_default(),
                    locked_at: r.locked_at.0,
                    expires_at: r.expires_at.0,
                    fence: r.fence as u64,
                })
            })
            .transpose()?;
        let queue = self
            .rows::<WaiterRow>("SELECT * FROM lock_queue ORDER BY seq", vec![])?
            .into_iter()
            .map(|r| {
                Ok(Waiter {
                    agent: agent(&r.agent_id)?,
                    reason: r.reason,
                    resource_type: ResourceType::parse(&r.resource_type).unwrap_or_default(),
                    ttl_ms: r.ttl_ms as i64,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let state = LockState { held, queue, last_fence };
        self.state.replace(Some(state.clone()));
        Ok(state)
    }

    /// Writes `state` and the history of `changes`; returns the new version
    /// (one more per change). Synchronous: it all commits together.
    pub fn save(&self, state: &LockState, changes: &[Change], now: Timestamp) -> Result<u64> {
        // What is stored now (the copy in memory, or SQLite's), so that only
        // what changed is written: a fresh path's first grant is three rows.
        let before = self.load()?;
        let meta = self.meta()?.ok_or_else(|| ApiError::internal("lock meta missing"))?;
        if before.held.is_some() && state.held.is_none() {
            self.exec("DELETE FROM current_lock", None)?;
        }
        if let Some(h) = state.held.as_ref().filter(|h| before.held.as_ref() != Some(*h)) {
            self.exec(
                "INSERT OR REPLACE INTO current_lock (id, locked_by, reason, resource_type, locked_at, expires_at, fence) VALUES (1, ?, ?, ?, ?, ?, ?)",
                Some(vec![
                    h.agent.as_str().into(),
                    h.reason.clone().into(),
                    h.resource_type.as_str().into(),
                    h.locked_at.millis().into(),
                    h.expires_at.millis().into(),
                    (h.fence as i64).into(),
                ]),
            )?;
        }
        if before.queue != state.queue {
            self.replace_queue(&state.queue)?;
        }
        for change in changes {
            self.record(change, now)?;
        }
        self.exec(
            "UPDATE meta SET last_fence = ?, version = version + ? WHERE id = 1",
            Some(vec![(state.last_fence as i64).into(), (changes.len() as i64).into()]),
        )?;
        let version = meta.version as u64 + changes.len() as u64;
        #[allow(clippy::cast_precision_loss)] // fences and versions stay far below 2^53
        let meta = Meta { last_fence: state.last_fence as f64, version: version as f64, ..meta };
        self.meta.replace(Some(Some(meta)));
        self.state.replace(Some(state.clone()));
        Ok(version)
    }

    fn replace_queue(&self, queue: &[Waiter]) -> Result<()> {
        self.exec("DELETE FROM lock_queue", None)?;
        for w in queue {
            self.exec(
                "INSERT INTO lock_queue (agent_id, reason, resource_type, ttl_ms) VALUES (?, ?, ?, ?)",
                Some(vec![
                    w.agent.as_str().into(),
                    w.reason.clone().into(),
                    w.resource_type.as_str().into(),
                    w.ttl_ms.into(),
                ]),
            )?;
        }
        Ok(())
    }

    /// One history row per grant, keyed by its fencing token: an extension
    /// updates the row, a release closes exactly that grant. (The original
    /// added a row per re-lock and closed every open row of the owner.)
    fn record(&self, change: &Change, now: Timestamp) -> Result<()> {
        match change {
            Change::Granted(h) => {
                self.exec(
                    "INSERT OR REPLACE INTO lock_history (fence, id, locked_by, reason, locked_at) VALUES (?, ?, ?, ?, ?)",
                    Some(vec![
                        (h.fence as i64).into(),
                        format!("lock-{}-{}", h.locked_at.millis(), h.fence).into(),
                        h.agent.as_str().into(),
                        h.reason.clone().into(),
                        h.locked_at.millis().into(),
                    ]),
                )?;
                // The history keeps the last grants only (fences are consecutive).
                let oldest_kept = h.fence as i64 - i64::from(hub_domain::LOCK_HISTORY_KEPT);
                if oldest_kept > 0 {
                    self.exec("DELETE FROM lock_history WHERE fence <= ?", Some(vec![oldest_kept.into()]))?;
                }
            }
            Change::Extended(h) => {
                self.exec(
                    "UPDATE lock_history SET reason = ? WHERE fence = ?",
                    Some(vec![h.reason.clone().into(), (h.fence as i64).into()]),
                )?;
            }
            Change::Released { held, reason, by } => {
                // An expiry happens at the lock's own deadline, even if noticed later.
                let at = if *reason == ReleaseReason::Expired { held.expires_at } else { now };
                self.exec(
                    "UPDATE lock_history SET released_at = ?, release_reason = ?, released_by = ? WHERE fence = ?",
                    Some(vec![
                        at.millis().into(),
                        reason.as_str().into(),
                        by.as_str().into(),
                        (held.fence as i64).into(),
                    ]),
                )?;
            }
            Change::Queued { .. } => {}
        }
        Ok(())
    }

    /// The last 50 grants, newest first.
    pub fn history(&self) -> Result<Vec<LockHistoryEntry>> {
        self.rows::<HistoryRow>("SELECT * FROM lock_history ORDER BY fence DESC LIMIT 50", vec![])?
            .into_iter()
            .map(|r| {
                Ok(LockHistoryEntry {
                    id: r.id,
                    locked_by: agent(&r.locked_by)?,
                    reason: r.reason,
                    locked_at: r.locked_at.0,
                    released_at: r.released_at.map(|m| m.0),
                    release_reason: r.release_reason.as_deref().and_then(ReleaseReason::parse),
                    released_by: r.released_by.as_deref().map(agent).transpose()?,
                    fencing_token: r.fence as u64,
                })
            })
            .collect()
    }
}
