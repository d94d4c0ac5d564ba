//! The work graph's requests and answers: the ready queue, taking a task,
//! one task with its neighbours and history, and the JSON Lines interchange.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Task, TaskId, TaskStatus, Timestamp};

/// `GET /coordinator/tasks/ready`: what may be started now, by priority
/// then age.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadyQuery {
    /// Only tasks with this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Only tasks with a file under this prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// At most this many (default and cap 100); `count` says how many there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl ReadyQuery {
    pub const MAX_LIMIT: u32 = 100;

    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(Self::MAX_LIMIT).clamp(1, Self::MAX_LIMIT)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadyResponse {
    pub tasks: Vec<Task>,
    /// How many tasks are ready (with the filters), beyond this page too.
    pub count: usize,
}

/// `POST /coordinator/tasks/take`: the first ready task (or the one named)
/// for the calling agent, in one step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TakeTask {
    /// Who takes it: the calling agent when absent (a human names one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// This task, if it is ready; else the first ready one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<TaskId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// One of a task's files that someone else holds when it is taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldFile {
    /// The task's file (a path or a glob).
    pub file: String,
    /// What is held: a locked path, or a zone.
    pub held: String,
    pub by: AgentId,
    /// `lock` or `zone`.
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TakeResponse {
    pub success: bool,
    pub task: Task,
    /// Its files that other agents hold now: coordinate before editing them.
    pub held: Vec<HeldFile>,
}

/// A task as its neighbours list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskBrief {
    pub id: TaskId,
    pub title: String,
    pub status: TaskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    /// A blocker that no longer exists (a done task pruned): counts as done.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gone: bool,
}

impl From<&Task> for TaskBrief {
    fn from(t: &Task) -> Self {
        Self { id: t.id.clone(), title: t.title.clone(), status: t.status, assignee: t.assignee.clone(), gone: false }
    }
}

/// One change in a task's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskChange {
    pub at: Timestamp,
    /// Who changed it (`hub` for the hub itself).
    pub by: String,
    /// The status after the change.
    pub status: TaskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    /// What happened: `created`, `taken`, `returned: …`, `blocked by …`.
    pub note: String,
}

/// `GET /coordinator/tasks/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDetail {
    pub task: Task,
    pub ready: bool,
    pub blockers: Vec<TaskBrief>,
    /// Tasks it blocks.
    pub dependents: Vec<TaskBrief>,
    /// Tasks whose parent (epic) it is.
    pub children: Vec<TaskBrief>,
    /// Oldest first (the newest 100).
    pub history: Vec<TaskChange>,
}

/// `task-update` when the hub itself moved a task: `task-ready` (its last
/// blocker is done) or `task-returned` (its agent went offline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskEvent {
    pub action: String,
    pub task: Task,
}

/// `POST /coordinator/tasks/import?prefix=`: each line of the body one
/// [`Task`] as `GET /coordinator/tasks/export` writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportQuery {
    /// Put before every id (blockers and parents too); ids kept without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResponse {
    pub success: bool,
    /// Tasks written (new or replaced: importing twice gives the same tasks).
    pub imported: usize,
}
