//! The task board as a work graph: creating and changing tasks (blockers
//! checked for cycles), the ready queue, taking the next task, one task
//! with its neighbours and history. Every function here is synchronous: a
//! take chooses and writes with no `.await` between, so no other request
//! comes between the two and no task is taken twice.

use hub_domain::{apply_update, new_id, new_task};
use hub_protocol::{
    AgentId, Caller, CreateTask, Event, ReadyQuery, ReadyResponse, TakeResponse, TakeTask, Task, TaskDetail, TaskEvent,
    TaskId, TaskQuery, TaskResponse, TaskStatus, TaskUpdate, TasksResponse, Timestamp, UpdateTask,
};

use super::retention::Settled;
use super::{AgentCoordinator, Result, OPEN_TASKS_PER_CREATOR};
use crate::api_error::ApiError;
use crate::clock;

impl AgentCoordinator {
    pub(super) fn list_tasks(&self, q: &TaskQuery) -> Result<TasksResponse> {
        let (tasks, total, next_before) = self.store.tasks(q)?;
        Ok(TasksResponse { tasks, total: Some(total), next_before })
    }

    pub(super) fn create_task(&self, mut c: CreateTask, caller: &Caller, now: Timestamp) -> Result<TaskResponse> {
        // An agent's task is its own even when it did not say so.
        if let (None, Caller::Agent(me)) = (&c.created_by, caller) {
            c.created_by = Some(me.clone());
        }
        if let Some(by) = &c.created_by {
            let open = self.store.count(
                "SELECT COUNT(*) AS n FROM tasks WHERE created_by = ? AND status != 'done'",
                vec![by.as_str().into()],
            )?;
            hub_domain::within_cap(open, OPEN_TASKS_PER_CREATOR, by.as_str(), "open tasks")?;
        }
        let id = TaskId::parse(&new_id("task", now, clock::entropy())).map_err(|_| ApiError::internal("task id"))?;
        let task = new_task(id, c, now);
        // A new task blocks nothing yet: no cycle can go through it.
        hub_domain::check_blockers(&task.id, &task.blocked_by, |_| vec![])?;
        self.store.save_task(&task)?;
        self.store.set_blockers(&task.id, &task.blocked_by)?;
        self.store.add_history(&task, &recorded_by(caller, &task.created_by), "created", now)?;
        if task.status == TaskStatus::Done {
            self.store.prune_settled(Settled::Tasks)?;
        }
        self.broadcast(Event::TaskUpdate(TaskUpdate::Task(task.clone())), now);
        Ok(TaskResponse { success: true, task })
    }

    pub(super) fn update_task(
        &self,
        id: &TaskId,
        u: UpdateTask,
        caller: &Caller,
        now: Timestamp,
    ) -> Result<TaskResponse> {
        let before = self.stored_task(id)?;
        hub_domain::may_change_task(caller, &before, &u)?;
        if let Some(Some(a)) = &u.assignee {
            self.known_assignee(a, caller)?;
        }
        if u.parent.as_ref().is_some_and(|p| p.as_ref() == Some(id)) {
            return Err(ApiError::bad_field("parent", "a task cannot be its own parent"));
        }
        let graph = u.changes_graph();
        if graph {
            let blockers = hub_domain::blockers_after(&before, &u);
            hub_domain::check_blockers(id, &blockers, |t| self.store.blockers_of(t))?;
        }
        let task = apply_update(before.clone(), u, now);
        self.store.save_task(&task)?;
        if graph && task.blocked_by != before.blocked_by {
            self.store.set_blockers(id, &task.blocked_by)?;
        }
        let note = change_note(&before, &task);
        self.store.add_history(&task, &recorded_by(caller, "hub"), &note, now)?;
        if task.status == TaskStatus::Done {
            self.store.prune_settled(Settled::Tasks)?;
        }
        self.broadcast(Event::TaskUpdate(TaskUpdate::Task(task.clone())), now);
        if task.status == TaskStatus::Done && before.status != TaskStatus::Done {
            self.announce_ready(id, now)?;
        }
        Ok(TaskResponse { success: true, task })
    }

    pub(super) fn ready_tasks(&self, q: &ReadyQuery) -> Result<ReadyResponse> {
        Ok(ReadyResponse { tasks: self.store.ready(q, None, q.effective_limit())?, count: self.store.ready_count(q)? })
    }

    /// Takes the first ready task (or the one named) for the agent, within
    /// the team's in-progress cap; says which of its files others hold.
    pub(super) fn take_task(&self, t: TakeTask, caller: &Caller, now: Timestamp) -> Result<TakeResponse> {
        let agent = match (t.agent_id, caller) {
            (Some(a), _) => a,
            (None, Caller::Agent(me)) => me.clone(),
            (None, _) => return Err(ApiError::bad_field("agentId", "name the agent that takes the task")),
        };
        self.known_assignee(&agent, caller)?;
        let cap = self.team_settings()?.in_progress_per_agent;
        hub_domain::may_take(&agent, self.store.in_progress_of(&agent)?, cap)?;
        let q = ReadyQuery { tag: t.tag, file: t.file, limit: None };
        let Some(task) = self.store.ready(&q, t.task_id.as_ref(), 1)?.pop() else {
            return Err(match &t.task_id {
                Some(id) => not_ready(self.stored_task(id)?),
                None => ApiError::NotFound {
                    what: "Nothing ready: every todo task is assigned or waits on an open blocker".into(),
                    path: None,
                },
            });
        };
        // Whoever takes work is around: its presence starts now.
        if matches!(caller, Caller::Agent(_)) {
            self.mark_active(&agent, now)?;
        }
        let task = hub_domain::take(task, &agent, now);
        self.store.save_task(&task)?;
        self.store.add_history(&task, agent.as_str(), "taken", now)?;
        self.broadcast(Event::TaskUpdate(TaskUpdate::Task(task.clone())), now);
        self.schedule_return(now, false)?;
        let held = self.held_files(&task, &agent, now)?;
        Ok(TakeResponse { success: true, task, held })
    }

    pub(super) fn task_detail(&self, id: &TaskId) -> Result<TaskDetail> {
        let task = self.stored_task(id)?;
        Ok(TaskDetail {
            ready: self.store.is_ready(id)?,
            blockers: self.store.briefs(&task.blocked_by)?,
            dependents: self.store.dependents(id)?.iter().map(Into::into).collect(),
            children: self.store.children(id)?.iter().map(Into::into).collect(),
            history: self.store.history(id)?,
            task,
        })
    }

    pub(super) fn stored_task(&self, id: &TaskId) -> Result<Task> {
        self.store.task(id)?.ok_or_else(|| ApiError::NotFound { what: format!("No task with id {id}"), path: None })
    }

    /// Tells the team of each task that `done` was the last open blocker of.
    fn announce_ready(&self, done: &TaskId, now: Timestamp) -> Result<()> {
        for task in self.store.dependents(done)? {
            if self.store.is_ready(&task.id)? {
                let moved = TaskEvent { action: "task-ready".into(), task };
                self.broadcast(Event::TaskUpdate(TaskUpdate::Moved(moved)), now);
            }
        }
        Ok(())
    }

    /// A task may go to an agent the team knows (a typo would hide it).
    fn known_assignee(&self, agent: &AgentId, caller: &Caller) -> Result<()> {
        if matches!(caller, Caller::Agent(me) if me == agent) {
            return Ok(());
        }
        let known = self
            .store
            .count("SELECT COUNT(*) AS n FROM known_agents WHERE agent_id = ?", vec![agent.as_str().into()])?;
        if known == 0 {
            return Err(ApiError::bad_field(
                "assignee",
                format!("no agent '{agent}' in this team: assign a task to an agent that has joined or registered"),
            ));
        }
        Ok(())
    }

    /// Which of `task`'s files others hold: the coordinator's lock index
    /// and zones (never the lock shards: a take awaits nothing).
    fn held_files(&self, task: &Task, me: &AgentId, now: Timestamp) -> Result<Vec<hub_protocol::HeldFile>> {
        if task.files.is_empty() {
            return Ok(vec![]);
        }
        let locks: Vec<(String, AgentId)> =
            self.store.held_locks(now)?.into_iter().map(|l| (l.resource_path.to_string(), l.locked_by)).collect();
        let zones: Vec<(String, AgentId)> = self.store.zones()?.into_iter().map(|z| (z.path, z.owner)).collect();
        Ok(hub_domain::files_held(&task.files, &locks, &zones, me))
    }
}

/// Why the named task cannot be taken.
fn not_ready(task: Task) -> ApiError {
    let why = match (&task.assignee, task.status) {
        (Some(a), _) => format!("it is assigned to {a}"),
        (None, TaskStatus::Todo) => "it waits on an open blocker (see GET /coordinator/tasks/{id})".into(),
        (None, s) => format!("its status is {}", s.as_str()),
    };
    ApiError::Conflict(format!("Task {} is not ready: {why}", task.id))
}

/// The id a change is recorded under.
fn recorded_by(caller: &Caller, fallback: &str) -> String {
    hub_domain::actor(caller).map_or_else(|| fallback.to_owned(), |a| a.to_string())
}

/// What changed, in words, for the task's history.
fn change_note(before: &Task, after: &Task) -> String {
    let mut parts = Vec::new();
    if before.status != after.status {
        parts.push(format!("status {} → {}", before.status.as_str(), after.status.as_str()));
    }
    if before.assignee != after.assignee {
        parts.push(after.assignee.as_ref().map_or_else(|| "unassigned".to_owned(), |a| format!("assigned to {a}")));
    }
    if before.blocked_by != after.blocked_by {
        let ids: Vec<&str> = after.blocked_by.iter().map(TaskId::as_str).collect();
        parts.push(if ids.is_empty() { "no blockers".to_owned() } else { format!("blocked by {}", ids.join(", ")) });
    }
    if before.parent != after.parent {
        parts.push(after.parent.as_ref().map_or_else(|| "out of its epic".to_owned(), |p| format!("in epic {p}")));
    }
    if parts.is_empty() {
        "edited".to_owned()
    } else {
        parts.join("; ")
    }
}
