//! The agent's own event log and what reaches it through it: DMs, and what
//! other objects tell it (mentions, locks handed over, handoffs, receipts
//! of DMs it sent). Two marks (decisions §3): a DM is *delivered* when it
//! is pushed to a live socket or stream, or handed to the model; the log is
//! *shown* up to the last item handed to the model (a hook answer, a tool
//! result), so each item reaches the model once, whatever sockets saw.

use hub_domain::{excerpt, news_fits, news_line};
use hub_protocol::{
    AgentEvent, AgentId, DirectMessage, DmReceipt, Envelope, ExpiringLock, NewsItem, NewsResponse, ReceiptState,
    SentDm, SentQuery, SentResponse, TakeNews, Timestamp, Told,
};
use serde::Deserialize;

use super::jobs::AgentJob;
use super::store::Store;
use super::{AgentState, Outcome, Result};
use crate::sql::Millis;

/// Events the agent's log keeps at most.
pub const LOG_KEPT: u64 = 1_000;

/// Days the agent's log keeps an event at most.
pub const LOG_DAYS: i64 = 7;

/// Log entries one news answer looks at.
const NEWS_SCAN: u64 = 200;

#[derive(Deserialize)]
struct Marks {
    shown: u64,
    seen_at: Option<Millis>,
    warned: String,
}

#[derive(Deserialize)]
struct SentRow {
    id: String,
    to_agent: String,
    excerpt: String,
    sent_at: Millis,
    delivered_at: Option<Millis>,
    read_at: Option<Millis>,
    acked_at: Option<Millis>,
    not_delivered_at: Option<Millis>,
}

impl Store {
    fn marks(&self) -> Result<Marks> {
        self.rows::<Marks>("SELECT shown, seen_at, warned FROM marks WHERE id = 1", vec![])?
            .pop()
            .ok_or_else(|| crate::api_error::ApiError::internal("marks row missing"))
    }

    /// When the agent last had a live session or took news.
    pub fn seen_at(&self) -> Result<Option<Timestamp>> {
        Ok(self.marks()?.seen_at.map(|m| m.0))
    }

    pub fn set_seen(&self, now: Timestamp) -> Result<()> {
        self.exec("UPDATE marks SET seen_at = ? WHERE id = 1", vec![now.millis().into()])?;
        Ok(())
    }

    /// Whether `key` is new (and now recorded).
    fn first_time(&self, key: &str, now: Timestamp) -> Result<bool> {
        let written =
            self.exec("INSERT OR IGNORE INTO told (key, at) VALUES (?, ?)", vec![key.into(), now.millis().into()])?;
        Ok(written > 0)
    }

    fn keep_receipt(&self, r: &DmReceipt) -> Result<()> {
        let column = match r.state {
            ReceiptState::Sent => None,
            ReceiptState::Delivered => Some("delivered_at"),
            ReceiptState::Read => Some("read_at"),
            ReceiptState::Acknowledged => Some("acked_at"),
            ReceiptState::NotDelivered => Some("not_delivered_at"),
        };
        if !r.ack_required {
            return Ok(());
        }
        self.exec(
            "INSERT OR IGNORE INTO sent (id, to_agent, excerpt, sent_at) VALUES (?, ?, ?, ?)",
            vec![
                r.message_id.as_str().into(),
                r.to.as_str().into(),
                r.excerpt.as_str().into(),
                r.sent_at.millis().into(),
            ],
        )?;
        if let Some(column) = column {
            self.exec(
                &format!("UPDATE sent SET {column} = coalesce({column}, ?) WHERE id = ?"),
                vec![r.at.millis().into(), r.message_id.as_str().into()],
            )?;
        }
        // Bounded like the inbox.
        self.exec("DELETE FROM sent WHERE id NOT IN (SELECT id FROM sent ORDER BY sent_at DESC LIMIT 1000)", vec![])?;
        Ok(())
    }

    fn sent(&self, q: &SentQuery) -> Result<Vec<SentRow>> {
        self.rows::<SentRow>(
            "SELECT * FROM sent WHERE (?1 = 0 OR acked_at IS NULL) ORDER BY sent_at DESC LIMIT 200",
            vec![i64::from(q.awaiting).into()],
        )
    }
}

impl AgentState {
    /// Sends `events` to the agent's sockets, each logged one first (with
    /// its `seq`, in the caller's synchronous run). A DM that reached a live
    /// socket is delivered.
    pub(super) fn push(&self, events: Vec<AgentEvent>, now: Timestamp) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let sockets = self.state.get_websockets();
        let mut delivered = Vec::new();
        for event in events {
            if let (AgentEvent::Chat(dm), false) = (&event, sockets.is_empty()) {
                delivered.push(dm.id.clone());
            }
            let (envelope, text) =
                if event.is_logged() { self.log.enter(event, now) } else { (Envelope::new(event, now), None) };
            if sockets.is_empty() {
                continue;
            }
            let broadcast = match text {
                Some(text) => Some(crate::broadcast::Broadcast::text(&text)),
                None => crate::broadcast::Broadcast::of(&envelope),
            };
            if let Some(b) = broadcast {
                b.to(&sockets);
            }
        }
        self.delivered(&delivered.iter().map(String::as_str).collect::<Vec<_>>(), now)
    }

    /// From another object: events for this agent's log, each once.
    pub(super) fn tell(&self, told: Vec<Told>, now: Timestamp) -> Result<Outcome> {
        let mut fresh = Vec::new();
        for t in told {
            if !self.store.first_time(&t.key, now)? {
                continue;
            }
            if let AgentEvent::Receipt(r) = &t.event {
                self.store.keep_receipt(r)?;
            }
            fresh.push(t.event);
        }
        let n = fresh.len();
        self.push(fresh, now)?;
        self.store.exec(
            &format!("DELETE FROM told WHERE key NOT IN (SELECT key FROM told ORDER BY at DESC LIMIT {LOG_KEPT})"),
            vec![],
        )?;
        Outcome::ok(&hub_protocol::Ack { success: n > 0 })
    }

    /// The news since the model last saw any, handed over now: the log's
    /// items after *shown* (as many as fit one answer), and locks of the
    /// agent's about to expire (each expiry once).
    pub(super) fn take_news(&self, take: &TakeNews, now: Timestamp) -> Result<NewsResponse> {
        let marks = self.store.marks()?;
        let mut items = Vec::new();
        let mut last = marks.shown;
        for entry in self.log.after(marks.shown, NEWS_SCAN)? {
            let Ok(envelope) = serde_json::from_str::<Envelope<AgentEvent>>(&entry.body) else { continue };
            let seq = entry.seq;
            if let Some(text) = news_line(&envelope.event) {
                items.push((seq, envelope.timestamp, text, envelope.event));
            } else if items.is_empty() {
                // Nothing for the model before it: step over it.
                last = seq;
            }
        }
        let lines: Vec<String> = items.iter().map(|i| i.2.clone()).collect();
        let fit = news_fits(&lines);
        let more = lines.len() - fit;
        items.truncate(fit);
        let mut out: Vec<NewsItem> = Vec::new();
        let mut dms = Vec::new();
        for (seq, at, text, event) in items {
            last = seq;
            if let AgentEvent::Chat(dm) = event {
                dms.push(dm.id);
            }
            out.push(NewsItem { seq, at, text });
        }
        let mut warned: Vec<ExpiringLock> = serde_json::from_str(&marks.warned).unwrap_or_default();
        for lock in &take.expiring {
            if !warned.contains(lock) {
                out.push(NewsItem {
                    seq: 0,
                    at: now,
                    text: hub_domain::expiry_line(&lock.resource_path, lock.expires_at, now),
                });
                warned.push(lock.clone());
            }
        }
        if !take.peek {
            // Expiries past are no longer worth remembering.
            warned.retain(|w| w.expires_at > now);
            self.store.exec(
                "UPDATE marks SET shown = ?, seen_at = ?, warned = ? WHERE id = 1",
                vec![i64_of(last).into(), now.millis().into(), serde_json::to_string(&warned)?.into()],
            )?;
            self.delivered(&dms.iter().map(String::as_str).collect::<Vec<_>>(), now)?;
        }
        Ok(NewsResponse { items: out, seq: self.log.last()?, more })
    }

    /// `ids` reached the agent: delivered, and the senders that asked told.
    fn delivered(&self, ids: &[&str], now: Timestamp) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let changed = self.store.mark_delivered(ids, now)?;
        self.receipts(&changed, &[ReceiptState::Delivered], now)
    }

    /// Tells each sender of `dms` that asked for an ack how far it got.
    pub(super) fn receipts(&self, dms: &[DirectMessage], states: &[ReceiptState], now: Timestamp) -> Result<()> {
        let Some(me) = self.store.meta()?.and_then(|m| AgentId::parse(&m.agent_id).ok()) else { return Ok(()) };
        for dm in dms.iter().filter(|d| d.ack_required) {
            for state in states {
                self.tell_sender(&me, dm, *state, None, now)?;
            }
        }
        Ok(())
    }

    /// Keeps a receipt for `dm`'s sender (an agent; a human reads the inbox).
    pub(super) fn tell_sender(
        &self,
        me: &AgentId,
        dm: &DirectMessage,
        state: ReceiptState,
        offline_since: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<()> {
        let Ok(sender) = AgentId::parse(&dm.from) else { return Ok(()) };
        if hub_protocol::is_human(sender.as_str()) {
            return Ok(());
        }
        let receipt = DmReceipt {
            message_id: dm.id.clone(),
            to: me.clone(),
            state,
            at: now,
            excerpt: excerpt(&dm.message),
            ack_required: dm.ack_required,
            sent_at: dm.timestamp,
            offline_since,
        };
        let key = format!("receipt:{me}:{}:{}", dm.id, state.as_str());
        let told = vec![Told { key, event: AgentEvent::Receipt(receipt) }];
        self.jobs.add(&AgentJob::Tell { to: sender, told }, now.plus_millis(hub_domain::REPORT_GRACE_MS))?;
        self.tells_added.set(true);
        Ok(())
    }

    /// `GET /agent/{id}/sent`.
    pub(super) fn sent(&self, q: &SentQuery, now: Timestamp) -> Result<Outcome> {
        let after_ms = self.not_delivered_ms();
        let messages = self
            .store
            .sent(q)?
            .into_iter()
            .filter_map(|r| {
                Some(SentDm {
                    to: AgentId::parse(&r.to_agent).ok()?,
                    overdue: r.acked_at.is_none() && now.since(r.sent_at.0) > after_ms,
                    message_id: r.id,
                    excerpt: r.excerpt,
                    ack_required: true,
                    sent_at: r.sent_at.0,
                    delivered_at: r.delivered_at.map(|m| m.0),
                    read_at: r.read_at.map(|m| m.0),
                    acked_at: r.acked_at.map(|m| m.0),
                    not_delivered_at: r.not_delivered_at.map(|m| m.0),
                })
            })
            .collect();
        Outcome::ok(&SentResponse { messages })
    }
}

#[allow(clippy::cast_possible_wrap)] // seqs stay far below 2^63
fn i64_of(n: u64) -> i64 {
    n as i64
}
