//! The agent's storage seam. Values that are always read whole (checkpoint,
//! soul, step, escalation) are JSON in one column; what is filtered on has
//! its own column.

use hub_domain::OpenEscalation;
use hub_protocol::{
    AgentId, Checkpoint, DirectMessage, Escalation, InboxQuery, Memory, MemoryQuery, Soul, Step, Timestamp,
    TraceSummary, TriggerType,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use worker::{SqlStorage, SqlStorageValue};

pub use super::rows::TraceRow;
use super::rows::{DmRow, MemoryRow};
use crate::api_error::ApiError;
use crate::memo::Memo;

type Result<T> = std::result::Result<T, ApiError>;

/// The one-row values (whose object this is, the checkpoint, the soul) are
/// kept in memory once read or written (see [`Memo`]).
pub struct Store {
    sql: SqlStorage,
    meta: Memo<Option<Meta>>,
    checkpoint: Memo<Option<Checkpoint>>,
    soul: Memo<Option<Soul>>,
    /// Writes made by this instance: what was read since the last one is
    /// still what is stored.
    writes: std::cell::Cell<u64>,
}

#[derive(Deserialize)]
struct Body {
    body: String,
}

#[derive(Clone, Deserialize)]
pub struct Meta {
    pub agent_id: String,
    pub team: String,
}

fn json<T: Serialize>(v: &T) -> Result<SqlStorageValue> {
    Ok(serde_json::to_string(v)?.into())
}

fn parse<T: DeserializeOwned>(rows: Vec<Body>) -> Vec<T> {
    rows.into_iter().filter_map(|r| serde_json::from_str(&r.body).ok()).collect()
}

impl Store {
    pub fn new(sql: SqlStorage) -> Self {
        Self {
            sql,
            meta: Memo::default(),
            checkpoint: Memo::default(),
            soul: Memo::default(),
            writes: Default::default(),
        }
    }

    pub(super) fn rows<T: DeserializeOwned>(&self, q: &str, args: Vec<SqlStorageValue>) -> Result<Vec<T>> {
        crate::sql::rows(&self.sql, q, args)
    }

    /// Every write of the object goes through here.
    pub(super) fn exec(&self, q: &str, args: Vec<SqlStorageValue>) -> Result<usize> {
        self.writes.set(self.writes.get() + 1);
        Ok(self.sql.exec(q, Some(args))?.rows_written())
    }

    /// How many writes this instance has made (see [`Self::exec`]).
    pub fn writes(&self) -> u64 {
        self.writes.get()
    }

    /// Records whose object this is, once: a read must not write.
    pub fn remember(&self, agent: &AgentId, team: &str) -> Result<()> {
        if self.meta()?.is_some_and(|m| m.agent_id == agent.as_str() && m.team == team) {
            return Ok(());
        }
        self.meta.write(Some(Meta { agent_id: agent.to_string(), team: team.to_owned() }), |_| {
            self.exec(
                "INSERT INTO meta (id, agent_id, team) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET agent_id = excluded.agent_id, team = excluded.team",
                vec![agent.as_str().into(), team.into()],
            )
            .map(|_| ())
        })
    }

    pub fn meta(&self) -> Result<Option<Meta>> {
        self.meta.get(|| Ok(self.rows::<Meta>("SELECT agent_id, team FROM meta WHERE id = 1", vec![])?.pop()))
    }

    // Checkpoint and soul: one JSON row each.

    pub fn checkpoint(&self) -> Result<Option<Checkpoint>> {
        self.checkpoint.get(|| Ok(parse(self.rows("SELECT body FROM checkpoint WHERE id = 1", vec![])?).pop()))
    }

    pub fn save_checkpoint(&self, c: &Checkpoint) -> Result<()> {
        let body = json(c)?;
        self.checkpoint.write(Some(c.clone()), |_| {
            self.exec("INSERT OR REPLACE INTO checkpoint (id, body) VALUES (1, ?)", vec![body]).map(|_| ())
        })
    }

    /// The soul as of now (its rust is worked out on every read).
    pub fn soul(&self) -> Result<Option<Soul>> {
        let stored: Option<Soul> = self
            .soul
            .get(|| Ok::<_, ApiError>(parse(self.rows("SELECT body FROM soul WHERE id = 1", vec![])?).pop()))?;
        Ok(stored.map(|s| hub_domain::soul_now(s, crate::clock::now())))
    }

    /// Also a point of the XP chart when XP or level moved.
    pub fn save_soul(&self, s: &Soul) -> Result<()> {
        let body = json(s)?;
        self.soul.write(Some(s.clone()), |_| {
            self.exec("INSERT OR REPLACE INTO soul (id, body) VALUES (1, ?)", vec![body]).map(|_| ())
        })?;
        self.record_xp(s, crate::clock::now())
    }

    // Inbox.

    pub fn save_dm(&self, m: &DirectMessage) -> Result<()> {
        self.exec(
            "INSERT INTO messages (id, from_agent, type, message, timestamp, read, sent_by, reply_to, ack_required)
             VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
            vec![
                m.id.as_str().into(),
                m.from.as_str().into(),
                m.kind.as_str().into(),
                m.message.as_str().into(),
                m.timestamp.millis().into(),
                m.sent_by.clone().into(),
                m.reply_to.clone().into(),
                i64::from(m.ack_required).into(),
            ],
        )?;
        Ok(())
    }

    pub fn dm(&self, id: &str) -> Result<Option<DirectMessage>> {
        Ok(self.rows::<DmRow>("SELECT * FROM messages WHERE id = ?", vec![id.into()])?.pop().map(DmRow::into_dm))
    }

    /// The newest messages (unread only, up to 1000; or all, up to 100),
    /// older than `before` when paging, in the order they came.
    pub fn inbox(&self, q: &InboxQuery) -> Result<Vec<DirectMessage>> {
        let cap = if q.unread { 1000 } else { 100 };
        let limit = q.limit.unwrap_or(cap).clamp(1, cap);
        Ok(self
            .rows::<DmRow>(
                &format!(
                    "SELECT * FROM (SELECT * FROM messages WHERE (?1 = 0 OR read = 0)
                       AND (?2 IS NULL OR seq < (SELECT seq FROM messages WHERE id = ?2))
                     ORDER BY seq DESC LIMIT {limit}) ORDER BY seq"
                ),
                vec![i64::from(q.unread).into(), q.before.clone().into()],
            )?
            .into_iter()
            .map(DmRow::into_dm)
            .collect())
    }

    /// Marks the listed messages read (and acknowledged, with `ack`) at
    /// `now`; returns each message as it was before, for those it changed.
    pub fn mark_read(&self, ids: &[String], ack: bool, now: Timestamp) -> Result<Vec<DirectMessage>> {
        let mut changed = Vec::new();
        for id in ids {
            let Some(dm) = self.dm(id)? else { continue };
            if dm.read && (!ack || dm.acked_at.is_some()) {
                continue;
            }
            self.exec(
                "UPDATE messages SET read = 1, read_at = coalesce(read_at, ?1),
                    acked_at = CASE WHEN ?2 THEN coalesce(acked_at, ?1) ELSE acked_at END WHERE id = ?3",
                vec![now.millis().into(), i64::from(ack).into(), id.as_str().into()],
            )?;
            changed.push(dm);
        }
        Ok(changed)
    }

    /// Marks the listed messages delivered at `now`; returns those that were not.
    pub fn mark_delivered(&self, ids: &[&str], now: Timestamp) -> Result<Vec<DirectMessage>> {
        let mut changed = Vec::new();
        for id in ids {
            let Some(dm) = self.dm(id)? else { continue };
            if dm.delivered_at.is_none() {
                self.exec(
                    "UPDATE messages SET delivered_at = ? WHERE id = ?",
                    vec![now.millis().into(), (*id).into()],
                )?;
                changed.push(dm);
            }
        }
        Ok(changed)
    }

    // Memory.

    pub fn save_memory(&self, m: &Memory) -> Result<()> {
        self.exec(
            "INSERT INTO memory (id, category, content, tags, created_at) VALUES (?, ?, ?, ?, ?)",
            vec![
                m.id.as_str().into(),
                m.category.as_str().into(),
                m.content.as_str().into(),
                json(&m.tags)?,
                m.created_at.millis().into(),
            ],
        )?;
        Ok(())
    }

    /// Newest first; `query` matches content or tags, case-insensitively;
    /// older than `before` when paging.
    pub fn memories(&self, q: &MemoryQuery, limit: u32) -> Result<Vec<Memory>> {
        let category = q.category.map(|c| c.as_str().to_owned());
        let pattern = q.query.as_ref().filter(|s| !s.is_empty()).map(|s| {
            let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            format!("%{escaped}%")
        });
        // The category and the pattern are in the statement only when asked
        // for (see `crate::sql`: either, bound, would re-prepare it each time).
        let by_category = if category.is_some() { "category = ?1" } else { "?1 IS NULL" };
        let by_text =
            if pattern.is_some() { "(content LIKE ?2 ESCAPE '\\' OR tags LIKE ?2 ESCAPE '\\')" } else { "?2 IS NULL" };
        Ok(self
            .rows::<MemoryRow>(
                &format!(
                    "SELECT * FROM memory WHERE {by_category} AND {by_text}
                       AND (?3 IS NULL OR seq < (SELECT seq FROM memory WHERE id = ?3))
                     ORDER BY seq DESC LIMIT {limit}"
                ),
                vec![category.into(), pattern.into(), q.before.clone().into()],
            )?
            .into_iter()
            .map(MemoryRow::into_memory)
            .collect())
    }

    // Traces.

    pub fn start_trace(&self, session_id: &str, task: &str, now: Timestamp) -> Result<bool> {
        Ok(self.exec(
            "INSERT OR IGNORE INTO work_traces (session_id, task, started_at) VALUES (?, ?, ?)",
            vec![session_id.into(), task.into(), now.millis().into()],
        )? > 0)
    }

    pub fn trace(&self, session_id: &str) -> Result<Option<TraceRow>> {
        Ok(self
            .rows::<TraceRow>(
                "SELECT session_id, task, started_at, completed_at, summary FROM work_traces WHERE session_id = ?",
                vec![session_id.into()],
            )?
            .pop())
    }

    /// The last `n` traces, newest first.
    pub fn traces(&self, n: u32) -> Result<Vec<TraceRow>> {
        self.rows(&format!("SELECT session_id, task, started_at, completed_at, summary FROM work_traces ORDER BY started_at DESC LIMIT {n}"), vec![])
    }

    pub fn complete_trace(&self, session_id: &str, summary: &TraceSummary, now: Timestamp) -> Result<()> {
        self.exec(
            "UPDATE work_traces SET completed_at = ?, summary = ? WHERE session_id = ?",
            vec![now.millis().into(), json(summary)?, session_id.into()],
        )?;
        Ok(())
    }

    /// Traces completed at or after `since` (the day's credit allowance).
    pub fn traces_completed_since(&self, since: Timestamp) -> Result<usize> {
        let n =
            self.count("SELECT COUNT(*) AS n FROM work_traces WHERE completed_at >= ?", vec![since.millis().into()])?;
        Ok(n as usize)
    }

    pub fn save_step(&self, s: &Step) -> Result<()> {
        self.exec(
            "INSERT INTO work_steps (session_id, body, timestamp) VALUES (?, ?, ?)",
            vec![s.session_id.as_str().into(), json(s)?, s.timestamp.millis().into()],
        )?;
        Ok(())
    }

    pub fn steps(&self, session_id: &str) -> Result<Vec<Step>> {
        Ok(parse(self.rows("SELECT body FROM work_steps WHERE session_id = ? ORDER BY seq", vec![session_id.into()])?))
    }

    /// Steps of traces not yet completed, newest first.
    pub fn open_steps(&self, limit: u32) -> Result<Vec<Step>> {
        Ok(parse(self.rows(
            &format!(
                "SELECT s.body FROM work_steps s JOIN work_traces t ON t.session_id = s.session_id
                 WHERE t.completed_at IS NULL ORDER BY s.seq DESC LIMIT {limit}"
            ),
            vec![],
        )?))
    }

    // Escalations.

    pub fn save_escalation(&self, e: &Escalation, kind: TriggerType, opened_at_step: usize) -> Result<()> {
        self.exec(
            "INSERT INTO escalations (id, session_id, kind, opened_at_step, resolved, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET resolved = ?5, body = ?6",
            vec![
                e.id.as_str().into(),
                e.session_id.as_str().into(),
                kind.as_str().into(),
                (opened_at_step as i64).into(),
                i64::from(e.resolved_at.is_some()).into(),
                json(e)?,
            ],
        )?;
        Ok(())
    }

    pub fn escalations(&self, session_id: &str) -> Result<Vec<Escalation>> {
        Ok(parse(
            self.rows("SELECT body FROM escalations WHERE session_id = ? ORDER BY rowid", vec![session_id.into()])?,
        ))
    }

    pub fn escalation(&self, id: &str) -> Result<Option<Escalation>> {
        Ok(parse(self.rows("SELECT body FROM escalations WHERE id = ?", vec![id.into()])?).pop())
    }

    /// Unresolved escalations of a trace, as the escalation rule sees them.
    pub fn open_escalations(&self, session_id: &str) -> Result<Vec<(OpenEscalation, Escalation)>> {
        #[derive(Deserialize)]
        struct Row {
            kind: String,
            opened_at_step: f64,
            body: String,
        }
        Ok(self
            .rows::<Row>(
                "SELECT kind, opened_at_step, body FROM escalations WHERE session_id = ? AND resolved = 0",
                vec![session_id.into()],
            )?
            .into_iter()
            .filter_map(|r| {
                let e: Escalation = serde_json::from_str(&r.body).ok()?;
                let kind = TriggerType::parse(&r.kind)?;
                Some((
                    OpenEscalation {
                        id: e.id.clone(),
                        kind,
                        level: e.highest_level,
                        opened_at_step: r.opened_at_step as usize,
                    },
                    e,
                ))
            })
            .collect())
    }

    pub fn open_escalation_count(&self) -> Result<u32> {
        self.count("SELECT COUNT(*) AS n FROM escalations WHERE resolved = 0", vec![])
    }

    /// The `n` of a `SELECT COUNT(*) AS n ...`.
    pub(super) fn count(&self, q: &str, args: Vec<SqlStorageValue>) -> Result<u32> {
        #[derive(Deserialize)]
        struct Row {
            n: f64,
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a row count
        Ok(self.rows::<Row>(q, args)?.pop().map_or(0, |r| r.n as u32))
    }
}
