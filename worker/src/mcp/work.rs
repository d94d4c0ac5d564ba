//! The task and handoff tools: an agent takes, moves and completes its own
//! tasks, and hands work on or takes it over.

use hub_protocol::{
    CoordinatorPath, CreateTask, HandoffAction, HandoffArgs, HandoffVerb, ReadyQuery, ReadyResponse, TakeResponse,
    TakeTask, Task, TaskDetail, TaskId, TaskQuery, TaskStatus, TaskVerb, TasksArgs, TasksResponse, Text, UpdateTask,
};
use serde_json::json;
use worker::Method;

use super::args::{need, value, Answer};
use super::hub::AgentHub;

async fn update(hub: &AgentHub<'_>, id: Option<TaskId>, update: &UpdateTask) -> Answer {
    let id = need(id, "task_id")?;
    let r: hub_protocol::TaskResponse = hub.call(Method::Patch, CoordinatorPath::Task(id), Some(update)).await?;
    Ok(brief(&r.task))
}

/// A task as the tools list it.
fn brief(t: &Task) -> serde_json::Value {
    let mut v = json!({ "id": t.id, "title": t.title, "status": t.status, "priority": t.priority });
    if let Some(a) = &t.assignee {
        v["assignee"] = json!(a);
    }
    if !t.blocked_by.is_empty() {
        v["blockedBy"] = json!(t.blocked_by);
    }
    v
}

pub async fn tasks(hub: &AgentHub<'_>, a: TasksArgs) -> Answer {
    match a.action.unwrap_or(TaskVerb::List) {
        TaskVerb::List => {
            let r: TasksResponse =
                hub.get(CoordinatorPath::Tasks(TaskQuery { status: a.status, ..TaskQuery::default() })).await?;
            Ok(r.tasks.iter().map(brief).collect())
        }
        TaskVerb::Create => {
            let body = CreateTask {
                title: Some(need(a.title, "title")?),
                created_by: Some(hub.me.clone()),
                blocked_by: a.blockers,
                ..CreateTask::default()
            };
            let r: hub_protocol::TaskResponse = hub.post(CoordinatorPath::Tasks(TaskQuery::default()), &body).await?;
            Ok(json!({ "id": r.task.id, "title": r.task.title }))
        }
        TaskVerb::Ready => {
            let q = ReadyQuery { tag: a.tag.map(Text::into_string), limit: Some(10), ..ReadyQuery::default() };
            let r: ReadyResponse = hub.get(CoordinatorPath::ReadyTasks(q)).await?;
            Ok(json!({ "count": r.count, "ready": r.tasks.iter().map(brief).collect::<Vec<_>>() }))
        }
        TaskVerb::Show => value(&hub.get::<TaskDetail>(CoordinatorPath::Task(need(a.task_id, "task_id")?)).await?),
        TaskVerb::Take => {
            let body = TakeTask { task_id: a.task_id, tag: a.tag.map(Text::into_string), ..TakeTask::default() };
            let r: TakeResponse = hub.post(CoordinatorPath::TakeTask, &body).await?;
            Ok(
                json!({ "task": brief(&r.task), "description": r.task.description, "files": r.task.files, "heldByOthers": r.held }),
            )
        }
        TaskVerb::Block | TaskVerb::Unblock => {
            let blockers = Some(need(a.blockers, "blockers")?);
            let body = if a.action == Some(TaskVerb::Block) {
                UpdateTask { block: blockers, ..UpdateTask::default() }
            } else {
                UpdateTask { unblock: blockers, ..UpdateTask::default() }
            };
            update(hub, a.task_id, &body).await
        }
        TaskVerb::Move => {
            let body = UpdateTask { status: Some(need(a.status, "status")?), ..UpdateTask::default() };
            update(hub, a.task_id, &body).await
        }
        TaskVerb::Done => {
            let body = UpdateTask { status: Some(TaskStatus::Done), ..UpdateTask::default() };
            update(hub, a.task_id, &body).await
        }
    }
}

pub async fn handoff(hub: &AgentHub<'_>, a: HandoffArgs) -> Answer {
    let me = hub.me.clone();
    let id = |h: Option<hub_protocol::Text<100>>| need(h, "handoff_id").map(hub_protocol::Text::into_string);
    let action = match a.action.unwrap_or(HandoffVerb::Create) {
        HandoffVerb::Create => HandoffAction::Create {
            from_agent: me,
            to_agent: a.to,
            title: need(a.title, "title")?,
            context: need(a.context, "context")?,
            code: None,
            file_path: None,
            next_steps: a.next_steps.unwrap_or_default(),
            priority: None,
        },
        HandoffVerb::Claim => HandoffAction::Claim { handoff_id: id(a.handoff_id)?, agent_id: me },
        HandoffVerb::Complete => HandoffAction::Complete { handoff_id: id(a.handoff_id)?, agent_id: me },
        HandoffVerb::Route => {
            HandoffAction::Route { handoff_id: id(a.handoff_id)?, agent_id: me, to_agent: need(a.to, "to")? }
        }
    };
    let r: hub_protocol::HandoffResult = hub.post(CoordinatorPath::Handoffs(Default::default()), &action).await?;
    value(&r)
}

/// `hub_ask`: asks the humans, or checks an earlier ask; either may wait
/// for the answer.
pub async fn ask(hub: &AgentHub<'_>, a: hub_protocol::AskArgs) -> Answer {
    let wait = u32::try_from(a.wait_seconds.unwrap_or(0).clamp(0, 55)).unwrap_or(0);
    let id = match a.approval_id {
        Some(id) => id.into_string(),
        None => {
            let body = hub_protocol::AskApproval {
                agent_id: hub.me.clone(),
                question: need(a.question, "question")?,
                options: a.options,
                context: a.context,
            };
            let r: hub_protocol::ApprovalResponse = hub.post(CoordinatorPath::Approvals, &body).await?;
            if wait == 0 {
                return Ok(approval(&r.approval));
            }
            r.approval.id
        }
    };
    let q = hub_protocol::ApprovalQuery { wait: Some(wait) };
    let r: hub_protocol::ApprovalResponse = hub.get(CoordinatorPath::Approval(id, q)).await?;
    Ok(approval(&r.approval))
}

/// An approval as the tool answers it.
fn approval(a: &hub_protocol::Approval) -> serde_json::Value {
    match &a.answer {
        Some(answer) => json!({ "approvalId": a.id, "answer": answer, "by": a.answered_by, "note": a.note }),
        None => json!({
            "approvalId": a.id,
            "answer": null,
            "waiting": format!("No answer yet; the answer comes as news, or call hub_ask with approval_id {}", a.id),
        }),
    }
}
