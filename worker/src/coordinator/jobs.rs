//! The coordinator's jobs: returning the tasks of agents gone offline to
//! the ready queue. One sweep job at a time, due at the soonest moment a
//! taken task may have to go back; it looks at every taken task (so it is
//! idempotent: a task already returned is not taken any more) and sets
//! itself again while taken tasks remain.

use std::cell::Cell;

use hub_domain::{give_back, offline_since, return_at};
use hub_protocol::{AgentStatus, Event, TaskEvent, TaskUpdate, Timestamp};
use serde::{Deserialize, Serialize};

use super::{AgentCoordinator, Result};
use crate::jobs::Job;
use crate::{clock, config};

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CoordinatorJob {
    ReturnTasks,
    /// Events for an agent's own log (see `tell.rs`).
    Tell {
        agent: hub_protocol::AgentId,
        told: Vec<hub_protocol::Told>,
    },
    /// A webhook delivery to send (see `humans/deliver.rs`).
    Deliver {
        delivery: i64,
    },
    /// An escalation or approval to send again if still unanswered.
    Reescalate {
        id: String,
        /// The reminder clock this job was set for (a newer one, set when
        /// an escalation rose, makes it stale).
        #[serde(default)]
        since: i64,
    },
}

impl Job for CoordinatorJob {
    fn kind(&self) -> &'static str {
        match self {
            Self::ReturnTasks => "return-tasks",
            Self::Tell { .. } => "tell",
            Self::Deliver { .. } => "deliver",
            Self::Reescalate { .. } => "reescalate",
        }
    }
}

/// When the return sweep is known to be due (so a burst of takes writes
/// its row once); `None` when unknown.
#[derive(Default)]
pub struct SweepDue(Cell<Option<Timestamp>>);

impl AgentCoordinator {
    /// Makes sure a sweep will look at taken tasks in time: after a take
    /// (its agent might go quiet from now on) or when an agent's last
    /// socket closed (`offline`: it is gone from now).
    pub(super) fn schedule_return(&self, now: Timestamp, offline: bool) -> Result<()> {
        let after_ms = i64::from(self.team_settings()?.return_tasks_after_secs) * 1000;
        if after_ms == 0 {
            return Ok(());
        }
        let quiet_ms = if offline { 0 } else { config::presence(&self.env).offline_after_ms };
        let due = now.plus_millis(quiet_ms + after_ms);
        if self.sweep_due.0.get().is_some_and(|known| known <= due) {
            return Ok(());
        }
        self.jobs.at_most(&CoordinatorJob::ReturnTasks, due)?;
        self.sweep_due.0.set(Some(due));
        Ok(())
    }

    /// Sets the alarm for the soonest job (after an answer that added one).
    pub(super) async fn arm_jobs(&self) {
        self.jobs.arm(&self.state.storage(), None, clock::now()).await;
    }

    /// The alarm: every due job, then the alarm set again.
    pub(super) async fn run_due_jobs(&self, now: Timestamp) {
        self.jobs.rang();
        self.sweep_due.0.set(None);
        if let Ok(due) = self.jobs.due(now) {
            let (mut tells, mut deliveries, mut due_returns) = (Vec::new(), Vec::new(), Vec::new());
            for job in due {
                match &job.job {
                    CoordinatorJob::Tell { .. } => tells.push(job),
                    CoordinatorJob::Deliver { .. } => deliveries.push(job),
                    CoordinatorJob::Reescalate { id, since } => match self.reescalate(id, *since, now) {
                        Ok(()) => self.jobs.done([job.id]),
                        Err(e) => self.jobs.failed(&job, &format!("{e:?}"), now),
                    },
                    CoordinatorJob::ReturnTasks => due_returns.push(job),
                }
            }
            // Reminders just stored go out with the due deliveries.
            if self.outbox.take_added() {
                let known: Vec<i64> = deliveries.iter().map(|d| d.id).collect();
                let fresh = self.jobs.fresh("deliver").unwrap_or_default();
                deliveries.extend(fresh.into_iter().filter(|f| !known.contains(&f.id)));
            }
            if let Some(d) = self.deliverer() {
                d.run(deliveries).await;
            }
            self.send_due_tells(tells).await;
            let due = due_returns;
            if !due.is_empty() {
                match self.return_tasks(now) {
                    Ok(next) => {
                        self.jobs.done(due.iter().map(|j| j.id));
                        if let Some(at) = next {
                            if let Err(e) = self.jobs.add(&CoordinatorJob::ReturnTasks, at) {
                                worker::console_error!("could not set the next return sweep: {e:?}");
                            }
                        }
                    }
                    Err(e) => due.iter().for_each(|j| self.jobs.failed(j, &format!("{e:?}"), now)),
                }
            }
        }
        self.arm_jobs().await;
    }

    /// Returns every taken task whose agent has been offline long enough;
    /// when to look again (none when no task is taken).
    fn return_tasks(&self, now: Timestamp) -> Result<Option<Timestamp>> {
        let after_ms = i64::from(self.team_settings()?.return_tasks_after_secs) * 1000;
        let taken = self.store.taken_tasks()?;
        if after_ms == 0 || taken.is_empty() {
            return Ok(None);
        }
        let quiet_ms = config::presence(&self.env).offline_after_ms;
        let connected = self.connected_agents();
        let mut next: Option<Timestamp> = None;
        for task in taken {
            let Some(agent) = task.assignee.clone() else { continue };
            let since = match self.store.agent(&agent)? {
                Some(r) => offline_since(
                    r.agent.status == AgentStatus::Offline,
                    r.agent.last_seen,
                    connected.contains(agent.as_str()),
                    quiet_ms,
                ),
                None => task.taken_at,
            };
            match return_at(since, after_ms) {
                Some(at) if at <= now => {
                    let gone = since.unwrap_or(now);
                    let task = give_back(task, now);
                    self.store.save_task(&task)?;
                    let note = format!("returned: {agent} offline since {gone}");
                    self.store.add_history(&task, "hub", &note, now)?;
                    let moved = TaskEvent { action: "task-returned".into(), task };
                    self.broadcast(Event::TaskUpdate(TaskUpdate::Moved(moved)), now);
                }
                // Still around (or not gone long enough): look again then.
                at => {
                    let again = at.unwrap_or_else(|| now.plus_millis(quiet_ms + after_ms));
                    next = Some(next.map_or(again, |n| n.min(again)));
                }
            }
        }
        Ok(next)
    }
}
