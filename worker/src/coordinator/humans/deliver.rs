//! Sending deliveries: a signed JSON POST per delivery, by the alarm (set
//! to ring at once by the answer that stored it, then on the retry schedule);
//! and re-escalation, a job per escalation or approval nobody answered.
//!
//! A delivery is sent at least once: a crash between the receiver's 2xx
//! and the row's update sends it again, with the same `deliveryId`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use futures_util::future::{select, Either};
use hub_protocol::{AttentionItem, Timestamp, WebhookEvent, WebhookPayload, WEBHOOK_SIGNATURE_HEADER};
use serde::Deserialize;
use worker::{Env, Fetch, Headers, Method, Request, RequestInit, SqlStorage};

use super::super::jobs::CoordinatorJob;
use super::super::{AgentCoordinator, Result};
use super::webhooks::DeliveryRow;
use crate::jobs::{Jobs, Stored};
use crate::{clock, config};

/// A receiver has this long to answer.
const TIMEOUT_MS: u64 = 10_000;

/// The coordinator's outbox: whether an answer stored something to send
/// (so the alarm is set before the answer leaves), and the deliveries being
/// sent now (a guard: one delivery is never sent twice at once).
#[derive(Default, Clone)]
pub struct Outbox {
    stored: Rc<std::cell::Cell<bool>>,
    sending: Rc<RefCell<HashSet<i64>>>,
}

impl Outbox {
    /// Something was stored for sending (a delivery, a reminder).
    pub fn added(&self) {
        self.stored.set(true);
    }

    /// Whether something was, since the last ask.
    pub fn take_added(&self) -> bool {
        self.stored.replace(false)
    }
}

/// What sending needs, owned, so it can run after the answer.
#[derive(Clone)]
pub struct Deliverer {
    sql: SqlStorage,
    env: Env,
    jobs: Jobs<CoordinatorJob>,
    team: String,
    outbox: Outbox,
}

#[derive(Deserialize)]
struct Target {
    url: String,
    secret: String,
}

impl Deliverer {
    /// Sends every delivery of `batch` at once.
    pub async fn run(&self, batch: Vec<Stored<CoordinatorJob>>) {
        futures_util::future::join_all(batch.into_iter().map(|job| self.one(job))).await;
    }

    async fn one(&self, job: Stored<CoordinatorJob>) {
        let CoordinatorJob::Deliver { delivery } = job.job else { return };
        if !self.outbox.sending.borrow_mut().insert(delivery) {
            return;
        }
        if let Err(e) = self.send(job.id, delivery).await {
            worker::console_error!("delivery {delivery}: {e:?}");
        }
        self.outbox.sending.borrow_mut().remove(&delivery);
    }

    async fn send(&self, job: i64, delivery: i64) -> Result<()> {
        let row: Option<DeliveryRow> = crate::sql::rows(
            &self.sql,
            "SELECT * FROM deliveries WHERE id = ? AND status = 'pending'",
            vec![delivery.into()],
        )?
        .pop();
        let target: Option<Target> = match &row {
            Some(r) => crate::sql::rows(
                &self.sql,
                "SELECT url, secret FROM webhooks WHERE id = ?",
                vec![r.webhook_id.as_str().into()],
            )?
            .pop(),
            None => None,
        };
        let (Some(row), Some(target)) = (row, target) else {
            // Delivered already, or its webhook deleted: nothing to do.
            self.jobs.done([job]);
            return Ok(());
        };
        let now = clock::now();
        let item = row.item.as_deref().and_then(|i| serde_json::from_str::<AttentionItem>(i).ok());
        let answer_links = self.answer_links(item.as_ref());
        let mut text = row.text.clone();
        for l in &answer_links {
            text.push_str(&format!("\n{}: {}", l.answer, l.url));
        }
        let payload = WebhookPayload {
            text,
            event: WebhookEvent::parse(&row.event).unwrap_or(WebhookEvent::Test),
            team: self.team.clone(),
            delivery_id: delivery,
            sent_at: now,
            item,
            answer_links,
        };
        let body = serde_json::to_string(&payload)?;
        let result = post(&target, &body, &row.event, delivery, now).await;
        let attempts = row.attempts + 1;
        let done_at = clock::now();
        let (status, next) = match &result {
            Ok(code) if (200..300).contains(code) => ("delivered", None),
            _ => match hub_domain::webhook_retry_after(attempts, &config::webhook_retry_secs(&self.env)) {
                Some(wait) => ("pending", Some(done_at.plus_millis(wait))),
                None => ("failed", None),
            },
        };
        let said = match result {
            Ok(code) => code.to_string(),
            Err(why) => why,
        };
        self.sql.exec(
            "UPDATE deliveries SET status = ?, attempts = ?, next_at = ?, last_result = ?, last_at = ? WHERE id = ?",
            Some(vec![
                status.into(),
                i64::from(attempts).into(),
                next.map(Timestamp::millis).into(),
                said.into(),
                done_at.millis().into(),
                delivery.into(),
            ]),
        )?;
        match next {
            Some(at) => self.jobs.retry(job, attempts, at)?,
            None => self.jobs.done([job]),
        }
        Ok(())
    }
}

impl Deliverer {
    /// For an approval still open: a signed one-time link per option.
    fn answer_links(&self, item: Option<&AttentionItem>) -> Vec<hub_protocol::AnswerLink> {
        let Some(item) = item.filter(|i| i.kind == hub_protocol::AttentionKind::Approval) else { return vec![] };
        item.options
            .iter()
            .filter_map(|o| {
                let url = crate::answer_link::link(&self.env, &self.team, &item.id, o)?;
                Some(hub_protocol::AnswerLink { answer: o.clone(), url })
            })
            .collect()
    }
}

/// POSTs `body`, signed: the receiver's status, or why there is none.
async fn post(
    target: &Target,
    body: &str,
    event: &str,
    delivery: i64,
    now: Timestamp,
) -> std::result::Result<u16, String> {
    let t = now.millis() / 1000;
    let signature = crate::secret::sign(&target.secret, &format!("{t}.{body}"));
    let headers = Headers::new();
    let set = |k: &str, v: &str| headers.set(k, v).map_err(|e| e.to_string());
    set("content-type", "application/json")?;
    set("user-agent", "agent-hub-webhooks")?;
    set(WEBHOOK_SIGNATURE_HEADER, &format!("t={t},v1={signature}"))?;
    set("x-hub-event", event)?;
    set("x-hub-delivery", &delivery.to_string())?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_headers(headers).with_body(Some(body.into()));
    let request = Request::new_with_init(&target.url, &init).map_err(|e| format!("bad request: {e}"))?;
    let request = Fetch::Request(request);
    let fetch = Box::pin(request.send());
    let timeout = Box::pin(worker::Delay::from(std::time::Duration::from_millis(TIMEOUT_MS)));
    let outcome = select(fetch, timeout).await;
    let result = match outcome {
        Either::Left((Ok(answer), _)) => Ok(answer.status_code()),
        Either::Left((Err(e), _)) => Err(format!("no answer: {e}")),
        Either::Right(_) => Err(format!("no answer within {} s", TIMEOUT_MS / 1000)),
    };
    result
}

impl AgentCoordinator {
    pub(in crate::coordinator) fn deliverer(&self) -> Option<Deliverer> {
        Some(Deliverer {
            sql: self.state.storage().sql(),
            env: self.env.clone(),
            jobs: self.jobs.clone(),
            team: self.team_name()?,
            outbox: self.outbox.clone(),
        })
    }

    /// Starts (or, for an escalation that rose, restarts) the reminders of
    /// `id`: the clock counts from `now`, when the humans were told.
    pub(in crate::coordinator) fn set_reescalation(&self, id: &str, now: Timestamp) -> Result<()> {
        let settings = self.team_settings()?;
        if settings.reescalate_every_secs == 0 || settings.reescalate_times == 0 {
            return Ok(());
        }
        self.store.exec(
            "INSERT OR REPLACE INTO reescalations (id, sent, last) VALUES (?, 0, ?)",
            Some(vec![id.into(), now.millis().into()]),
        )?;
        self.remind_at(id, now, now.plus_millis(i64::from(settings.reescalate_every_secs) * 1000))
    }

    fn remind_at(&self, id: &str, since: Timestamp, due: Timestamp) -> Result<()> {
        self.jobs.add(&CoordinatorJob::Reescalate { id: id.to_owned(), since: since.millis() }, due)?;
        self.outbox.added();
        Ok(())
    }

    /// The alarm's share: one reminder of an escalation or approval nobody
    /// answered, if it is still open and its time has come.
    pub(in crate::coordinator) fn reescalate(&self, id: &str, since: i64, now: Timestamp) -> Result<()> {
        #[derive(Deserialize)]
        struct Row {
            sent: u32,
            last: crate::sql::Millis,
        }
        let Some(row) =
            self.store.rows::<Row>("SELECT sent, last FROM reescalations WHERE id = ?", vec![id.into()])?.pop()
        else {
            return Ok(());
        };
        if row.last.0.millis() != since {
            return Ok(()); // a newer clock has its own job
        }
        let settings = self.team_settings()?;
        let (every, times) = (settings.reescalate_every_secs, settings.reescalate_times);
        if !hub_domain::reescalate_due(row.sent, row.last.0, every, times, now) {
            if every > 0 && row.sent < times {
                self.remind_at(id, row.last.0, row.last.0.plus_millis(i64::from(every) * 1000))?;
            }
            return Ok(());
        }
        let sent = row.sent + 1;
        let (item, level) = match (self.approval(id)?, self.store.agent_escalation(id)?) {
            (Some(mut a), _) if a.answer.is_none() => {
                a.reescalated = sent;
                self.save_approval(&a)?;
                (hub_domain::approval_item(&a), None)
            }
            (_, Some(e)) if e.escalation.resolved_at.is_none() => {
                (hub_domain::escalation_item(&e, sent, now), Some(e.escalation.highest_level))
            }
            _ => return self.settle_reescalation(id),
        };
        let text = format!("Still unanswered (reminder {sent} of {times}): {} — {}", item.who, item.what);
        self.notify(WebhookEvent::Reescalation, &text, &item, level, now)?;
        self.store.exec(
            "UPDATE reescalations SET sent = ?, last = ? WHERE id = ?",
            Some(vec![i64::from(sent).into(), now.millis().into(), id.into()]),
        )?;
        if sent < times {
            self.remind_at(id, now, now.plus_millis(i64::from(every) * 1000))?;
        }
        Ok(())
    }

    /// Answered or resolved: no more reminders.
    pub(in crate::coordinator) fn settle_reescalation(&self, id: &str) -> Result<()> {
        self.store.exec("DELETE FROM reescalations WHERE id = ?", Some(vec![id.into()]))?;
        Ok(())
    }
}
