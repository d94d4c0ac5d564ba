//! An agent object's jobs: its escalations reported to the team's
//! coordinator (for its index of open escalations and the humans' list),
//! kept as rows until the coordinator has them, so a crash after the answer
//! loses none. Sent right after the answer; the alarm retries a failed one
//! with backoff. The coordinator stores an escalation by id, so a repeat is
//! harmless.

use hub_protocol::{AgentEscalation, Timestamp};
use serde::{Deserialize, Serialize};

use super::{AgentState, Result};
use crate::jobs::{Job, Sending, Stored};

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AgentJob {
    Report { escalations: Vec<AgentEscalation> },
}

impl Job for AgentJob {
    fn kind(&self) -> &'static str {
        match self {
            Self::Report { .. } => "report",
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
        self.jobs.send_fresh(&self.state, "report", sender(self.env.clone(), team));
    }

    /// The alarm: every job due by `now`.
    pub(super) async fn run_due_jobs(&self, now: Timestamp) {
        let (Ok(due), Ok(Some(meta))) = (self.jobs.due(now), self.store.meta()) else { return };
        if !due.is_empty() {
            self.jobs.deliver(due, &sender(self.env.clone(), meta.team)).await;
        }
        self.jobs.arm(&self.state.storage(), None, crate::clock::now()).await;
    }
}

/// Posts a batch of reports' escalations to `team`'s coordinator, as one call.
fn sender(env: worker::Env, team: String) -> impl Fn(&[Stored<AgentJob>]) -> Sending {
    crate::jobs::to_coordinator(env, team, "/coordinator/escalations/events", escalations)
}

fn escalations(job: &AgentJob) -> &[AgentEscalation] {
    match job {
        AgentJob::Report { escalations } => escalations,
    }
}
