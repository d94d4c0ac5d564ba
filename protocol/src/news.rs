//! What reaches an agent while it works: receipts of the DMs it sent, events
//! another object tells its log, and its news for the model (each item once).

use serde::{Deserialize, Serialize};

use crate::{AgentEvent, AgentId, Timestamp};

wire_enum! {
    /// How far a DM got: `sent` (told to the sender only for a DM that asks
    /// for an ack), `delivered` (pushed to a live socket or stream, or handed
    /// to the model), `read`, `acknowledged`, `not-delivered` (still not
    /// delivered after the team's `notDeliveredAfterSecs`).
    ReceiptState {
        Sent = "sent",
        Delivered = "delivered",
        Read = "read",
        Acknowledged = "acknowledged",
        NotDelivered = "not-delivered",
    }
}

/// A DM's receipt, as its recipient's object tells the sender's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DmReceipt {
    pub message_id: String,
    /// The recipient.
    pub to: AgentId,
    pub state: ReceiptState,
    pub at: Timestamp,
    /// The DM's first words.
    pub excerpt: String,
    pub ack_required: bool,
    pub sent_at: Timestamp,
    /// For `not-delivered`: since when the recipient has had no live session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline_since: Option<Timestamp>,
}

/// `POST /agent/{id}/events` (internal): events for the agent's log, each
/// entered once by its `key` (a report may come twice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Told {
    pub key: String,
    pub event: AgentEvent,
}

/// `POST /agent/{id}/news`: what arrived since the model last saw news,
/// handed over now (each item once).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TakeNews {
    /// The agent's locks that expire soon (the hook asks the coordinator):
    /// each is told once per expiry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expiring: Vec<ExpiringLock>,
    /// Only look: leave the items unshown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub peek: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpiringLock {
    pub resource_path: String,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsResponse {
    /// Oldest first, one line each.
    pub items: Vec<NewsItem>,
    /// The agent's log position after these (resume a socket from it).
    pub seq: u64,
    /// News items that did not fit this answer (they come next time).
    #[serde(default)]
    pub more: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsItem {
    /// Its place in the agent's log (0: not logged, e.g. a lock's expiry).
    pub seq: u64,
    pub at: Timestamp,
    pub text: String,
}

/// `GET /agent/{id}/sent`: the DMs this agent sent that asked for an ack,
/// as their receipts tell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentQuery {
    /// Only those not acknowledged yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub awaiting: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentResponse {
    pub messages: Vec<SentDm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentDm {
    pub message_id: String,
    pub to: AgentId,
    pub excerpt: String,
    pub ack_required: bool,
    pub sent_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acked_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_delivered_at: Option<Timestamp>,
    /// Asked for an ack, none yet, and older than the team's
    /// `notDeliveredAfterSecs`.
    pub overdue: bool,
}
