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
    }
}

/// `task` with the fields of `update` applied; `updatedAt` moves to `now`.
pub fn apply_update(mut task: Task, update: UpdateTask, now: Timestamp) -> Task {
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
