//! The attention list and "Shipped", from what the coordinator holds; and
//! the facts it is fed: escalations opening (to the webhooks), chat asks of
//! the humans, lock queues, traces completed.

use std::collections::HashMap;

use hub_protocol::{
    AgentEscalation, AgentsQuery, AttentionResponse, Caller, ChatMessage, HandoffQuery, HandoffStatus, LockAction,
    LockUpdate, ResolvedBy, Shipped, ShippedKind, ShippedResponse, TaskQuery, TaskStatus, Timestamp, TraceDone,
    WebhookEvent,
};
use serde::Deserialize;

use super::super::{AgentCoordinator, Result};
use crate::sql::Millis;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Chat messages the list looks through for asks of the humans.
const CHAT_LOOKED_AT: u32 = 500;

impl AgentCoordinator {
    pub(super) fn attention(&self, now: Timestamp) -> Result<AttentionResponse> {
        #[derive(Deserialize)]
        struct Sent {
            id: String,
            sent: u32,
        }
        #[derive(Deserialize)]
        struct Wait {
            path: String,
            since: Millis,
        }
        let reescalated: HashMap<String, u32> = self
            .store
            .rows::<Sent>("SELECT id, sent FROM reescalations", vec![])?
            .into_iter()
            .map(|r| (r.id, r.sent))
            .collect();
        let oldest_waiter: HashMap<String, Timestamp> = self
            .store
            .rows::<Wait>("SELECT path, MIN(since) AS since FROM lock_waits GROUP BY path", vec![])?
            .into_iter()
            .map(|w| (w.path, w.since.0))
            .collect();
        let presence = self
            .agents(&AgentsQuery { include_offline: true }, now)?
            .into_iter()
            .map(|a| (a.agent_id.to_string(), (a.status, a.last_seen)))
            .collect();
        let tasks = self.store.open_tasks()?;
        let handoffs =
            self.store.handoffs(&HandoffQuery { status: Some(HandoffStatus::Pending), ..HandoffQuery::default() })?;
        let facts = hub_domain::AttentionFacts {
            escalations: &self.store.open_escalations()?,
            reescalated: &reescalated,
            approvals: &self.open_approvals()?,
            chat: &self.store.messages(CHAT_LOOKED_AT, None)?,
            tasks: &tasks,
            pending_handoffs: &handoffs,
            held_locks: &self.store.held_locks(now)?,
            oldest_waiter: &oldest_waiter,
            presence: &presence,
        };
        let items = hub_domain::attention(&facts, now);
        Ok(AttentionResponse { count: items.len(), items })
    }

    /// What was finished since the caller's previous visit; the look is
    /// recorded (bookkeeping, like a cursor: no write budget is spent).
    pub(super) fn shipped(&self, caller: &Caller, now: Timestamp) -> Result<ShippedResponse> {
        #[derive(Deserialize)]
        struct Visit {
            since: Millis,
            last: Millis,
        }
        let who = super::audit::who(caller);
        let visit =
            self.store.rows::<Visit>("SELECT since, last FROM visits WHERE who = ?", vec![who.as_str().into()])?.pop();
        let since = hub_domain::visit_since(visit.map(|v| (v.since.0, v.last.0)), now);
        self.store.exec(
            "INSERT INTO visits (who, since, last) VALUES (?, ?, ?)
             ON CONFLICT(who) DO UPDATE SET since = excluded.since, last = excluded.last",
            Some(vec![who.into(), since.millis().into(), now.millis().into()]),
        )?;
        let mut shipped = Vec::new();
        let done = self.store.tasks(&TaskQuery { status: Some(TaskStatus::Done), ..TaskQuery::default() })?.0;
        shipped.extend(done.into_iter().filter(|t| t.updated_at > since).map(|t| Shipped {
            kind: ShippedKind::Task,
            link: format!("/tasks/{}", t.id),
            id: t.id.to_string(),
            who: t.assignee.map_or(t.created_by, |a| a.to_string()),
            title: t.title,
            at: t.updated_at,
        }));
        let completed =
            self.store.handoffs(&HandoffQuery { status: Some(HandoffStatus::Completed), ..HandoffQuery::default() })?;
        shipped.extend(completed.into_iter().filter(|h| h.completed_at.is_some_and(|at| at > since)).map(|h| {
            Shipped {
                kind: ShippedKind::Handoff,
                link: "/coordination#handoffs".into(),
                who: h.claimed_by.as_ref().map_or_else(|| h.from_agent.to_string(), ToString::to_string),
                at: h.completed_at.unwrap_or(since),
                id: h.id,
                title: h.title,
            }
        }));
        #[derive(Deserialize)]
        struct Row {
            id: String,
            title: String,
            who: String,
            at: Millis,
            link: String,
        }
        let traces = self.store.rows::<Row>(
            "SELECT id, title, who, at, link FROM shipped WHERE kind = 'trace' AND at > ? ORDER BY at DESC LIMIT 200",
            vec![since.millis().into()],
        )?;
        shipped.extend(traces.into_iter().map(|r| Shipped {
            kind: ShippedKind::Trace,
            id: r.id,
            title: r.title,
            who: r.who,
            at: r.at.0,
            link: r.link,
        }));
        shipped.sort_by_key(|s| std::cmp::Reverse(s.at));
        Ok(ShippedResponse { since, shipped })
    }

    /// Traces completed, reported by their agents' objects (a repeat is
    /// the same row).
    pub(super) fn traces_done(&self, done: &[TraceDone]) -> Result<()> {
        for d in done {
            self.store.exec(
                "INSERT OR REPLACE INTO shipped (kind, id, title, who, at, link) VALUES ('trace', ?, ?, ?, ?, ?)",
                Some(vec![
                    d.session_id.as_str().into(),
                    d.task.as_str().into(),
                    d.agent_id.as_str().into(),
                    d.at.millis().into(),
                    format!("/agents/{}/traces/{}", d.agent_id, d.session_id).into(),
                ]),
            )?;
        }
        // A month of it is kept.
        self.store.exec("DELETE FROM shipped WHERE at < (SELECT MAX(at) FROM shipped) - 2592000000", None)?;
        Ok(())
    }

    /// An escalation stored: sent to the webhooks when it opened or rose;
    /// reminders set; a human's resolution audited.
    pub(in crate::coordinator) fn escalation_news(
        &self,
        e: &AgentEscalation,
        before: Option<&AgentEscalation>,
        now: Timestamp,
    ) -> Result<()> {
        let esc = &e.escalation;
        if esc.resolved_at.is_some() {
            if before.is_some_and(|b| b.escalation.resolved_at.is_none()) {
                self.settle_reescalation(&esc.id)?;
                if esc.resolved_by == Some(ResolvedBy::Human) {
                    let who = esc.resolver_agent.as_ref().map_or_else(|| "human".to_owned(), ToString::to_string);
                    let hint = esc.helpful_hint.clone().unwrap_or_default();
                    self.audit(&who, "escalation.resolve", &esc.id, &hint, now)?;
                }
            }
            return Ok(());
        }
        let rose = before.is_none_or(|b| b.escalation.highest_level < esc.highest_level);
        if !rose {
            return Ok(());
        }
        let item = hub_domain::escalation_item(e, 0, now);
        let text = format!("{} is stuck — {}", e.agent_id, item.what);
        self.notify(WebhookEvent::Escalation, &text, &item, Some(esc.highest_level), now)?;
        // Reminders count from when the humans were told of this level.
        self.set_reescalation(&esc.id, now)
    }

    /// A chat message that asks the humans goes to the webhooks.
    pub(in crate::coordinator) fn chat_news(&self, m: &ChatMessage, now: Timestamp) -> Result<()> {
        if m.author_type != hub_protocol::AuthorType::Agent || !hub_domain::asks_humans(&m.message) {
            return Ok(());
        }
        let item = hub_domain::mention_item(m);
        let text = format!("{} asks the humans: {}", m.author, item.what);
        self.notify(WebhookEvent::Mention, &text, &item, None, now)
    }

    /// Keeps who waits for a lock, from the shards' reports; audits a
    /// human's force release.
    pub(in crate::coordinator) fn lock_wait_news(&self, u: &LockUpdate, now: Timestamp) -> Result<()> {
        let (path, agent) = (u.resource_path.to_string(), u.agent_id.as_str());
        match u.action {
            LockAction::Queued => {
                // A waiter that gives up is not reported: a day at most.
                self.store
                    .exec("DELETE FROM lock_waits WHERE since < ?", Some(vec![(now.millis() - DAY_MS).into()]))?;
                self.store.exec(
                    "INSERT OR IGNORE INTO lock_waits (path, agent_id, since) VALUES (?, ?, ?)",
                    Some(vec![path.into(), agent.into(), now.millis().into()]),
                )?
            }
            // Only a human releases another's lock (by force): audited.
            LockAction::Stolen => {
                self.audit(agent, "lock.force-release", &path, "", now)?;
                return Ok(());
            }
            LockAction::Granted => self.store.exec(
                "DELETE FROM lock_waits WHERE path = ? AND agent_id = ?",
                Some(vec![path.into(), agent.into()]),
            )?,
            _ => return Ok(()),
        };
        Ok(())
    }
}
