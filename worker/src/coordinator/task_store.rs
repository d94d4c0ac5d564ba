//! The task board's rows: tasks, their blocker edges and their history.
//! Every function is synchronous (see [`Store`]).

use hub_protocol::{AgentId, ReadyQuery, Task, TaskBrief, TaskChange, TaskId, TaskQuery, TaskStatus, Timestamp};
use serde::Deserialize;
use worker::SqlStorageValue;

use super::rows::{json_list, TaskRow};
use super::store::Store;
use super::Result;
use crate::sql::Millis;

/// History rows kept per task (the newest).
const HISTORY_KEPT: usize = 100;

/// What makes a task ready, as SQL over `t`: todo, unassigned, and no
/// blocker that exists and is not done (a pruned one counts as done).
const READY: &str = "t.status = 'todo' AND t.assignee IS NULL AND NOT EXISTS (
    SELECT 1 FROM task_blockers e JOIN tasks d ON d.id = e.blocker_id
    WHERE e.task_id = t.id AND d.status != 'done')";

#[derive(Deserialize)]
struct HistoryRow {
    at: Millis,
    by: String,
    status: String,
    assignee: Option<String>,
    note: String,
}

impl Store {
    pub fn save_task(&self, t: &Task) -> Result<()> {
        let ids = |v: &[TaskId]| -> Vec<String> { v.iter().map(|id| id.as_str().to_owned()).collect() };
        self.open_tasks.changing(|| {
            self.exec(
                "INSERT INTO tasks (id, title, description, status, assignee, created_by, priority, tags, files,
                   created_at, updated_at, blocked_by, parent, taken_at, rank)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT(id) DO UPDATE SET title = ?2, description = ?3, status = ?4, assignee = ?5,
                   priority = ?7, tags = ?8, files = ?9, updated_at = ?11, blocked_by = ?12, parent = ?13,
                   taken_at = ?14, rank = ?15",
                Some(vec![
                    t.id.as_str().into(),
                    t.title.as_str().into(),
                    t.description.clone().into(),
                    t.status.as_str().into(),
                    t.assignee.as_ref().map(|a| a.as_str().to_owned()).into(),
                    t.created_by.as_str().into(),
                    t.priority.as_str().into(),
                    json_list(&t.tags),
                    json_list(&t.files),
                    t.created_at.millis().into(),
                    t.updated_at.millis().into(),
                    json_list(&ids(&t.blocked_by)),
                    t.parent.as_ref().map(|p| p.as_str().to_owned()).into(),
                    t.taken_at.map(Timestamp::millis).into(),
                    hub_domain::priority_rank(t.priority).into(),
                ]),
            )
            .map(drop)
        })?;
        Ok(())
    }

    /// Replaces the blocker edges of `task` (its dependents' index).
    pub fn set_blockers(&self, task: &TaskId, blockers: &[TaskId]) -> Result<()> {
        self.exec("DELETE FROM task_blockers WHERE task_id = ?", Some(vec![task.as_str().into()]))?;
        for b in blockers {
            self.exec(
                "INSERT OR IGNORE INTO task_blockers (task_id, blocker_id) VALUES (?, ?)",
                Some(vec![task.as_str().into(), b.as_str().into()]),
            )?;
        }
        Ok(())
    }

    pub fn task(&self, id: &TaskId) -> Result<Option<Task>> {
        self.rows::<TaskRow>("SELECT * FROM tasks WHERE id = ?", vec![id.as_str().into()])?
            .pop()
            .map(TaskRow::into_task)
            .transpose()
    }

    /// One page of the tasks matching `q`, newest first; how many match in
    /// all; where the next page starts (`createdAt:id` of the last one).
    pub fn tasks(&self, q: &TaskQuery) -> Result<(Vec<Task>, usize, Option<String>)> {
        let filters = "(?1 IS NULL OR status = ?1) AND (?2 IS NULL OR assignee = ?2) AND (?3 IS NULL OR parent = ?3)";
        let args = || -> Vec<SqlStorageValue> {
            vec![
                q.status.map(|s| s.as_str().to_owned()).into(),
                q.assignee.as_ref().map(|a| a.as_str().to_owned()).into(),
                q.parent.as_ref().map(|p| p.as_str().to_owned()).into(),
            ]
        };
        let (at, id) = page_cursor(q.before.as_deref())?;
        let limit = q.effective_limit() as usize;
        let mut page_args = args();
        page_args.extend([at.into(), id.into()]);
        let mut tasks = self
            .rows::<TaskRow>(
                &format!(
                    "SELECT * FROM tasks WHERE {filters} AND (?4 IS NULL OR created_at < ?4 OR (created_at = ?4 AND id < ?5))
                     ORDER BY created_at DESC, id DESC LIMIT {}",
                    limit + 1
                ),
                page_args,
            )?
            .into_iter()
            .map(TaskRow::into_task)
            .collect::<Result<Vec<_>>>()?;
        let next = (tasks.len() > limit).then(|| {
            tasks.truncate(limit);
            tasks.last().map(|t| format!("{}:{}", t.created_at.millis(), t.id))
        });
        let total = self.count(&format!("SELECT COUNT(*) AS n FROM tasks WHERE {filters}"), args())?;
        Ok((tasks, total, next.flatten()))
    }

    /// The newest 500 tasks not done, newest first (the hot start's).
    pub fn open_tasks(&self) -> Result<Vec<Task>> {
        self.open_tasks.get(|| {
            self.rows::<TaskRow>(
                "SELECT * FROM tasks WHERE status != 'done' ORDER BY created_at DESC, id DESC LIMIT 500",
                vec![],
            )?
            .into_iter()
            .map(TaskRow::into_task)
            .collect()
        })
    }

    /// Ready tasks matching `q` (and `only`, when named), by priority then
    /// age: at most `limit`.
    pub fn ready(&self, q: &ReadyQuery, only: Option<&TaskId>, limit: u32) -> Result<Vec<Task>> {
        let (filters, args) = ready_filters(q, only);
        self.rows::<TaskRow>(
            &format!(
                "SELECT t.* FROM tasks t WHERE {READY}{filters} ORDER BY t.rank DESC, t.created_at, t.id LIMIT {limit}"
            ),
            args,
        )?
        .into_iter()
        .map(TaskRow::into_task)
        .collect()
    }

    pub fn ready_count(&self, q: &ReadyQuery) -> Result<usize> {
        let (filters, args) = ready_filters(q, None);
        self.count(&format!("SELECT COUNT(*) AS n FROM tasks t WHERE {READY}{filters}"), args)
    }

    /// Whether `id` is ready now.
    pub fn is_ready(&self, id: &TaskId) -> Result<bool> {
        Ok(!self.ready(&ReadyQuery::default(), Some(id), 1)?.is_empty())
    }

    /// The stored blockers of `id` (for the cycle check).
    pub fn blockers_of(&self, id: &TaskId) -> Vec<TaskId> {
        #[derive(Deserialize)]
        struct Row {
            blocker_id: String,
        }
        self.rows::<Row>("SELECT blocker_id FROM task_blockers WHERE task_id = ?", vec![id.as_str().into()])
            .unwrap_or_default()
            .into_iter()
            .filter_map(|r| TaskId::parse(&r.blocker_id).ok())
            .collect()
    }

    /// Tasks `id` blocks.
    pub fn dependents(&self, id: &TaskId) -> Result<Vec<Task>> {
        self.task_rows(
            "SELECT t.* FROM task_blockers e JOIN tasks t ON t.id = e.task_id WHERE e.blocker_id = ? ORDER BY t.created_at LIMIT 500",
            vec![id.as_str().into()],
        )
    }

    /// Tasks whose epic is `id`.
    pub fn children(&self, id: &TaskId) -> Result<Vec<Task>> {
        self.task_rows("SELECT * FROM tasks WHERE parent = ? ORDER BY created_at LIMIT 500", vec![id.as_str().into()])
    }

    /// `ids` as their neighbours list them; one that no longer exists is `gone`.
    pub fn briefs(&self, ids: &[TaskId]) -> Result<Vec<TaskBrief>> {
        ids.iter()
            .map(|id| {
                Ok(self.task(id)?.as_ref().map_or_else(
                    || TaskBrief {
                        id: id.clone(),
                        title: String::new(),
                        status: TaskStatus::Done,
                        assignee: None,
                        gone: true,
                    },
                    TaskBrief::from,
                ))
            })
            .collect()
    }

    /// Tasks `agent` has in progress.
    pub fn in_progress_of(&self, agent: &AgentId) -> Result<usize> {
        self.count(
            "SELECT COUNT(*) AS n FROM tasks WHERE assignee = ? AND status = 'in-progress'",
            vec![agent.as_str().into()],
        )
    }

    /// Tasks taken from the queue and still in progress.
    pub fn taken_tasks(&self) -> Result<Vec<Task>> {
        self.task_rows(
            "SELECT * FROM tasks WHERE status = 'in-progress' AND taken_at IS NOT NULL ORDER BY taken_at LIMIT 1000",
            vec![],
        )
    }

    /// Every task, oldest first (the export).
    pub fn all_tasks(&self) -> Result<Vec<Task>> {
        self.task_rows("SELECT * FROM tasks ORDER BY created_at, id", vec![])
    }

    /// Records a change of `task` (as it is now) by `by`.
    pub fn add_history(&self, task: &Task, by: &str, note: &str, now: Timestamp) -> Result<()> {
        let id = task.id.as_str();
        self.exec(
            "INSERT INTO task_history (task_id, at, by, status, assignee, note) VALUES (?, ?, ?, ?, ?, ?)",
            Some(vec![
                id.into(),
                now.millis().into(),
                by.into(),
                task.status.as_str().into(),
                task.assignee.as_ref().map(|a| a.as_str().to_owned()).into(),
                note.into(),
            ]),
        )?;
        self.exec(
            &format!(
                "DELETE FROM task_history WHERE task_id = ?1 AND seq <= (
                   SELECT seq FROM task_history WHERE task_id = ?1 ORDER BY seq DESC LIMIT 1 OFFSET {HISTORY_KEPT})"
            ),
            Some(vec![id.into()]),
        )?;
        Ok(())
    }

    /// `id`'s history, oldest first.
    pub fn history(&self, id: &TaskId) -> Result<Vec<TaskChange>> {
        Ok(self
            .rows::<HistoryRow>(
                "SELECT at, by, status, assignee, note FROM task_history WHERE task_id = ? ORDER BY seq",
                vec![id.as_str().into()],
            )?
            .into_iter()
            .map(|r| TaskChange {
                at: r.at.0,
                by: r.by,
                status: TaskStatus::parse(&r.status).unwrap_or_default(),
                assignee: r.assignee.and_then(|a| AgentId::parse(&a).ok()),
                note: r.note,
            })
            .collect())
    }

    fn task_rows(&self, query: &str, args: Vec<SqlStorageValue>) -> Result<Vec<Task>> {
        self.rows::<TaskRow>(query, args)?.into_iter().map(TaskRow::into_task).collect()
    }
}

/// The extra conditions of a ready query: only what is asked, so each
/// shape is one cached statement.
fn ready_filters(q: &ReadyQuery, only: Option<&TaskId>) -> (String, Vec<SqlStorageValue>) {
    let (mut sql, mut args) = (String::new(), Vec::<SqlStorageValue>::new());
    if let Some(id) = only {
        sql.push_str(" AND t.id = ?");
        args.push(id.as_str().into());
    }
    if let Some(tag) = &q.tag {
        sql.push_str(" AND EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ?)");
        args.push(tag.as_str().into());
    }
    if let Some(prefix) = &q.file {
        sql.push_str(" AND EXISTS (SELECT 1 FROM json_each(t.files) WHERE substr(value, 1, ?) = ?)");
        args.push((prefix.chars().count() as i64).into());
        args.push(prefix.as_str().into());
    }
    (sql, args)
}

/// A page cursor `createdAt:id` as its two parts (none for the first page).
fn page_cursor(before: Option<&str>) -> Result<(Option<i64>, Option<String>)> {
    let Some(cursor) = before else { return Ok((None, None)) };
    let bad = || crate::api_error::ApiError::bad_field("before", "expected a page's nextBefore (createdAt:id)");
    let (at, id) = cursor.split_once(':').ok_or_else(bad)?;
    Ok((Some(at.parse().map_err(|_| bad())?), Some(id.to_owned())))
}
