//! A team's webhooks: managed by its humans, each message stored as a
//! delivery (and a job) before the first try, so it survives a restart;
//! re-escalation of what nobody answered.

use hub_protocol::{
    AttentionItem, CreateWebhook, CreatedWebhook, Delivery, DeliveryStatus, Timestamp, Webhook, WebhookEvent,
    WebhookView, WebhooksResponse,
};
use serde::Deserialize;

use super::super::jobs::CoordinatorJob;
use super::super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::sql::Millis;
use crate::{clock, config};

/// Endpoints one team may have.
const WEBHOOKS_PER_TEAM: usize = 20;

/// Settled deliveries kept per endpoint (pending ones are always kept).
const DELIVERIES_KEPT: i64 = 200;

/// Deliveries listed per endpoint.
const DELIVERIES_LISTED: i64 = 20;

#[derive(Deserialize)]
struct HookRow {
    id: String,
    url: String,
    events: String,
    min_level: i64,
    created_by: String,
    created_at: Millis,
}

impl HookRow {
    fn into_webhook(self) -> Webhook {
        Webhook {
            id: self.id,
            url: self.url,
            events: serde_json::from_str(&self.events).unwrap_or_default(),
            min_level: u8::try_from(self.min_level).unwrap_or(3),
            created_by: self.created_by,
            created_at: self.created_at.0,
        }
    }
}

#[derive(Deserialize)]
pub(super) struct DeliveryRow {
    pub id: i64,
    pub webhook_id: String,
    pub event: String,
    pub text: String,
    pub item: Option<String>,
    pub status: String,
    pub attempts: u32,
    pub created_at: Millis,
    pub next_at: Option<Millis>,
    pub last_result: Option<String>,
    pub last_at: Option<Millis>,
}

impl DeliveryRow {
    fn into_delivery(self) -> Delivery {
        Delivery {
            id: self.id,
            webhook_id: self.webhook_id,
            event: WebhookEvent::parse(&self.event).unwrap_or(WebhookEvent::Test),
            text: self.text,
            status: DeliveryStatus::parse(&self.status).unwrap_or(DeliveryStatus::Pending),
            attempts: self.attempts,
            created_at: self.created_at.0,
            next_at: self.next_at.map(|m| m.0),
            last_result: self.last_result,
            last_at: self.last_at.map(|m| m.0),
        }
    }
}

const HOOK_COLUMNS: &str = "id, url, events, min_level, created_by, created_at";

impl AgentCoordinator {
    fn webhooks(&self) -> Result<Vec<Webhook>> {
        let q = format!("SELECT {HOOK_COLUMNS} FROM webhooks ORDER BY created_at");
        Ok(self.store.rows::<HookRow>(&q, vec![])?.into_iter().map(HookRow::into_webhook).collect())
    }

    pub(super) fn list_webhooks(&self) -> Result<WebhooksResponse> {
        let mut webhooks = Vec::new();
        for webhook in self.webhooks()? {
            let deliveries = self
                .store
                .rows::<DeliveryRow>(
                    "SELECT * FROM deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?",
                    vec![webhook.id.as_str().into(), DELIVERIES_LISTED.into()],
                )?
                .into_iter()
                .map(DeliveryRow::into_delivery)
                .collect();
            webhooks.push(WebhookView { webhook, deliveries });
        }
        Ok(WebhooksResponse { webhooks })
    }

    pub(super) fn create_webhook(&self, c: CreateWebhook, who: &str, now: Timestamp) -> Result<CreatedWebhook> {
        let url = c.url.into_string().trim().to_owned();
        hub_domain::check_webhook_url(&url, config::webhooks_to_local(&self.env))
            .map_err(|why| ApiError::bad_field("url", why))?;
        let min_level = c.min_level.unwrap_or(3);
        if !(1..=3).contains(&min_level) {
            return Err(ApiError::bad_field("minLevel", "must be 1, 2 or 3"));
        }
        let mut events = c.events.unwrap_or_else(|| WebhookEvent::DEFAULT.to_vec());
        events.dedup();
        if self.webhooks()?.len() >= WEBHOOKS_PER_TEAM {
            return Err(ApiError::Conflict(format!(
                "This team has {WEBHOOKS_PER_TEAM} webhooks, the most it may have; delete one first"
            )));
        }
        let webhook = Webhook {
            id: hub_domain::new_id("wh-", now, clock::entropy()),
            url,
            events,
            min_level,
            created_by: who.to_owned(),
            created_at: now,
        };
        let secret = format!("whsec_{}", crate::secret::random_hex(24));
        self.store.exec(
            "INSERT INTO webhooks (id, url, events, min_level, secret, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Some(vec![
                webhook.id.as_str().into(),
                webhook.url.as_str().into(),
                serde_json::to_string(&webhook.events)?.into(),
                i64::from(min_level).into(),
                secret.as_str().into(),
                who.into(),
                now.millis().into(),
            ]),
        )?;
        self.audit(who, "webhook.create", &webhook.id, &webhook.url, now)?;
        Ok(CreatedWebhook { webhook, secret })
    }

    pub(super) fn delete_webhook(&self, id: &str, who: &str, now: Timestamp) -> Result<hub_protocol::Ack> {
        let gone = self.store.exec("DELETE FROM webhooks WHERE id = ?", Some(vec![id.into()]))?.rows_written();
        if gone == 0 {
            return Err(ApiError::NotFound { what: format!("No webhook with id {id}"), path: None });
        }
        // Its jobs find no delivery and end.
        self.store.exec("DELETE FROM deliveries WHERE webhook_id = ?", Some(vec![id.into()]))?;
        self.audit(who, "webhook.delete", id, "", now)?;
        Ok(hub_protocol::Ack { success: true })
    }

    /// Stores a delivery of `text` for every endpoint that takes `event`
    /// (escalations at or above its level), each with its job.
    pub(in crate::coordinator) fn notify(
        &self,
        event: WebhookEvent,
        text: &str,
        item: &AttentionItem,
        level: Option<u8>,
        now: Timestamp,
    ) -> Result<()> {
        for hook in self.webhooks()? {
            if hook.events.contains(&event) && level.is_none_or(|l| l >= hook.min_level) {
                self.add_delivery(&hook.id, event, text, Some(item), now)?;
            }
        }
        Ok(())
    }

    /// One delivery to one endpoint (the portal's "send test").
    pub(super) fn notify_one(
        &self,
        id: &str,
        event: WebhookEvent,
        text: &str,
        item: Option<&AttentionItem>,
        now: Timestamp,
    ) -> Result<Delivery> {
        if !self.webhooks()?.iter().any(|h| h.id == id) {
            return Err(ApiError::NotFound { what: format!("No webhook with id {id}"), path: None });
        }
        let delivery = self.add_delivery(id, event, text, item, now)?;
        let row = self
            .store
            .rows::<DeliveryRow>("SELECT * FROM deliveries WHERE id = ?", vec![delivery.into()])?
            .pop()
            .ok_or_else(|| ApiError::internal("delivery"))?;
        Ok(row.into_delivery())
    }

    fn add_delivery(
        &self,
        hook: &str,
        event: WebhookEvent,
        text: &str,
        item: Option<&AttentionItem>,
        now: Timestamp,
    ) -> Result<i64> {
        #[derive(Deserialize)]
        struct Id {
            id: i64,
        }
        let item = item.map(serde_json::to_string).transpose()?;
        self.store.exec(
            "INSERT INTO deliveries (webhook_id, event, text, item, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?)",
            Some(vec![
                hook.into(),
                event.as_str().into(),
                text.into(),
                item.into(),
                now.millis().into(),
                now.millis().into(),
            ]),
        )?;
        // The same synchronous run: nothing else wrote in between.
        let id = self
            .store
            .rows::<Id>("SELECT last_insert_rowid() AS id", vec![])?
            .pop()
            .ok_or_else(|| ApiError::internal("delivery id"))?
            .id;
        self.jobs.add(&CoordinatorJob::Deliver { delivery: id }, now)?;
        self.outbox.added();
        self.store.exec(
            "DELETE FROM deliveries WHERE webhook_id = ? AND status != 'pending' AND id NOT IN
               (SELECT id FROM deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?)",
            Some(vec![hook.into(), hook.into(), DELIVERIES_KEPT.into()]),
        )?;
        Ok(id)
    }
}
