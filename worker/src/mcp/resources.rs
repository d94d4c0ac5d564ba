//! The agent's MCP resources (`resources/list`, `resources/read`), read from
//! the hub's stored state through the API's own paths, as the agent: its
//! unread DMs and the DMs it sent that wait for an ack, the locks it holds,
//! its open tasks and the pending handoffs addressed to it.

use hub_protocol::{
    AgentPath, CoordinatorPath, HandoffQuery, HandoffStatus, HandoffsResponse, InboxQuery, InboxResponse,
    LocksResponse, McpResource, SentQuery, SentResponse, TaskQuery, TaskStatus, TasksResponse,
};
use serde_json::{json, Value};

use super::hub::{AgentHub, ToolError};

pub fn list() -> Value {
    let resources: Vec<Value> = McpResource::ALL
        .iter()
        .map(|r| {
            json!({ "uri": r.as_str(), "name": r.name(), "description": r.description(), "mimeType": "application/json" })
        })
        .collect();
    json!({ "resources": resources })
}

/// `resources/read`: the resource at `uri` as one JSON text.
pub async fn read(hub: &AgentHub<'_>, uri: &str) -> Result<Value, ToolError> {
    let resource = McpResource::parse(uri).ok_or_else(|| {
        let known: Vec<&str> = McpResource::ALL.iter().map(|r| r.as_str()).collect();
        ToolError(format!("No resource {uri}: the resources are {}", known.join(", ")))
    })?;
    let body = match resource {
        McpResource::Inbox => {
            let unread = InboxQuery { unread: true, ..InboxQuery::default() };
            let dms: InboxResponse = hub.get(hub.mine(AgentPath::Messages(unread))).await?;
            let sent: SentResponse = hub.get(hub.mine(AgentPath::Sent(SentQuery { awaiting: true }))).await?;
            json!({ "unread": dms.messages, "awaitingAck": sent.messages })
        }
        McpResource::Locks => {
            let all: LocksResponse = hub.get(CoordinatorPath::Locks).await?;
            let mine: Vec<_> = all.locks.into_iter().filter(|l| l.locked_by == hub.me).collect();
            json!({ "locks": mine })
        }
        McpResource::Tasks => {
            let q = TaskQuery { assignee: Some(hub.me.clone()), ..TaskQuery::default() };
            let tasks: TasksResponse = hub.get(CoordinatorPath::Tasks(q)).await?;
            let open: Vec<_> = tasks.tasks.into_iter().filter(|t| t.status != TaskStatus::Done).collect();
            let q = HandoffQuery {
                to_agent: Some(hub.me.clone()),
                status: Some(HandoffStatus::Pending),
                ..HandoffQuery::default()
            };
            let handoffs: HandoffsResponse = hub.get(CoordinatorPath::Handoffs(q)).await?;
            json!({ "tasks": open, "handoffs": handoffs.handoffs.unwrap_or_default() })
        }
    };
    Ok(json!({ "contents": [{ "uri": uri, "mimeType": "application/json", "text": body.to_string() }] }))
}
