use serde::{Deserialize, Serialize};

use crate::{AgentId, TaskId, Text, Timestamp};

wire_enum!(TaskStatus { Todo = "todo", InProgress = "in-progress", Done = "done", Blocked = "blocked" });
wire_enum!(Priority { Low = "low", Medium = "medium", High = "high", Urgent = "urgent" });

wire_default!(TaskStatus::Todo);
wire_default!(Priority::Medium);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: TaskId,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub status: TaskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    pub created_by: String,
    pub priority: Priority,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub files: Vec<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Tasks that must be done before this one is ready (see the README's
    /// "Tasks": not the `blocked` status, which says the assignee is stuck).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<TaskId>,
    /// The epic this task belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
    /// When an agent took it from the ready queue (`POST .../tasks/take`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<Timestamp>,
}

/// `POST /coordinator/tasks`. Defaults as in the original: title
/// "Untitled Task", status todo, createdBy "system", priority medium.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateTask {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text<300>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text<10000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Text<100>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<Text<500>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<Vec<TaskId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
}

impl CreateTask {
    pub const MAX_LIST: usize = 50;
}

/// `PATCH /coordinator/tasks/{id}` (new: the original could not update a
/// task). Absent fields are left alone; `"assignee": null` unassigns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateTask {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text<300>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text<10000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    pub assignee: Option<Option<AgentId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// The whole list of blockers, replacing what was there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<Vec<TaskId>>,
    /// Blockers to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<Vec<TaskId>>,
    /// Blockers to remove.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unblock: Option<Vec<TaskId>>,
    /// `null` takes the task out of its epic.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    pub parent: Option<Option<TaskId>>,
}

impl UpdateTask {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.description.is_none()
            && self.status.is_none()
            && self.assignee.is_none()
            && self.priority.is_none()
            && !self.changes_graph()
    }

    /// Whether it touches blockers or the parent (checked for cycles).
    pub fn changes_graph(&self) -> bool {
        self.blocked_by.is_some() || self.block.is_some() || self.unblock.is_some() || self.parent.is_some()
    }
}

/// Tells "absent" (outer None) from "null" (Some(None)).
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

/// `GET /coordinator/tasks` filters, and its page: newest first, at most
/// `limit` (default and cap 500), older than the task `before` names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    /// The epic whose tasks to list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
    /// Where this page starts: the previous page's `nextBefore`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl TaskQuery {
    pub const MAX_LIMIT: u32 = 500;

    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(Self::MAX_LIMIT).clamp(1, Self::MAX_LIMIT)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TasksResponse {
    pub tasks: Vec<Task>,
    /// How many tasks match the filters, on every page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    /// Where the next page starts (`?before=`); absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_before: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskResponse {
    pub success: bool,
    pub task: Task,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_tells_null_from_absent() {
        let absent: UpdateTask = serde_json::from_str(r#"{"status":"done"}"#).unwrap();
        assert_eq!(absent.assignee, None);
        let null: UpdateTask = serde_json::from_str(r#"{"assignee":null}"#).unwrap();
        assert_eq!(null.assignee, Some(None));
        let set: UpdateTask = serde_json::from_str(r#"{"assignee":"a1"}"#).unwrap();
        assert_eq!(set.assignee, Some(Some(AgentId::parse("a1").unwrap())));
    }

    #[test]
    fn unknown_status_is_refused_by_name() {
        let err = serde_json::from_str::<UpdateTask>(r#"{"status":"finished"}"#).unwrap_err();
        assert!(err.to_string().contains("in-progress"), "{err}");
    }
}
