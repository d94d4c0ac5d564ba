//! Creating and updating tasks.

use hub_protocol::{CreateTask, Task, TaskId, TaskStatus, Timestamp, UpdateTask};

/// A new task with the original's defaults.
pub fn new_task(id: TaskId, req: CreateTask, now: Timestamp) -> Task {
    Task {
        id,
        title: req.title.map_or_else(|| "Untitled Task".to_owned(), hub_protocol::Text::into_string),
        description: req.description.map(hub_protocol::Text::into_string),
        status: req.status.unwrap_or(TaskStatus::Todo),
        assignee: req.assignee,
        created_by: req.created_by.map_or_else(|| "system".to_owned(), String::from),
        priority: req.priority.unwrap_or_default(),
        tags: req.tags.unwrap_or_default().into_iter().map(hub_protocol::Text::into_string).collect(),
        files: req.files.unwrap_or_default().into_iter().map(hub_protocol::Text::into_string).collect(),
        created_at: now,
        updated_at: now,
        blocked_by: dedup(req.blocked_by.unwrap_or_default()),
        parent: req.parent,
        taken_at: None,
    }
}

fn dedup(mut ids: Vec<TaskId>) -> Vec<TaskId> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    ids
}

/// `task` with the fields of `update` applied; `updatedAt` moves to `now`.
/// Blockers as [`crate::blockers_after`] (checked by the caller); a task
/// that leaves `in-progress` or loses its assignee is no longer taken.
pub fn apply_update(mut task: Task, update: UpdateTask, now: Timestamp) -> Task {
    if update.changes_graph() {
        task.blocked_by = crate::blockers_after(&task, &update);
    }
    if let Some(p) = update.parent {
        task.parent = p;
    }
    if let Some(t) = update.title {
        task.title = t.into_string();
    }
    if let Some(d) = update.description {
        task.description = Some(d.into_string());
    }
    if let Some(s) = update.status {
        task.status = s;
    }
    if let Some(a) = update.assignee {
        task.assignee = a;
    }
    if let Some(p) = update.priority {
        task.priority = p;
    }
    if task.status != TaskStatus::InProgress || task.assignee.is_none() {
        task.taken_at = None;
    }
    task.updated_at = now;
    task
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::Priority;

    fn id() -> TaskId {
        TaskId::parse("task-1").unwrap()
    }

    #[test]
    fn defaults_follow_the_original() {
        let t = new_task(id(), CreateTask::default(), Timestamp::from_millis(3));
        assert_eq!(t.title, "Untitled Task");
        assert_eq!(t.status, TaskStatus::Todo);
        assert_eq!(t.priority, Priority::Medium);
        assert_eq!(t.created_by, "system");
        assert_eq!((t.created_at, t.updated_at), (Timestamp::from_millis(3), Timestamp::from_millis(3)));
    }

    #[test]
    fn update_moves_status_and_unassigns() {
        let req: CreateTask = serde_json::from_str(r#"{"title":"x","assignee":"a"}"#).unwrap();
        let t = new_task(id(), req, Timestamp::from_millis(1));
        let upd: UpdateTask = serde_json::from_str(r#"{"status":"done","assignee":null}"#).unwrap();
        let t = apply_update(t, upd, Timestamp::from_millis(9));
        assert_eq!(t.status, TaskStatus::Done);
        assert_eq!(t.assignee, None);
        assert_eq!(t.title, "x");
        assert_eq!(t.updated_at, Timestamp::from_millis(9));
        assert_eq!(t.created_at, Timestamp::from_millis(1));
    }
}

/// Who may change a task: the human (and the hub itself), its assignee and
/// its creator; any agent may take an unassigned task for itself (the same
/// update may move it too).
///
/// # Errors
/// [`crate::Denied::NotYourTask`] for any other agent.
pub fn may_change_task(
    caller: &hub_protocol::Caller,
    task: &hub_protocol::Task,
    update: &hub_protocol::UpdateTask,
) -> Result<(), crate::Denied> {
    let hub_protocol::Caller::Agent(me) = caller else { return Ok(()) };
    let assigned = task.assignee.as_ref() == Some(me);
    let created = task.created_by == me.as_str();
    let taking = task.assignee.is_none() && update.assignee.as_ref().is_some_and(|a| a.as_ref() == Some(me));
    if assigned || created || taking {
        Ok(())
    } else {
        Err(crate::Denied::NotYourTask { caller: me.clone() })
    }
}

#[cfg(test)]
mod change_tests {
    use hub_protocol::{AgentId, Caller, Task, UpdateTask};

    use super::may_change_task;

    fn task(assignee: Option<&str>, created_by: &str) -> Task {
        let mut t: Task = serde_json::from_value(serde_json::json!({
            "id": "task-1", "title": "t", "status": "todo", "priority": "medium",
            "createdBy": created_by, "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-01T00:00:00.000Z"
        }))
        .expect("a task");
        t.assignee = assignee.map(|a| AgentId::parse(a).unwrap());
        t
    }

    fn agent(id: &str) -> Caller {
        Caller::Agent(AgentId::parse(id).unwrap())
    }

    #[test]
    fn assignee_creator_and_human_change_others_do_not() {
        let moved = UpdateTask { status: Some(hub_protocol::TaskStatus::Done), ..Default::default() };
        let t = task(Some("ann"), "bob");
        assert!(may_change_task(&agent("ann"), &t, &moved).is_ok());
        assert!(may_change_task(&agent("bob"), &t, &moved).is_ok());
        assert!(may_change_task(&Caller::Human, &t, &moved).is_ok());
        assert!(may_change_task(&agent("eve"), &t, &moved).is_err());
    }

    #[test]
    fn an_unassigned_task_may_be_taken_but_not_given_away() {
        let t = task(None, "system");
        let take = |who: &str| UpdateTask { assignee: Some(Some(AgentId::parse(who).unwrap())), ..Default::default() };
        assert!(may_change_task(&agent("eve"), &t, &take("eve")).is_ok());
        assert!(may_change_task(&agent("eve"), &t, &take("ann")).is_err());
        assert!(may_change_task(&agent("eve"), &t, &UpdateTask::default()).is_err());
    }
}
