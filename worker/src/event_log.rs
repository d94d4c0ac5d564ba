//! An object's event log: every logged event gets the next `seq` and is kept
//! as the text its sockets received, so a client reconnecting with
//! `?since=<seq>` gets what it missed, in order, before live events. The
//! coordinator keeps the team's (`events`), each agent object its own
//! (DMs, mentions, locks handed over, handoffs, receipts).
//!
//! Bounded: the newest `kept` events, none older than `days`. A client
//! asking from before that is told to re-read state.

use std::cell::Cell;

use hub_protocol::{Envelope, ErrorBody, EventLog, Timestamp};
use serde::{Deserialize, Serialize};
use worker::SqlStorage;

use crate::api_error::ApiError;
use crate::sql::Millis;

/// The table every log lives in (one per object's database).
pub const TABLE: &[&str] = &["CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)"];

/// Events between two prunings.
const PRUNE_EVERY: u64 = 256;

pub struct Log {
    sql: SqlStorage,
    name: EventLog,
    kept: u64,
    days: i64,
    /// The next `seq` to hand out, once read.
    next: Cell<Option<u64>>,
}

/// A logged event as stored: its `seq` and the text sent.
#[derive(Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub body: String,
}

impl Log {
    pub fn new(sql: SqlStorage, name: EventLog, kept: u64, days: i64) -> Self {
        Self { sql, name, kept, days, next: Cell::default() }
    }

    /// `event` with the next `seq`, written with the caller's synchronous run
    /// (so the log commits with the change it records), and its text. A
    /// failed write still gives the event, without a place.
    pub fn enter<E: Serialize>(&self, event: E, now: Timestamp) -> (Envelope<E>, Option<String>) {
        let seq = match self.next_seq() {
            Ok(seq) => seq,
            Err(e) => {
                worker::console_error!("event log unreadable: {e:?}");
                return (Envelope::new(event, now), None);
            }
        };
        let envelope = Envelope::logged(event, now, self.name, seq);
        let Ok(text) = serde_json::to_string(&envelope) else { return (envelope, None) };
        let written = self.sql.exec(
            "INSERT INTO events (seq, at, body) VALUES (?, ?, ?)",
            Some(vec![i64_of(seq).into(), now.millis().into(), text.as_str().into()]),
        );
        match written {
            Ok(_) => {
                self.next.set(Some(seq + 1));
                if seq % PRUNE_EVERY == 0 {
                    self.prune(seq, now);
                }
                (envelope, Some(text))
            }
            Err(e) => {
                worker::console_error!("event not logged: {e}");
                self.next.set(None);
                (Envelope { seq: None, log: None, ..envelope }, None)
            }
        }
    }

    /// The `seq` of the newest event (0: none yet).
    ///
    /// # Errors
    /// When the log cannot be read.
    pub fn last(&self) -> Result<u64, ApiError> {
        Ok(self.next_seq()? - 1)
    }

    fn next_seq(&self) -> Result<u64, ApiError> {
        if let Some(next) = self.next.get() {
            return Ok(next);
        }
        #[derive(Deserialize)]
        struct Last {
            seq: Option<u64>,
        }
        let last: Vec<Last> = crate::sql::rows(&self.sql, "SELECT MAX(seq) AS seq FROM events", vec![])?;
        let next = last.into_iter().next().and_then(|l| l.seq).map_or(1, |s| s + 1);
        self.next.set(Some(next));
        Ok(next)
    }

    fn prune(&self, seq: u64, now: Timestamp) {
        let oldest = now.plus_millis(-self.days * 24 * 3600 * 1000);
        let result = self.sql.exec(
            "DELETE FROM events WHERE seq <= ? OR at < ?",
            Some(vec![i64_of(seq.saturating_sub(self.kept)).into(), oldest.millis().into()]),
        );
        if let Err(e) = result {
            worker::console_error!("event log not pruned: {e}");
        }
    }

    /// The events after `since`, oldest first, at most `limit`.
    ///
    /// # Errors
    /// When the log cannot be read.
    pub fn after(&self, since: u64, limit: u64) -> Result<Vec<Entry>, ApiError> {
        crate::sql::rows(
            &self.sql,
            &format!("SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT {limit}"),
            vec![i64_of(since).into()],
        )
    }

    /// What a socket resuming after `since` missed, as the texts sent then,
    /// oldest first; led by an error event (made by `error`) when some of it
    /// is no longer kept (the client re-reads state, then goes on).
    ///
    /// # Errors
    /// When the log cannot be read.
    pub fn replay(&self, since: u64, error: impl FnOnce(ErrorBody) -> String) -> Result<Vec<String>, ApiError> {
        #[derive(Deserialize)]
        struct First {
            seq: Option<u64>,
            at: Option<Millis>,
        }
        let first: Vec<First> =
            crate::sql::rows(&self.sql, "SELECT MIN(seq) AS seq, MIN(at) AS at FROM events", vec![])?;
        let oldest = first.into_iter().next().and_then(|f| f.seq.zip(f.at));
        let next = self.next_seq()?;
        let gone = match oldest {
            Some((seq, _)) => since + 1 < seq,
            None => since + 1 < next,
        };
        let mut out = Vec::new();
        if gone {
            out.push(error(ErrorBody::new(format!(
                "events after seq {since} are no longer all kept (this log keeps {} events, {} days): \
                 re-read the state you keep, then go on from the events that follow",
                self.kept, self.days
            ))));
        }
        out.extend(self.after(since, self.kept)?.into_iter().map(|e| e.body));
        Ok(out)
    }
}

#[allow(clippy::cast_possible_wrap)] // seqs stay far below 2^63
fn i64_of(n: u64) -> i64 {
    n as i64
}
