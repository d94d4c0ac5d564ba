//! Server functions for the task board and a task's page.

use hub_protocol::{Task, TaskDetail};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::codec::TextJson;

#[cfg(feature = "ssr")]
use {
    crate::hub,
    hub_protocol::{CoordinatorPath as Coord, TaskId, UpdateTask},
    worker::Method,
};

/// The board: the tasks (newest 500) and which of them are ready.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub tasks: Vec<Task>,
    pub ready: Vec<Task>,
    /// How many match in all (the board shows the newest 500).
    pub total: usize,
}

#[server(endpoint = "tasks", output = TextJson)]
pub async fn tasks() -> Result<Board, ServerFnError> {
    let ready_query = hub_protocol::ReadyQuery { limit: Some(100), ..Default::default() };
    let (all, ready) = futures_util::try_join!(
        hub::fetch::<hub_protocol::TasksResponse>(Method::Get, Coord::Tasks(Default::default()), None),
        hub::fetch::<hub_protocol::ReadyResponse>(Method::Get, Coord::ReadyTasks(ready_query), None),
    )?;
    let total = all.total.unwrap_or(all.tasks.len());
    // Each column in the ready queue's order: priority, then age.
    let mut tasks = all.tasks;
    tasks.sort_by(hub_domain::queue_order);
    Ok(Board { tasks, ready: ready.tasks, total })
}

#[server(endpoint = "task", output = TextJson)]
pub async fn load_task(id: String) -> Result<TaskDetail, ServerFnError> {
    hub::fetch(Method::Get, Coord::Task(task_id(&id)?), None).await
}

#[server(endpoint = "create_task", output = TextJson)]
pub async fn create_task(title: String, priority: String, assignee: String) -> Result<(), ServerFnError> {
    let assignee = assignee.trim();
    let body = hub_protocol::CreateTask {
        title: Some(hub::text(title)?),
        priority: Some(hub::parse(hub_protocol::Priority::parse(&priority), "priority", &priority)?),
        assignee: if assignee.is_empty() { None } else { Some(hub::agent(assignee)?) },
        created_by: Some(hub::human().await?),
        ..Default::default()
    };
    hub::send(Method::Post, Coord::Tasks(Default::default()), &body).await
}

#[server(endpoint = "move_task", output = TextJson)]
pub async fn move_task(id: String, status: String) -> Result<(), ServerFnError> {
    let body = UpdateTask {
        status: Some(hub::parse(hub_protocol::TaskStatus::parse(&status), "status", &status)?),
        ..Default::default()
    };
    hub::send(Method::Patch, Coord::Task(task_id(&id)?), &body).await
}

/// Assigns the task (an empty name unassigns); the hub refuses an agent
/// the team does not know, with words the page shows.
#[server(endpoint = "assign_task", output = TextJson)]
pub async fn assign_task(id: String, assignee: String) -> Result<(), ServerFnError> {
    let assignee = assignee.trim();
    let to = if assignee.is_empty() { None } else { Some(hub::agent(assignee)?) };
    let body = UpdateTask { assignee: Some(to), ..Default::default() };
    hub::send(Method::Patch, Coord::Task(task_id(&id)?), &body).await
}

/// Adds (`block`) or removes a blocker.
#[server(endpoint = "block_task", output = TextJson)]
pub async fn block_task(id: String, blocker: String, block: bool) -> Result<(), ServerFnError> {
    let blocker = vec![task_id(blocker.trim())?];
    let body = if block {
        UpdateTask { block: Some(blocker), ..Default::default() }
    } else {
        UpdateTask { unblock: Some(blocker), ..Default::default() }
    };
    hub::send(Method::Patch, Coord::Task(task_id(&id)?), &body).await
}

#[cfg(feature = "ssr")]
fn task_id(id: &str) -> Result<TaskId, ServerFnError> {
    TaskId::parse(id).map_err(|e| ServerFnError::new(format!("task id {e}")))
}
