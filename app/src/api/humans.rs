//! Server functions for what needs the humans: the landing page's list
//! with its actions, "Shipped", and the webhooks page.

use hub_protocol::{Approval, AttentionResponse, ShippedResponse, WebhookView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::codec::TextJson;

#[cfg(feature = "ssr")]
use {
    crate::hub,
    hub_protocol::{CoordinatorPath as Coord, UpdateTask},
    worker::Method,
};

/// The list, "Shipped" and the open approvals, asked at once.
#[cfg(feature = "ssr")]
pub async fn needs() -> Result<Needs, ServerFnError> {
    let (attention, shipped, approvals) = futures_util::try_join!(
        hub::fetch::<AttentionResponse>(Method::Get, Coord::Attention, None),
        hub::fetch::<ShippedResponse>(Method::Get, Coord::Shipped, None),
        hub::fetch::<hub_protocol::ApprovalsResponse>(Method::Get, Coord::Approvals, None),
    )?;
    let approvals = approvals.approvals.into_iter().filter(|a| a.answer.is_none()).collect();
    Ok(Needs { attention, shipped, approvals })
}

/// What the landing page shows first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Needs {
    pub attention: AttentionResponse,
    pub shipped: ShippedResponse,
    /// The open approvals, for their context.
    pub approvals: Vec<Approval>,
}

/// A human acts on an item of the list: `answer` an approval (`value`: the
/// option), `reply` in the chat, `assign` a task (`value`: the agent) or
/// set its `status`. (One server function for all: each costs the
/// browser's bundle its own client code.)
#[server(endpoint = "attend", output = TextJson)]
pub async fn attend(id: String, verb: String, value: String) -> Result<(), ServerFnError> {
    let value = value.trim().to_owned();
    match verb.as_str() {
        "answer" => {
            let body = hub_protocol::AnswerApproval { answer: hub::text(value)?, note: None };
            hub::send(Method::Post, Coord::AnswerApproval(id), &body).await
        }
        "reply" => {
            let body = hub_protocol::PostChat {
                author: hub::human().await?,
                message: hub::text(value)?,
                author_type: hub_protocol::AuthorType::Human,
            };
            hub::send(Method::Post, Coord::Chat(Default::default()), &body).await
        }
        "assign" | "status" => {
            let task = hub_protocol::TaskId::parse(&id).map_err(|e| ServerFnError::new(e.to_string()))?;
            let mut update = UpdateTask::default();
            if verb == "assign" {
                update.assignee = Some(Some(hub::agent(&value)?));
            } else {
                update.status = Some(hub::parse(hub_protocol::TaskStatus::parse(&value), "status", &value)?);
            }
            hub::send(Method::Patch, Coord::Task(task), &update).await
        }
        other => Err(ServerFnError::new(format!("Unknown action {other:?}"))),
    }
}

#[server(endpoint = "webhooks", output = TextJson)]
pub async fn webhooks() -> Result<Vec<WebhookView>, ServerFnError> {
    Ok(hub::fetch::<hub_protocol::WebhooksResponse>(Method::Get, Coord::Webhooks, None).await?.webhooks)
}

/// `create` a webhook (its secret is the answer, shown once), `delete` one
/// or send it a `test`.
#[server(endpoint = "webhook_step", output = TextJson)]
pub async fn webhook_step(
    step: String,
    id: String,
    url: String,
    level: String,
) -> Result<Option<String>, ServerFnError> {
    match step.as_str() {
        "create" => {
            let body = hub_protocol::CreateWebhook {
                url: hub::text(url.trim())?,
                events: None,
                min_level: level.parse().ok(),
            };
            let body = serde_json::to_value(&body).map_err(|e| ServerFnError::new(e.to_string()))?;
            let made: hub_protocol::CreatedWebhook = hub::fetch(Method::Post, Coord::Webhooks, Some(body)).await?;
            Ok(Some(made.secret))
        }
        "delete" => hub::send(Method::Delete, Coord::Webhook(id), &()).await.map(|()| None),
        "test" => hub::send(Method::Post, Coord::TestWebhook(id), &serde_json::json!({})).await.map(|()| None),
        other => Err(ServerFnError::new(format!("Unknown step {other:?}"))),
    }
}
