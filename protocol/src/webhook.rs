//! A team's webhooks (`/coordinator/webhooks`): where news for humans goes
//! outside the portal, and the log of what was sent.

use serde::{Deserialize, Serialize};

use crate::{Text, Timestamp};

wire_enum! {
    /// What a webhook is sent.
    WebhookEvent {
        // An escalation opened or rose (at or above the endpoint's level).
        Escalation = "escalation",
        // An agent asked for an approval.
        Approval = "approval",
        // A chat message for the humans (`@human`, `@humans`).
        Mention = "mention",
        // An escalation or approval nobody answered, sent again.
        Reescalation = "reescalation",
        // The portal's "send test".
        Test = "test",
    }
}

impl WebhookEvent {
    /// What an endpoint gets when it names none.
    pub const DEFAULT: [WebhookEvent; 4] =
        [WebhookEvent::Escalation, WebhookEvent::Approval, WebhookEvent::Mention, WebhookEvent::Reescalation];
}

/// `POST /coordinator/webhooks` (a human).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateWebhook {
    /// `https:` (or, where the deployment allows it, `http:` to loopback).
    pub url: Text<2000>,
    /// Absent: escalations, approvals, mentions and re-escalations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEvent>>,
    /// Escalations below this level are not sent (default 3: needs a human).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_level: Option<u8>,
}

/// A webhook as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub min_level: u8,
    pub created_by: String,
    pub created_at: Timestamp,
}

/// The answer to a creation: the secret, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedWebhook {
    pub webhook: Webhook,
    /// Signs every delivery (`X-Hub-Signature: t=<unix secs>,v1=<hex HMAC-SHA256
    /// of "<t>.<body>">`). Never shown again.
    pub secret: String,
}

wire_enum! {
    DeliveryStatus {
        Pending = "pending",
        Delivered = "delivered",
        // Every retry failed.
        Failed = "failed",
    }
}

/// One message to one endpoint, and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: String,
    pub event: WebhookEvent,
    pub text: String,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub created_at: Timestamp,
    /// The next try, while pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_at: Option<Timestamp>,
    /// The last answer's HTTP status, or why there was none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_result: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_at: Option<Timestamp>,
}

/// A webhook with its latest deliveries (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookView {
    pub webhook: Webhook,
    pub deliveries: Vec<Delivery>,
}

/// `GET /coordinator/webhooks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhooksResponse {
    pub webhooks: Vec<WebhookView>,
}

/// What a delivery's body carries (JSON, `POST`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookPayload {
    /// Shown as is by Slack's and Mattermost's incoming webhooks.
    pub text: String,
    pub event: WebhookEvent,
    pub team: String,
    /// The delivery's id: the same on every retry (drop repeats by it).
    pub delivery_id: i64,
    pub sent_at: Timestamp,
    /// What it is about, as the attention list shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<crate::AttentionItem>,
    /// For an approval: a one-time link per option that answers it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_links: Vec<AnswerLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerLink {
    pub answer: String,
    pub url: String,
}

/// The header that carries a delivery's signature.
pub const WEBHOOK_SIGNATURE_HEADER: &str = "x-hub-signature";

/// A receiver should refuse a signature older than this (replays).
pub const WEBHOOK_REPLAY_WINDOW_SECS: u64 = 300;
