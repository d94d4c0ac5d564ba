//! The task and handoff tools: an agent takes, moves and completes its own
//! tasks, and hands work on or takes it over.

use hub_protocol::{CreateTask, HandoffAction, TaskStatus, TasksResponse, UpdateTask};
use serde_json::{json, Value};
use worker::Method;

use super::args::{agent, need, text, texts, value, Opts};
use super::hub::{AgentHub, ToolError};

fn task_path(id: &str) -> String {
    format!("/coordinator/tasks/{}", hub_protocol::percent_encode(id))
}

fn status(s: &str) -> Result<TaskStatus, ToolError> {
    TaskStatus::parse(s).ok_or_else(|| ToolError(format!("status {s:?}: use todo, in-progress, done or blocked")))
}

async fn update(hub: &AgentHub<'_>, id: &str, update: &UpdateTask) -> Result<Value, ToolError> {
    let r: hub_protocol::TaskResponse = hub.call(Method::Patch, &task_path(id), Some(update)).await?;
    Ok(json!({ "id": r.task.id, "title": r.task.title, "status": r.task.status, "assignee": r.task.assignee }))
}

pub async fn tasks(hub: &AgentHub<'_>, a: Opts) -> Result<Value, ToolError> {
    match a.action.as_deref().unwrap_or("list") {
        "list" => {
            let query = a.status.map(|s| format!("?status={}", hub_protocol::percent_encode(&s))).unwrap_or_default();
            let r: TasksResponse = hub.get(&format!("/coordinator/tasks{query}")).await?;
            Ok(r.tasks
                .iter()
                .map(|t| json!({"id": t.id, "title": t.title, "status": t.status, "assignee": t.assignee}))
                .collect())
        }
        "create" => {
            let body = CreateTask {
                title: Some(text(need(a.title, "title")?, "title")?),
                created_by: Some(hub.me.clone()),
                ..CreateTask::default()
            };
            let r: hub_protocol::TaskResponse = hub.post("/coordinator/tasks", &body).await?;
            Ok(json!({ "id": r.task.id, "title": r.task.title }))
        }
        "take" => {
            let body = UpdateTask {
                status: Some(TaskStatus::InProgress),
                assignee: Some(Some(hub.me.clone())),
                ..UpdateTask::default()
            };
            update(hub, &need(a.task_id, "task_id")?, &body).await
        }
        "move" => {
            let body = UpdateTask { status: Some(status(&need(a.status, "status")?)?), ..UpdateTask::default() };
            update(hub, &need(a.task_id, "task_id")?, &body).await
        }
        "done" => {
            let body = UpdateTask { status: Some(TaskStatus::Done), ..UpdateTask::default() };
            update(hub, &need(a.task_id, "task_id")?, &body).await
        }
        other => Err(ToolError(format!("action {other:?}: use list, create, take, move or done"))),
    }
}

pub async fn handoff(hub: &AgentHub<'_>, a: Opts) -> Result<Value, ToolError> {
    let me = hub.me.clone();
    let action = match a.action.as_deref().unwrap_or("create") {
        "create" => HandoffAction::Create {
            from_agent: me,
            to_agent: a.to.as_deref().map(agent).transpose()?,
            title: text(need(a.title, "title")?, "title")?,
            context: text(need(a.context, "context")?, "context")?,
            code: None,
            file_path: None,
            next_steps: texts(a.next_steps, "next_steps")?.unwrap_or_default(),
            priority: None,
        },
        "claim" => HandoffAction::Claim { handoff_id: need(a.handoff_id, "handoff_id")?, agent_id: me },
        "complete" => HandoffAction::Complete { handoff_id: need(a.handoff_id, "handoff_id")?, agent_id: me },
        "route" => HandoffAction::Route {
            handoff_id: need(a.handoff_id, "handoff_id")?,
            agent_id: me,
            to_agent: agent(&need(a.to, "to")?)?,
        },
        other => return Err(ToolError(format!("action {other:?}: use create, claim, complete or route"))),
    };
    let r: hub_protocol::HandoffResult = hub.post("/coordinator/handoffs", &action).await?;
    value(&r)
}
