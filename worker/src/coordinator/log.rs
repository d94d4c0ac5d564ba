//! The team's event log: every logged event (`Event::is_logged`: chat,
//! tasks, handoffs, locks, escalations) gets the next `seq` and is kept as
//! the text the sockets received, so a client reconnecting with
//! `?since=<seq>` gets what it missed, in order, before live events.
//!
//! Bounded: the newest [`LOG_KEPT`] events, none older than [`LOG_DAYS`].
//! A client asking from before that is told to re-read state.

use std::cell::Cell;

use hub_protocol::{Envelope, ErrorBody, Event, EventLog, Timestamp};
use serde::Deserialize;

use super::{AgentCoordinator, Result};
use crate::sql::Millis;

/// Events the team's log keeps at most.
pub const LOG_KEPT: u64 = 10_000;

/// Days the team's log keeps an event at most.
pub const LOG_DAYS: i64 = 7;

/// Events between two prunings of the log.
const PRUNE_EVERY: u64 = 256;

/// The next `seq` to hand out, once read (`None`: not read yet).
#[derive(Default)]
pub struct NextSeq(Cell<Option<u64>>);

#[derive(Deserialize)]
struct Row {
    body: String,
}

impl AgentCoordinator {
    /// `event` as sent: logged with the next `seq` when it is a logged kind.
    /// Part of the caller's synchronous run, so the log commits with the
    /// change it records. A failed log write still sends the event, without
    /// a place (and says so in the log).
    pub(super) fn enter(&self, event: Event, now: Timestamp) -> (Envelope, Option<String>) {
        if !event.is_logged() {
            return (Envelope::new(event, now), None);
        }
        match self.next_seq() {
            Ok(seq) => {
                let envelope = Envelope::logged(event, now, EventLog::Team, seq);
                let Ok(text) = serde_json::to_string(&envelope) else { return (envelope, None) };
                match self.store.exec(
                    "INSERT INTO events (seq, at, body) VALUES (?, ?, ?)",
                    Some(vec![i64_of(seq).into(), now.millis().into(), text.as_str().into()]),
                ) {
                    Ok(_) => {
                        self.log_seq.0.set(Some(seq + 1));
                        if seq % PRUNE_EVERY == 0 {
                            self.prune_log(seq, now);
                        }
                        (envelope, Some(text))
                    }
                    Err(e) => {
                        worker::console_error!("event not logged: {e}");
                        self.log_seq.0.set(None);
                        (Envelope { seq: None, log: None, ..envelope }, None)
                    }
                }
            }
            Err(e) => {
                worker::console_error!("event log unreadable: {e:?}");
                (Envelope::new(event, now), None)
            }
        }
    }

    fn next_seq(&self) -> Result<u64> {
        if let Some(next) = self.log_seq.0.get() {
            return Ok(next);
        }
        #[derive(Deserialize)]
        struct Last {
            seq: Option<u64>,
        }
        let last = self.store.rows::<Last>("SELECT MAX(seq) AS seq FROM events", vec![])?;
        let next = last.into_iter().next().and_then(|l| l.seq).map_or(1, |s| s + 1);
        self.log_seq.0.set(Some(next));
        Ok(next)
    }

    fn prune_log(&self, seq: u64, now: Timestamp) {
        let oldest = now.plus_millis(-LOG_DAYS * 24 * 3600 * 1000);
        let result = self.store.exec(
            "DELETE FROM events WHERE seq <= ? OR at < ?",
            Some(vec![i64_of(seq.saturating_sub(LOG_KEPT)).into(), oldest.millis().into()]),
        );
        if let Err(e) = result {
            worker::console_error!("event log not pruned: {e}");
        }
    }

    /// What a socket resuming after `since` missed, as the texts sent then,
    /// oldest first; led by an error event when some of it is no longer
    /// kept (the client re-reads state, then goes on from the events here).
    pub(super) fn replay(&self, since: u64, now: Timestamp) -> Result<Vec<String>> {
        #[derive(Deserialize)]
        struct First {
            seq: Option<u64>,
            at: Option<Millis>,
        }
        let first = self.store.rows::<First>("SELECT MIN(seq) AS seq, MIN(at) AS at FROM events", vec![])?;
        let oldest = first.into_iter().next().and_then(|f| f.seq.zip(f.at));
        let mut out = Vec::new();
        let next = self.next_seq()?;
        let gone = match oldest {
            Some((seq, _)) => since + 1 < seq,
            None => since + 1 < next,
        };
        if gone {
            let body = ErrorBody::new(format!(
                "events after seq {since} are no longer all kept (the log keeps {LOG_KEPT} events, {LOG_DAYS} days): \
                 re-read the state you keep (tasks, locks, chat), then go on from the events that follow"
            ));
            out.push(serde_json::to_string(&Envelope::new(Event::Error(body), now))?);
        }
        let rows = self.store.rows::<Row>(
            &format!("SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT {LOG_KEPT}"),
            vec![i64_of(since).into()],
        )?;
        out.extend(rows.into_iter().map(|r| r.body));
        Ok(out)
    }
}

#[allow(clippy::cast_possible_wrap)] // seqs stay far below 2^63
fn i64_of(n: u64) -> i64 {
    n as i64
}
