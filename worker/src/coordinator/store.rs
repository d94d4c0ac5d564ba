//! The coordinator's storage seam: typed reads and writes over its SQLite
//! tables. Every function is synchronous, so a handler's writes with no
//! `.await` between them commit together.

use hub_protocol::{Agent, AgentId, AgentStatus, ChatMessage, LockInfo, LockUpdate, Task, Timestamp};
use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;
use worker::{SqlStorage, SqlStorageValue};

use super::rows::{json_list, AgentRow, MessageRow};
use crate::api_error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

pub struct Store {
    /// Private: every statement that may write goes through [`Store::exec`].
    sql: SqlStorage,
    writes: std::cell::Cell<u64>,
    /// Agents as last read or written (`None`: known absent). The
    /// coordinator is the table's only writer (see [`crate::memo`]).
    agents: RefCell<HashMap<String, Option<AgentRecord>>>,
    /// Whether `agents` holds every row of the table: true after a read of
    /// the whole table, kept so by every write through this store, false
    /// again once the copy starts over or a write fails. A team's roster
    /// (every socket's welcome, the hot start) then costs no read.
    complete: std::cell::Cell<bool>,
    /// The open tasks, as the hot-start bundle reads them; every task
    /// write drops them (pruning deletes done tasks only).
    pub(super) open_tasks: crate::memo::Memo<Vec<Task>>,
}

/// Agents kept in memory at most; past it the copy starts over.
const CACHED_AGENTS: usize = 4096;

/// The most agents a roster lists.
const ROSTER: usize = 1000;

pub use super::rows::AgentRecord;

impl Store {
    pub fn new(sql: SqlStorage) -> Self {
        Self {
            sql,
            writes: Default::default(),
            agents: RefCell::default(),
            complete: Default::default(),
            open_tasks: Default::default(),
        }
    }

    /// A statement that may write; counted, so that answers read before it
    /// are known stale (see [`crate::memo::Answers`]).
    pub(super) fn exec(&self, q: &str, args: Option<Vec<SqlStorageValue>>) -> worker::Result<worker::SqlCursor> {
        self.writes.set(self.writes.get() + 1);
        self.sql.exec(q, args)
    }

    /// How many statements that may write this instance has run.
    pub fn writes(&self) -> u64 {
        self.writes.get()
    }

    pub(super) fn rows<T: for<'de> Deserialize<'de>>(&self, query: &str, args: Vec<SqlStorageValue>) -> Result<Vec<T>> {
        crate::sql::rows(&self.sql, query, args)
    }

    // Agents -----------------------------------------------------------------

    pub fn agent(&self, id: &AgentId) -> Result<Option<AgentRecord>> {
        if let Some(known) = self.agents.borrow().get(id.as_str()) {
            return Ok(known.clone());
        }
        if self.complete.get() {
            return Ok(None);
        }
        let record = self
            .rows::<AgentRow>("SELECT * FROM agents WHERE agent_id = ?", vec![id.as_str().into()])?
            .pop()
            .map(AgentRow::into_record)
            .transpose()?;
        self.keep_agent(id, record.clone());
        Ok(record)
    }

    fn keep_agent(&self, id: &AgentId, record: Option<AgentRecord>) {
        let mut agents = self.agents.borrow_mut();
        if agents.len() >= CACHED_AGENTS {
            agents.clear();
            self.complete.set(false);
        }
        agents.insert(id.as_str().to_owned(), record);
    }

    /// After a write to `id`'s row: `change` the copy, or drop it if the
    /// write failed.
    fn written<T>(&self, id: &AgentId, result: worker::Result<T>, change: impl FnOnce(&mut AgentRecord)) -> Result<T> {
        let mut agents = self.agents.borrow_mut();
        match result {
            Ok(v) => {
                if let Some(Some(record)) = agents.get_mut(id.as_str()) {
                    change(record);
                }
                Ok(v)
            }
            Err(e) => {
                agents.remove(id.as_str());
                self.complete.set(false);
                Err(e.into())
            }
        }
    }

    /// All agents, most recently seen first (at most [`ROSTER`]).
    pub fn agents(&self) -> Result<Vec<Agent>> {
        if self.complete.get() {
            let mut all: Vec<Agent> = self.agents.borrow().values().flatten().map(|r| r.agent.clone()).collect();
            all.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then_with(|| a.agent_id.cmp(&b.agent_id)));
            all.truncate(ROSTER);
            return Ok(all);
        }
        let records = self
            .rows::<AgentRow>(
                &format!("SELECT * FROM agents ORDER BY last_seen DESC, agent_id LIMIT {ROSTER}"),
                vec![],
            )?
            .into_iter()
            .map(AgentRow::into_record)
            .collect::<Result<Vec<_>>>()?;
        // Fewer than the limit: that is the whole table, kept from now on
        // (unless keeping it starts the copy over).
        if records.len() < ROSTER {
            self.complete.set(true);
            for r in &records {
                self.keep_agent(&r.agent.agent_id, Some(r.clone()));
            }
        }
        Ok(records.into_iter().map(|r| r.agent).collect())
    }

    /// Inserts or replaces the agent; a new agent's chat cursor starts now,
    /// so it is not flooded with mentions from before it joined.
    pub fn save_agent(&self, a: &Agent) -> Result<()> {
        self.upsert_agent(a, false)
    }

    /// As [`Self::save_agent`], and the agent has read the chat up to its
    /// `last_seen` (one write where the hot-start bundle made two).
    pub fn save_agent_caught_up(&self, a: &Agent) -> Result<()> {
        self.upsert_agent(a, true)
    }

    fn upsert_agent(&self, a: &Agent, caught_up: bool) -> Result<()> {
        let cursor = if caught_up { ", chat_cursor = ?5" } else { "" };
        let result = self.exec(
            &format!(
                "INSERT INTO agents (agent_id, status, current_task, working_on, last_seen, capabilities, offers, needs, chat_cursor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5)
                 ON CONFLICT(agent_id) DO UPDATE SET status = ?2, current_task = ?3, working_on = ?4,
                   last_seen = ?5, capabilities = ?6, offers = ?7, needs = ?8{cursor}"
            ),
            Some(vec![
                a.agent_id.as_str().into(),
                a.status.as_str().into(),
                a.current_task.clone().into(),
                a.working_on.clone().into(),
                a.last_seen.millis().into(),
                json_list(&a.capabilities),
                json_list(&a.offers),
                json_list(&a.needs),
            ]),
        );
        // A new row's cursor is its `last_seen`; an old one's stays unless caught up.
        let known = self.agents.borrow().get(a.agent_id.as_str()).cloned();
        // With the whole table known, an agent not in it is new.
        let known = known.or_else(|| self.complete.get().then_some(None));
        let cursor = match known {
            _ if caught_up => Some(a.last_seen),
            Some(None) => Some(a.last_seen),
            Some(Some(old)) => Some(old.chat_cursor),
            None => None,
        };
        self.written(&a.agent_id, result, |_| ())?;
        match cursor {
            Some(chat_cursor) => self.keep_agent(&a.agent_id, Some(AgentRecord { agent: a.clone(), chat_cursor })),
            None => drop(self.agents.borrow_mut().remove(a.agent_id.as_str())),
        }
        Ok(())
    }

    pub fn set_status(&self, id: &AgentId, status: AgentStatus, now: Timestamp) -> Result<bool> {
        let result = self.exec(
            "UPDATE agents SET status = ?, last_seen = ? WHERE agent_id = ?",
            Some(vec![status.as_str().into(), now.millis().into(), id.as_str().into()]),
        );
        let cursor = self.written(id, result, |r| {
            r.agent.status = status;
            r.agent.last_seen = now;
        })?;
        Ok(cursor.rows_written() > 0)
    }

    pub fn set_chat_cursor(&self, id: &AgentId, at: Timestamp) -> Result<()> {
        let result = self.exec(
            "UPDATE agents SET chat_cursor = ? WHERE agent_id = ?",
            Some(vec![at.millis().into(), id.as_str().into()]),
        );
        self.written(id, result, |r| r.chat_cursor = at)?;
        Ok(())
    }

    // Chat -------------------------------------------------------------------

    pub fn save_message(&self, m: &ChatMessage) -> Result<()> {
        self.exec(
            "INSERT INTO messages (id, author, author_type, message, timestamp, posted_by) VALUES (?, ?, ?, ?, ?, ?)",
            Some(vec![
                m.id.as_str().into(),
                m.author.as_str().into(),
                m.author_type.as_str().into(),
                m.message.as_str().into(),
                m.timestamp.millis().into(),
                m.posted_by.clone().into(),
            ]),
        )?;
        Ok(())
    }

    /// The newest `limit` messages after `since`, in chronological order.
    pub fn messages(&self, limit: u32, since: Option<Timestamp>) -> Result<Vec<ChatMessage>> {
        self.messages_before(limit, since, None)
    }

    /// As [`Self::messages`], older than the message `before` (a page back;
    /// nothing when that message is gone).
    pub fn messages_before(
        &self,
        limit: u32,
        since: Option<Timestamp>,
        before: Option<&str>,
    ) -> Result<Vec<ChatMessage>> {
        let since = since.map_or(-1, Timestamp::millis);
        let mut out: Vec<ChatMessage> = self
            .rows::<MessageRow>(
                &format!(
                    "SELECT * FROM messages WHERE timestamp > ?1
                       AND (?2 IS NULL OR seq < (SELECT seq FROM messages WHERE id = ?2))
                     ORDER BY timestamp DESC, seq DESC LIMIT {limit}"
                ),
                vec![since.into(), before.map(str::to_owned).into()],
            )?
            .into_iter()
            .map(MessageRow::into_message)
            .collect();
        out.reverse();
        Ok(out)
    }

    /// Messages after `since` that could mention anyone (they contain an
    /// `@`), oldest first: what the mention rule needs to see, without
    /// reading every message of a busy team's chat.
    pub fn mention_candidates(&self, since: Option<Timestamp>) -> Result<Vec<ChatMessage>> {
        let since = since.map_or(-1, Timestamp::millis);
        let mut out: Vec<ChatMessage> = self
            .rows::<MessageRow>(
                &format!(
                    "SELECT * FROM messages WHERE timestamp > ? AND instr(message, '@') > 0
                     ORDER BY timestamp DESC, seq DESC LIMIT {}",
                    hub_protocol::ChatQuery::MAX_LIMIT
                ),
                vec![since.into()],
            )?
            .into_iter()
            .map(MessageRow::into_message)
            .collect();
        out.reverse();
        Ok(out)
    }

    // Lock index -------------------------------------------------------------

    /// Applies a lock object's update unless a newer one was applied already.
    /// Returns whether it was applied.
    pub fn apply_lock_update(&self, u: &LockUpdate) -> Result<bool> {
        let lock = u.lock.as_ref().map(serde_json::to_string).transpose()?;
        let expires = u.lock.as_ref().map(|l| l.expires_at.millis());
        let cursor = self.exec(
            "INSERT INTO locks (resource_path, lock, expires_at, version) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(resource_path) DO UPDATE SET lock = ?2, expires_at = ?3, version = ?4
             WHERE ?4 > locks.version",
            Some(vec![u.resource_path.as_str().into(), lock.into(), expires.into(), (u.version as i64).into()]),
        )?;
        Ok(cursor.rows_written() > 0)
    }

    /// Locks held now, soonest to expire first. An expired lock whose object
    /// has not reported yet is left out, so none is ever shown as held.
    pub fn held_locks(&self, now: Timestamp) -> Result<Vec<LockInfo>> {
        #[derive(Deserialize)]
        struct Row {
            lock: String,
        }
        Ok(self
            .rows::<Row>(
                "SELECT lock FROM locks WHERE lock IS NOT NULL AND expires_at > ? ORDER BY expires_at LIMIT 1000",
                vec![now.millis().into()],
            )?
            .into_iter()
            .filter_map(|r| serde_json::from_str::<LockInfo>(&r.lock).ok())
            .map(|mut l| {
                l.remaining_ms = l.expires_at.since(now).max(0);
                l
            })
            .collect())
    }
}
