//! A team's tasks as JSON Lines: `GET /coordinator/tasks/export` writes one
//! task per line, oldest first, as the API shows it; `POST
//! /coordinator/tasks/import?prefix=` reads the same lines back. Ids are
//! kept (or all given `prefix`, blockers and parents too), so importing the
//! same lines twice writes the same tasks: the import is idempotent.

use std::collections::HashMap;

use hub_protocol::{Caller, ImportQuery, ImportResponse, Task, TaskId, Timestamp};

use super::retention::Settled;
use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::reply::Reply;

/// Lines one import may carry (the body's size caps it too).
const MAX_LINES: usize = 1_000;

impl AgentCoordinator {
    pub(super) fn export_tasks(&self) -> Result<Reply> {
        let mut out = Vec::new();
        for task in self.store.all_tasks()? {
            serde_json::to_writer(&mut out, &task)?;
            out.push(b'\n');
        }
        Ok(Reply::ok_json_lines(out))
    }

    /// Writes every line's task, or none: a line that does not parse, or
    /// blockers a PATCH would refuse (a cycle among them), refuse the whole import.
    pub(super) fn import_tasks(
        &self,
        q: &ImportQuery,
        body: &[u8],
        caller: &Caller,
        now: Timestamp,
    ) -> Result<ImportResponse> {
        let text = std::str::from_utf8(body).map_err(|_| ApiError::bad_request("The body is not UTF-8 text"))?;
        let prefix = q.prefix.as_deref();
        let mut tasks = Vec::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let task: Task = serde_json::from_str(line)
                .map_err(|e| ApiError::bad_request(format!("Line {}: not a task ({e})", n + 1)))?;
            tasks.push(renamed(task, prefix)?);
        }
        if tasks.len() > MAX_LINES {
            return Err(ApiError::bad_request(format!("{} tasks; one import takes at most {MAX_LINES}", tasks.len())));
        }
        // The graph after the import: these tasks' blockers over the stored ones.
        let graph: HashMap<TaskId, Vec<TaskId>> = tasks.iter().map(|t| (t.id.clone(), t.blocked_by.clone())).collect();
        // Each task's blockers by the same rule as a PATCH: not itself, at
        // most 50, no cycle.
        for t in &tasks {
            hub_domain::check_blockers(&t.id, &t.blocked_by, |id| {
                graph.get(id).cloned().unwrap_or_else(|| self.store.blockers_of(id))
            })?;
        }
        let by = hub_domain::actor(caller).map_or_else(|| "hub".to_owned(), |a| a.to_string());
        for task in &tasks {
            self.store.save_task(task)?;
            self.store.set_blockers(&task.id, &task.blocked_by)?;
            self.store.add_history(task, &by, "imported", now)?;
        }
        self.store.prune_settled(Settled::Tasks)?;
        Ok(ImportResponse { success: true, imported: tasks.len() })
    }
}

/// `task` with every id it holds given `prefix`.
fn renamed(mut task: Task, prefix: Option<&str>) -> Result<Task> {
    let id = |t: &TaskId| hub_domain::imported_id(t, prefix).map_err(ApiError::from);
    task.id = id(&task.id)?;
    task.blocked_by = task.blocked_by.iter().map(id).collect::<Result<_>>()?;
    task.parent = task.parent.as_ref().map(id).transpose()?;
    Ok(task)
}
