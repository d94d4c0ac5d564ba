//! The coordinator's rows as its SQLite tables hold them (times as
//! milliseconds, lists as JSON text), and how each becomes its wire type.

use hub_protocol::{
    Agent, AgentId, AgentStatus, AuthorType, ChatMessage, Priority, Task, TaskId, TaskStatus, Timestamp,
};
use serde::Deserialize;
use worker::SqlStorageValue;

use crate::api_error::ApiError;
use crate::sql::Millis;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Deserialize)]
pub(super) struct AgentRow {
    agent_id: String,
    status: String,
    current_task: Option<String>,
    working_on: Option<String>,
    last_seen: Millis,
    capabilities: String,
    offers: String,
    needs: String,
    chat_cursor: Millis,
}

#[derive(Deserialize)]
pub(super) struct MessageRow {
    id: String,
    author: String,
    author_type: String,
    message: String,
    timestamp: Millis,
    reactions: String,
    #[serde(default)]
    posted_by: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct TaskRow {
    id: String,
    title: String,
    description: Option<String>,
    status: String,
    assignee: Option<String>,
    created_by: String,
    priority: String,
    tags: String,
    files: String,
    created_at: Millis,
    updated_at: Millis,
    blocked_by: String,
    parent: Option<String>,
    taken_at: Option<Millis>,
}

/// An agent row with the cursor of its last chat read.
#[derive(Clone)]
pub struct AgentRecord {
    pub agent: Agent,
    pub chat_cursor: Timestamp,
}

pub(super) fn list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

pub(super) fn corrupt(what: &str) -> ApiError {
    ApiError::Internal(format!("stored {what} is not valid"))
}

impl AgentRow {
    pub(super) fn into_record(self) -> Result<AgentRecord> {
        Ok(AgentRecord {
            agent: Agent {
                agent_id: AgentId::parse(&self.agent_id).map_err(|_| corrupt("agent id"))?,
                status: AgentStatus::parse(&self.status).ok_or_else(|| corrupt("agent status"))?,
                current_task: self.current_task,
                working_on: self.working_on,
                last_seen: self.last_seen.0,
                capabilities: list(&self.capabilities),
                offers: list(&self.offers),
                needs: list(&self.needs),
            },
            chat_cursor: self.chat_cursor.0,
        })
    }
}

impl MessageRow {
    pub(super) fn into_message(self) -> ChatMessage {
        ChatMessage {
            id: self.id,
            author: self.author,
            author_type: AuthorType::parse(&self.author_type).unwrap_or_default(),
            message: self.message,
            timestamp: self.timestamp.0,
            reactions: serde_json::from_str(&self.reactions).unwrap_or_default(),
            posted_by: self.posted_by,
        }
    }
}

impl TaskRow {
    pub(super) fn into_task(self) -> Result<Task> {
        Ok(Task {
            id: TaskId::parse(&self.id).map_err(|_| corrupt("task id"))?,
            title: self.title,
            description: self.description,
            status: TaskStatus::parse(&self.status).ok_or_else(|| corrupt("task status"))?,
            assignee: self.assignee.and_then(|a| AgentId::parse(&a).ok()),
            created_by: self.created_by,
            priority: Priority::parse(&self.priority).unwrap_or_default(),
            tags: list(&self.tags),
            files: list(&self.files),
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
            blocked_by: list(&self.blocked_by).iter().filter_map(|b| TaskId::parse(b).ok()).collect(),
            parent: self.parent.and_then(|p| TaskId::parse(&p).ok()),
            taken_at: self.taken_at.map(|m| m.0),
        })
    }
}

pub(super) fn json_list(v: &[String]) -> SqlStorageValue {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into()).into()
}
