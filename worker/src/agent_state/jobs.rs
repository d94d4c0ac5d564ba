//! An agent object's jobs, kept as rows until done, so a crash after the
//! answer loses none:
//! - `report`: its escalations for the team's coordinator (its index of open
//!   escalations and the humans' list); the coordinator stores an escalation
//!   by id, so a repeat is harmless.
//! - `tell`: receipts of a DM for its sender's object, entered there once by
//!   key.
//! - `check-delivered`: a DM that found no live session, looked at again
//!   after the team's `notDeliveredAfterSecs`; still not delivered, its
//!   sender is told once.
//!
//! Reports and tells go right after the answer; the alarm retries a failed
//! one with backoff.

use hub_protocol::{AgentEscalation, AgentId, ReceiptState, Timestamp, Told};
use serde::{Deserialize, Serialize};

use super::{AgentState, Result};
use crate::jobs::{Job, Sending, Stored};

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AgentJob {
    Report {
        escalations: Vec<AgentEscalation>,
    },
    Tell {
        to: AgentId,
        told: Vec<Told>,
    },
    CheckDelivered {
        message_id: String,
    },
    /// A trace it completed, for the team's "Shipped" (due at once: the
    /// alarm sends it right after the answer).
    TraceDone {
        done: Vec<hub_protocol::TraceDone>,
    },
}

impl Job for AgentJob {
    fn kind(&self) -> &'static str {
        match self {
            Self::Report { .. } => "report",
            Self::Tell { .. } => "tell",
            Self::CheckDelivered { .. } => "check-delivered",
            Self::TraceDone { .. } => "trace-done",
        }
    }
}

impl AgentState {
    /// Keeps `escalations` for the coordinator; part of the caller's
    /// synchronous run, so they commit with the trace step that raised them.
    pub(super) fn keep_report(&self, escalations: Vec<AgentEscalation>, now: Timestamp) -> Result<bool> {
        if escalations.is_empty() {
            return Ok(false);
        }
        self.jobs.add(&AgentJob::Report { escalations }, now.plus_millis(hub_domain::REPORT_GRACE_MS))?;
        Ok(true)
    }

    /// Sends the reports not tried yet, in the background: the agent does not
    /// wait for the coordinator.
    pub(super) fn send_reports(&self, team: String) {
        self.jobs.send_fresh(&self.state, "report", reporter(self.env.clone(), team));
    }

    /// Sends the receipts not tried yet, in the background.
    pub(super) fn send_tells(&self) {
        if let Ok(Some(meta)) = self.store.meta() {
            self.jobs.send_fresh(&self.state, "tell", teller(self.env.clone(), meta.team));
        }
    }

    /// A DM that found no live session: looked at again when its sender
    /// should hear that it is waiting.
    pub(super) fn check_delivered_later(&self, message_id: &str, now: Timestamp) -> Result<()> {
        let due = now.plus_millis(self.not_delivered_ms());
        self.jobs.add(&AgentJob::CheckDelivered { message_id: message_id.to_owned() }, due)?;
        Ok(())
    }

    /// Keeps a completed trace for the team's "Shipped".
    pub(super) fn report_done(&self, agent: &AgentId, sid: &str, task: &str, now: Timestamp) -> Result<()> {
        let done = hub_protocol::TraceDone {
            agent_id: agent.clone(),
            session_id: sid.to_owned(),
            task: task.to_owned(),
            at: now,
        };
        self.jobs.add(&AgentJob::TraceDone { done: vec![done] }, now)?;
        Ok(())
    }

    /// The alarm: every job due by `now`, by kind.
    pub(super) async fn run_due_jobs(&self, now: Timestamp) {
        let (Ok(due), Ok(Some(meta))) = (self.jobs.due(now), self.store.meta()) else { return };
        let (mut reports, mut tells, mut done) = (Vec::new(), Vec::new(), Vec::new());
        for job in due {
            match &job.job {
                AgentJob::Report { .. } => reports.push(job),
                AgentJob::TraceDone { .. } => done.push(job),
                AgentJob::Tell { .. } => tells.push(job),
                AgentJob::CheckDelivered { message_id } => match self.check_delivered(message_id, now) {
                    Ok(()) => self.jobs.done([job.id]),
                    Err(e) => self.jobs.failed(&job, &format!("{e:?}"), now),
                },
            }
        }
        if !reports.is_empty() {
            self.jobs.deliver(reports, &reporter(self.env.clone(), meta.team.clone())).await;
        }
        if !done.is_empty() {
            let send =
                crate::jobs::to_coordinator(self.env.clone(), meta.team.clone(), "/coordinator/traces/done", traces);
            self.jobs.deliver(done, &send).await;
        }
        // Receipts made just now go with the due ones.
        if let Ok(fresh) = self.jobs.fresh("tell") {
            let known: Vec<i64> = tells.iter().map(|t| t.id).collect();
            tells.extend(fresh.into_iter().filter(|f| !known.contains(&f.id)));
        }
        if !tells.is_empty() {
            self.jobs.deliver(tells, &teller(self.env.clone(), meta.team)).await;
        }
        self.jobs.arm(&self.state.storage(), None, crate::clock::now()).await;
    }

    /// Tells the sender of `message_id` it is not delivered, when it is not.
    fn check_delivered(&self, message_id: &str, now: Timestamp) -> Result<()> {
        let Some(dm) = self.store.dm(message_id)? else { return Ok(()) };
        if dm.delivered_at.is_some() {
            return Ok(());
        }
        let Some(me) = self.store.meta()?.and_then(|m| AgentId::parse(&m.agent_id).ok()) else { return Ok(()) };
        let offline_since = self.store.seen_at()?;
        self.tell_sender(&me, &dm, ReceiptState::NotDelivered, offline_since, now)
    }
}

/// Posts a batch of reports' escalations to `team`'s coordinator, as one call.
fn reporter(env: worker::Env, team: String) -> impl Fn(&[Stored<AgentJob>]) -> Sending {
    crate::jobs::to_coordinator(env, team, "/coordinator/escalations/events", escalations)
}

fn escalations(job: &AgentJob) -> &[AgentEscalation] {
    match job {
        AgentJob::Report { escalations } => escalations,
        _ => &[],
    }
}

fn traces(job: &AgentJob) -> &[hub_protocol::TraceDone] {
    match job {
        AgentJob::TraceDone { done } => done,
        _ => &[],
    }
}

/// Posts each receipt to its sender's object.
fn teller(env: worker::Env, team: String) -> impl Fn(&[Stored<AgentJob>]) -> Sending {
    crate::jobs::to_agents(env, team, |job| match job {
        AgentJob::Tell { to, told } => Some((to, told.as_slice())),
        _ => None,
    })
}
