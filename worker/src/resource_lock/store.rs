//! A lock shard's storage seam. Each path's [`LockState`] is one row of
//! `paths` (holder, fence, version, and the queue as a short JSON list);
//! its grants are rows of `grants`. A path is loaded whole and written back
//! with its history in one synchronous run.
//!
//! The object is the only writer of its database and runs one request at a
//! time, so it keeps the paths it last read or wrote in memory: a check or a
//! refusal then costs no SQL at all. Any failed statement drops the copy,
//! and a fresh instance (after eviction or a restart) reads again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use hub_domain::{Change, Held, LockState, Waiter};
use hub_protocol::{AgentId, LockHistoryEntry, LockInfo, ReleaseReason, ResourcePath, ResourceType, Timestamp};
use serde::{Deserialize, Serialize};
use worker::{SqlStorage, SqlStorageValue};

use crate::api_error::ApiError;
use crate::sql::Millis;

type Result<T> = std::result::Result<T, ApiError>;

/// Paths kept in memory at most; past it the copy starts over.
const CACHED_PATHS: usize = 4096;

/// One path as stored: its lock state and the version of its last change.
#[derive(Clone, Default)]
pub struct Path {
    pub state: LockState,
    pub version: u64,
}

/// What this instance knows of its database without asking it.
#[derive(Default)]
struct Copy {
    team: Option<Option<String>>,
    paths: HashMap<String, Path>,
    /// `paths` holds every stored path (the database was created just now).
    complete: bool,
}

#[derive(Clone)]
pub struct Store {
    sql: SqlStorage,
    copy: Rc<RefCell<Copy>>,
    /// The database was created by this instance.
    new: Rc<Cell<bool>>,
}

#[derive(Deserialize)]
struct PathRow {
    last_fence: f64,
    version: f64,
    locked_by: Option<String>,
    reason: Option<String>,
    resource_type: Option<String>,
    locked_at: Option<Millis>,
    expires_at: Option<Millis>,
    fence: Option<f64>,
    queue: String,
}

/// A waiter in the `queue` column.
#[derive(Serialize, Deserialize)]
struct QueuedJson {
    agent: String,
    reason: Option<String>,
    #[serde(rename = "type")]
    resource_type: String,
    ttl_ms: i64,
    /// Milliseconds; absent in rows stored before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<i64>,
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

#[derive(Deserialize)]
struct TeamRow {
    team: String,
}

#[derive(Deserialize)]
struct PathName {
    resource_path: String,
}

fn agent(s: &str) -> Result<AgentId> {
    AgentId::parse(s).map_err(|_| ApiError::internal("stored agent id is not valid"))
}

impl PathRow {
    fn into_path(self) -> Result<Path> {
        let held = match (self.locked_by, self.locked_at, self.expires_at, self.fence) {
            (Some(by), Some(at), Some(until), Some(fence)) => Some(Held {
                agent: agent(&by)?,
                reason: self.reason,
                resource_type: self.resource_type.as_deref().and_then(ResourceType::parse).unwrap_or_default(),
                locked_at: at.0,
                expires_at: until.0,
                fence: fence as u64,
            }),
            _ => None,
        };
        let queue = serde_json::from_str::<Vec<QueuedJson>>(&self.queue)
            .map_err(|_| ApiError::internal("stored lock queue is not valid"))?
            .into_iter()
            .map(|w| {
                Ok(Waiter {
                    agent: agent(&w.agent)?,
                    reason: w.reason,
                    resource_type: ResourceType::parse(&w.resource_type).unwrap_or_default(),
                    ttl_ms: w.ttl_ms,
                    since: w.since.map(Timestamp::from_millis),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Path { state: LockState { held, queue, last_fence: self.last_fence as u64 }, version: self.version as u64 })
    }
}

impl Store {
    /// `new`: the database was created just now, so it holds nothing yet.
    pub fn new(sql: SqlStorage, new: bool) -> Self {
        let copy = Copy { team: new.then_some(None), paths: HashMap::new(), complete: new };
        Self { sql, copy: Rc::new(RefCell::new(copy)), new: Rc::new(Cell::new(new)) }
    }

    /// Whether the database was created by this instance, and only the
    /// first time it is asked.
    pub fn take_new(&self) -> bool {
        self.new.replace(false)
    }

    fn rows<T: for<'de> Deserialize<'de>>(&self, q: &str, args: Vec<SqlStorageValue>) -> Result<Vec<T>> {
        let rows = crate::sql::rows(&self.sql, q, args);
        if rows.is_err() {
            self.forget();
        }
        rows
    }

    fn exec(&self, q: &str, args: Vec<SqlStorageValue>) -> Result<()> {
        if let Err(e) = self.sql.exec(q, Some(args)) {
            self.forget();
            return Err(e.into());
        }
        Ok(())
    }

    /// Drops the in-memory copy: the next read goes to SQLite.
    pub fn forget(&self) {
        *self.copy.borrow_mut() = Copy::default();
    }

    /// The team this shard belongs to, once a request has said so.
    pub fn team(&self) -> Result<Option<String>> {
        if let Some(team) = self.copy.borrow().team.clone() {
            return Ok(team);
        }
        let team = self.rows::<TeamRow>("SELECT team FROM shard WHERE id = 1", vec![])?.pop().map(|r| r.team);
        self.copy.borrow_mut().team = Some(team.clone());
        Ok(team)
    }

    /// Records the team, so the alarm knows it without a request; writes
    /// only when it is new.
    pub fn remember(&self, team: &str) -> Result<()> {
        if self.team()?.as_deref() == Some(team) {
            return Ok(());
        }
        self.exec(
            "INSERT INTO shard (id, team) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET team = excluded.team",
            vec![team.into()],
        )?;
        self.copy.borrow_mut().team = Some(Some(team.to_owned()));
        Ok(())
    }

    pub fn load(&self, path: &ResourcePath) -> Result<Path> {
        {
            let copy = self.copy.borrow();
            if let Some(p) = copy.paths.get(path.as_str()) {
                return Ok(p.clone());
            }
            if copy.complete {
                return Ok(Path::default());
            }
        }
        let row =
            self.rows::<PathRow>("SELECT * FROM paths WHERE resource_path = ?", vec![path.as_str().into()])?.pop();
        let stored = row.map(PathRow::into_path).transpose()?.unwrap_or_default();
        self.keep(path, stored.clone());
        Ok(stored)
    }

    fn keep(&self, path: &ResourcePath, stored: Path) {
        let mut copy = self.copy.borrow_mut();
        if copy.paths.len() >= CACHED_PATHS {
            copy.paths.clear();
            copy.complete = false;
        }
        copy.paths.insert(path.as_str().to_owned(), stored);
    }

    /// Writes `path`'s `state` and the history of `changes`, each change one
    /// version (see [`hub_domain::next_version`]); returns the first.
    /// Synchronous: it all commits together.
    pub fn save(&self, path: &ResourcePath, state: &LockState, changes: &[Change], now: Timestamp) -> Result<u64> {
        let before = self.load(path)?;
        let first = hub_domain::next_version(before.version, now);
        let version = first + changes.len().saturating_sub(1) as u64;
        let held = state.held.as_ref();
        let queue: Vec<QueuedJson> = state
            .queue
            .iter()
            .map(|w| QueuedJson {
                agent: w.agent.to_string(),
                reason: w.reason.clone(),
                resource_type: w.resource_type.as_str().to_owned(),
                ttl_ms: w.ttl_ms,
                since: w.since.map(Timestamp::millis),
            })
            .collect();
        #[allow(clippy::cast_possible_wrap)] // fences and versions stay far below 2^53
        self.exec(
            "INSERT OR REPLACE INTO paths
             (resource_path, last_fence, version, locked_by, reason, resource_type, locked_at, expires_at, fence, queue)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                path.as_str().into(),
                (state.last_fence as i64).into(),
                (version as i64).into(),
                held.map(|h| h.agent.to_string()).into(),
                held.and_then(|h| h.reason.clone()).into(),
                held.map(|h| h.resource_type.as_str().to_owned()).into(),
                held.map(|h| h.locked_at.millis()).into(),
                held.map(|h| h.expires_at.millis()).into(),
                held.map(|h| h.fence as i64).into(),
                serde_json::to_string(&queue)?.into(),
            ],
        )?;
        for change in changes {
            self.record(path, change, now)?;
        }
        self.keep(path, Path { state: state.clone(), version });
        Ok(first)
    }

    /// One history row per grant, keyed by path and fencing token: an
    /// extension updates the row, a release closes exactly that grant.
    #[allow(clippy::cast_possible_wrap)] // fences stay far below 2^53
    fn record(&self, path: &ResourcePath, change: &Change, now: Timestamp) -> Result<()> {
        let p = || SqlStorageValue::from(path.as_str());
        match change {
            Change::Granted(h) => {
                self.exec(
                    "INSERT OR REPLACE INTO grants (resource_path, fence, id, locked_by, reason, locked_at) VALUES (?, ?, ?, ?, ?, ?)",
                    vec![
                        p(),
                        (h.fence as i64).into(),
                        format!("lock-{}-{}", h.locked_at.millis(), h.fence).into(),
                        h.agent.as_str().into(),
                        h.reason.clone().into(),
                        h.locked_at.millis().into(),
                    ],
                )?;
                // The history keeps the last grants only (fences are consecutive).
                let oldest_kept = h.fence as i64 - i64::from(hub_domain::LOCK_HISTORY_KEPT);
                if oldest_kept > 0 {
                    self.exec(
                        "DELETE FROM grants WHERE resource_path = ? AND fence <= ?",
                        vec![p(), oldest_kept.into()],
                    )?;
                }
            }
            Change::Extended(h) => self.exec(
                "UPDATE grants SET reason = ? WHERE resource_path = ? AND fence = ?",
                vec![h.reason.clone().into(), p(), (h.fence as i64).into()],
            )?,
            Change::Released { held, reason, by } => {
                // An expiry happens at the lock's own deadline, even if noticed later.
                let at = if *reason == ReleaseReason::Expired { held.expires_at } else { now };
                self.exec(
                    "UPDATE grants SET released_at = ?, release_reason = ?, released_by = ? WHERE resource_path = ? AND fence = ?",
                    vec![at.millis().into(), reason.as_str().into(), by.as_str().into(), p(), (held.fence as i64).into()],
                )?;
            }
            Change::Queued { .. } => {}
        }
        Ok(())
    }

    /// `path`'s last 50 grants, newest first.
    pub fn history(&self, path: &ResourcePath) -> Result<Vec<LockHistoryEntry>> {
        self.rows::<HistoryRow>(
            "SELECT * FROM grants WHERE resource_path = ? ORDER BY fence DESC LIMIT 50",
            vec![path.as_str().into()],
        )?
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

    /// The paths whose lock has passed its deadline by `now`.
    pub fn due(&self, now: Timestamp) -> Result<Vec<ResourcePath>> {
        let rows = self.rows::<PathName>(
            "SELECT resource_path FROM paths WHERE locked_by IS NOT NULL AND expires_at <= ?",
            vec![now.millis().into()],
        )?;
        // As stored: a lock stored before the path rules changed expires
        // under its own name (`ResourcePath::verbatim`).
        Ok(rows.into_iter().map(|r| ResourcePath::verbatim(r.resource_path)).collect())
    }

    /// The soonest deadline of a lock held here: when the alarm must ring.
    pub fn next_deadline(&self) -> Result<Option<Timestamp>> {
        #[derive(Deserialize)]
        struct Soonest {
            at: Option<Millis>,
        }
        let soonest =
            self.rows::<Soonest>("SELECT MIN(expires_at) AS at FROM paths WHERE locked_by IS NOT NULL", vec![])?;
        Ok(soonest.into_iter().next().and_then(|s| s.at).map(|m| m.0))
    }

    /// Takes in the locks still held from the time each path had an object
    /// of its own (as the team's coordinator lists them), for a shard just
    /// created: their holders keep them, and their fences go on.
    pub fn adopt(&self, locks: &[LockInfo]) -> Result<()> {
        for l in locks {
            let held = Held {
                agent: l.locked_by.clone(),
                reason: l.reason.clone(),
                resource_type: l.resource_type,
                locked_at: l.locked_at,
                expires_at: l.expires_at,
                fence: l.fencing_token,
            };
            let state = LockState { held: Some(held.clone()), queue: Vec::new(), last_fence: l.fencing_token };
            self.save(&l.resource_path, &state, &[Change::Granted(held)], l.locked_at)?;
        }
        Ok(())
    }
}
