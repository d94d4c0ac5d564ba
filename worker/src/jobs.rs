//! The scheduler every object shares: a `jobs` table and the object's one
//! alarm (the rules are `hub_domain::schedule`).
//!
//! Work that must happen later, or must survive a crash between the answer
//! and its doing (a report to another object, a notice, a task to return),
//! is a row here, written in the same synchronous run as the change that
//! calls for it, so both commit together. The object's `alarm()` runs what
//! is due; nothing else wakes an object after a restart. A job may run
//! twice, so each kind is idempotent where it lands.

use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;

use hub_protocol::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use worker::{SqlStorage, State, Storage};

use crate::api_error::ApiError;
use crate::sql::Millis;

/// The migration that gives an object its jobs table.
pub const TABLE: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        due INTEGER NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
    )",
    "CREATE INDEX IF NOT EXISTS jobs_due ON jobs(due)",
];

/// A send under way: what a batch's sender returns.
pub type Sending = std::pin::Pin<Box<dyn Future<Output = worker::Result<()>>>>;

/// A sender that posts the items of a batch of reports to `team`'s
/// coordinator at `path`, as one call (`items` reads one job's items).
pub fn to_coordinator<J: 'static, T: Serialize + Clone + 'static>(
    env: worker::Env,
    team: String,
    path: &'static str,
    items: fn(&J) -> &[T],
) -> impl Fn(&[Stored<J>]) -> Sending {
    move |reports| {
        let batch: Vec<T> = reports.iter().flat_map(|r| items(&r.job).iter().cloned()).collect();
        let (env, team) = (env.clone(), team.clone());
        Box::pin(async move { crate::objects::post_to_coordinator(&env, &team, path, &batch).await })
    }
}

/// Reads a job as events for an agent's log: to whom, and what.
pub type TellsOf<J> = fn(&J) -> Option<(&hub_protocol::AgentId, &[hub_protocol::Told])>;

/// A sender that posts each job's events to its agent's object
/// (`POST /agent/{id}/events`), all at once; `tells` reads one job.
pub fn to_agents<J: 'static>(env: worker::Env, team: String, tells: TellsOf<J>) -> impl Fn(&[Stored<J>]) -> Sending {
    move |jobs| {
        let calls: Vec<(hub_protocol::AgentId, Vec<hub_protocol::Told>)> =
            jobs.iter().filter_map(|j| tells(&j.job)).map(|(to, told)| (to.clone(), told.to_vec())).collect();
        let (env, team) = (env.clone(), team.clone());
        Box::pin(async move {
            let sends = calls
                .iter()
                .map(|(to, told)| crate::objects::post_agent::<hub_protocol::Ack, _>(&env, &team, to, "/events", told));
            for result in futures_util::future::join_all(sends).await {
                result?;
            }
            Ok(())
        })
    }
}

/// One object's kinds of job, stored as JSON.
pub trait Job: Serialize + DeserializeOwned {
    /// The kind's name, kept in its own column to find a kind's jobs.
    fn kind(&self) -> &'static str;
}

/// A stored job, with its row id and how often it has failed.
pub struct Stored<J> {
    pub id: i64,
    pub attempts: u32,
    pub job: J,
}

/// An object's jobs and what it knows of its alarm. Cheap to clone: a
/// background sender holds one.
pub struct Jobs<J> {
    sql: SqlStorage,
    /// The alarm as last set by this instance: `None` not known yet,
    /// `Some(None)` none pending.
    armed: Rc<Cell<Option<Option<Timestamp>>>>,
    /// The soonest due written since the alarm was last set: with `armed`,
    /// tells [`Self::arm`] without a read whether it must ring sooner.
    added: Rc<Cell<Option<Timestamp>>>,
    /// Whether a background run of fresh jobs is under way.
    sending: Rc<Cell<bool>>,
    kind: PhantomData<J>,
}

impl<J> Clone for Jobs<J> {
    fn clone(&self) -> Self {
        Self {
            sql: self.sql.clone(),
            armed: self.armed.clone(),
            added: self.added.clone(),
            sending: self.sending.clone(),
            kind: PhantomData,
        }
    }
}

#[derive(Deserialize)]
struct Row {
    id: i64,
    attempts: u32,
    body: String,
}

impl<J: Job> Jobs<J> {
    pub fn new(sql: SqlStorage) -> Self {
        Self { sql, armed: Rc::default(), added: Rc::default(), sending: Rc::default(), kind: PhantomData }
    }

    /// A job falls due at `due` (see `added`).
    fn note(&self, due: Timestamp) {
        self.added.set(Some(self.added.get().map_or(due, |d| d.min(due))));
    }

    /// Stores `job`, to run at `due` (or sooner, by a sender).
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn add(&self, job: &J, due: Timestamp) -> Result<(), ApiError> {
        let body = serde_json::to_string(job).map_err(|e| ApiError::Internal(format!("job: {e}")))?;
        self.sql.exec(
            "INSERT INTO jobs (due, kind, body) VALUES (?, ?, ?)",
            Some(vec![due.millis().into(), job.kind().into(), body.into()]),
        )?;
        self.note(due);
        Ok(())
    }

    /// Keeps one job of `job`'s kind, due no later than `due`: moved sooner
    /// if there is one, added if not (a sweep that looks at everything).
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn at_most(&self, job: &J, due: Timestamp) -> Result<(), ApiError> {
        let moved = self.sql.exec(
            "UPDATE jobs SET due = MIN(due, ?) WHERE kind = ?",
            Some(vec![due.millis().into(), job.kind().into()]),
        )?;
        if moved.rows_written() == 0
            && self.read("SELECT id, attempts, body FROM jobs WHERE kind = ?", vec![job.kind().into()])?.is_empty()
        {
            self.add(job, due)?;
        }
        self.note(due);
        Ok(())
    }

    /// Runs job `id` again at `due`, its `attempts` counted (a kind with a
    /// schedule of its own: webhook deliveries).
    ///
    /// # Errors
    /// When the row cannot be written.
    pub fn retry(&self, id: i64, attempts: u32, due: Timestamp) -> Result<(), ApiError> {
        self.sql.exec(
            "UPDATE jobs SET attempts = ?, due = ? WHERE id = ?",
            Some(vec![i64::from(attempts).into(), due.millis().into(), id.into()]),
        )?;
        self.note(due);
        Ok(())
    }

    /// The jobs due by `now`, in the order they fell due.
    ///
    /// # Errors
    /// When the table cannot be read.
    pub fn due(&self, now: Timestamp) -> Result<Vec<Stored<J>>, ApiError> {
        self.read("SELECT id, attempts, body FROM jobs WHERE due <= ? ORDER BY due, id", vec![now.millis().into()])
    }

    /// The jobs of `kind` never tried yet, whatever their due time: what a
    /// sender started right after an answer takes (failed ones wait for the
    /// alarm, so a failing receiver is not hammered).
    ///
    /// # Errors
    /// When the table cannot be read.
    pub fn fresh(&self, kind: &str) -> Result<Vec<Stored<J>>, ApiError> {
        self.read("SELECT id, attempts, body FROM jobs WHERE kind = ? AND attempts = 0 ORDER BY id", vec![kind.into()])
    }

    fn read(&self, query: &str, args: Vec<worker::SqlStorageValue>) -> Result<Vec<Stored<J>>, ApiError> {
        let rows: Vec<Row> = crate::sql::rows(&self.sql, query, args)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match serde_json::from_str(&r.body) {
                Ok(job) => Some(Stored { id: r.id, attempts: r.attempts, job }),
                Err(e) => {
                    // A job this build cannot read never will be: drop it.
                    worker::console_error!("dropping unreadable job {}: {e}", r.id);
                    let _ = self.sql.exec("DELETE FROM jobs WHERE id = ?", Some(vec![r.id.into()]));
                    None
                }
            })
            .collect())
    }

    /// The jobs `ids` are done.
    pub fn done(&self, ids: impl IntoIterator<Item = i64>) {
        for id in ids {
            if let Err(e) = self.sql.exec("DELETE FROM jobs WHERE id = ?", Some(vec![id.into()])) {
                worker::console_error!("job {id} done but not deleted (it will run again): {e}");
            }
        }
    }

    /// `job` failed: it runs again later, or is dropped after too many tries.
    pub fn failed(&self, job: &Stored<J>, why: &str, now: Timestamp) {
        let attempts = job.attempts + 1;
        let result = match hub_domain::retry_at(attempts, now) {
            Some(at) => {
                worker::console_error!("job {} ({}) failed, try {attempts}: {why}", job.id, job.job.kind());
                self.note(at);
                self.sql.exec(
                    "UPDATE jobs SET attempts = ?, due = ? WHERE id = ?",
                    Some(vec![i64::from(attempts).into(), at.millis().into(), job.id.into()]),
                )
            }
            None => {
                worker::console_error!("job {} ({}) dropped after {attempts} tries: {why}", job.id, job.job.kind());
                self.sql.exec("DELETE FROM jobs WHERE id = ?", Some(vec![job.id.into()]))
            }
        };
        if let Err(e) = result {
            worker::console_error!("job {}: {e}", job.id);
        }
    }

    /// When the soonest job falls due.
    fn soonest(&self) -> Option<Timestamp> {
        #[derive(Deserialize)]
        struct Soonest {
            at: Option<Millis>,
        }
        let rows: Vec<Soonest> = crate::sql::rows(&self.sql, "SELECT MIN(due) AS at FROM jobs", vec![]).ok()?;
        rows.into_iter().next()?.at.map(|m| m.0)
    }

    /// The alarm rang: whatever it was set to is spent, and what is still
    /// stored is not known without a read.
    pub fn rang(&self) {
        self.armed.set(None);
    }

    /// Runs `batch` with `send` (all together: a batch of reports is one
    /// call); marks its jobs done, or failed. Whether it went.
    pub async fn deliver<F, Fut>(&self, batch: Vec<Stored<J>>, send: &F) -> bool
    where
        F: Fn(&[Stored<J>]) -> Fut,
        Fut: Future<Output = worker::Result<()>>,
    {
        match send(&batch).await {
            Ok(()) => {
                self.done(batch.iter().map(|j| j.id));
                true
            }
            Err(e) => {
                let (why, now) = (e.to_string(), crate::clock::now());
                for job in &batch {
                    self.failed(job, &why, now);
                }
                false
            }
        }
    }

    /// Runs the jobs of `kind` not tried yet with `send`, in the background
    /// after the answer, unless a run is under way (it takes them on its
    /// next round): what a burst adds while one batch is out goes in the
    /// next. A failed batch is left to the alarm.
    pub fn send_fresh<F, Fut>(&self, state: &State, kind: &'static str, send: F)
    where
        J: 'static,
        F: Fn(&[Stored<J>]) -> Fut + 'static,
        Fut: Future<Output = worker::Result<()>> + 'static,
    {
        self.sending_in_background(state, kind, send, None);
    }

    /// [`Self::send_fresh`], then the alarm set for what is left (a failed
    /// send): for objects whose alarm serves jobs alone.
    pub fn send_fresh_then_arm<F, Fut>(&self, state: &State, kind: &'static str, send: F)
    where
        J: 'static,
        F: Fn(&[Stored<J>]) -> Fut + 'static,
        Fut: Future<Output = worker::Result<()>> + 'static,
    {
        self.sending_in_background(state, kind, send, Some(state.storage()));
    }

    fn sending_in_background<F, Fut>(&self, state: &State, kind: &'static str, send: F, arm: Option<Storage>)
    where
        J: 'static,
        F: Fn(&[Stored<J>]) -> Fut + 'static,
        Fut: Future<Output = worker::Result<()>> + 'static,
    {
        if self.sending.replace(true) {
            return;
        }
        let jobs = self.clone();
        state.wait_until(async move {
            loop {
                let batch = match jobs.fresh(kind) {
                    Ok(batch) if !batch.is_empty() => batch,
                    _ => break,
                };
                if !jobs.deliver(batch, &send).await {
                    break;
                }
            }
            jobs.sending.set(false);
            if let Some(storage) = arm {
                jobs.arm(&storage, None, crate::clock::now()).await;
            }
        });
    }

    /// Sets the alarm for the soonest job or `deadline` (a lock shard's
    /// soonest expiry), unless it is already set to ring no later.
    pub async fn arm(&self, storage: &Storage, deadline: Option<Timestamp>, now: Timestamp) {
        // Known alarm, and nothing written since that must ring sooner: no
        // read (a burst of changes, each adding a job, reads once).
        let added = self.added.take();
        if let Some(armed) = self.armed.get() {
            let sooner = match (added, deadline) {
                (Some(a), Some(d)) => Some(a.min(d)),
                (a, d) => a.or(d),
            };
            if hub_domain::armed_serves(armed, sooner, now) {
                return;
            }
        }
        let wanted = hub_domain::alarm_at(self.soonest(), deadline, now);
        if hub_domain::armed_serves(self.armed.get().flatten(), wanted, now) && self.armed.get().is_some() {
            return;
        }
        let Some(at) = wanted else {
            self.armed.set(Some(None));
            return;
        };
        let date = worker::js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.millis() as f64));
        match storage.set_alarm(worker::ScheduledTime::new(date)).await {
            Ok(()) => self.armed.set(Some(Some(at))),
            Err(e) => {
                self.armed.set(None);
                worker::console_error!("could not set the alarm: {e}");
            }
        }
    }
}
