//! A shard's jobs: its reports to the team's coordinator (each change as a
//! versioned `LockUpdate`, for the coordinator's index and its
//! `lock-update` broadcast), kept as rows until the coordinator has them.
//!
//! A report is written in the same synchronous run as the change and sent
//! right after the answer (`Jobs::send_fresh`: a burst of grants costs the
//! coordinator a few writes, not one each). One the sender could not
//! deliver waits for the alarm, which tries again with backoff, after a
//! restart too. Versions make a repeat harmless and keep a late update from
//! overwriting a newer one in the index.

use hub_protocol::{LockUpdate, Timestamp};
use serde::{Deserialize, Serialize};

use super::{ResourceLock, Result};
use crate::jobs::{Job, Sending, Stored};

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LockJob {
    Report { updates: Vec<LockUpdate> },
}

impl Job for LockJob {
    fn kind(&self) -> &'static str {
        match self {
            Self::Report { .. } => "report",
        }
    }
}

impl ResourceLock {
    /// Keeps `updates` for the coordinator; part of the caller's synchronous
    /// run, so they commit with the change.
    pub(super) fn keep_report(&self, updates: Vec<LockUpdate>, now: Timestamp) -> Result<()> {
        if updates.is_empty() {
            return Ok(());
        }
        self.jobs.add(&LockJob::Report { updates }, now.plus_millis(hub_domain::REPORT_GRACE_MS))
    }

    /// Sends the reports not tried yet, in the background.
    pub(super) fn send_reports(&self) {
        let Ok(Some(team)) = self.store.team() else { return };
        self.jobs.send_fresh(&self.state, "report", sender(self.env.clone(), team));
    }

    /// The alarm's part: every report due by `now`, in one call.
    pub(super) async fn run_due_jobs(&self, now: Timestamp) {
        let (Ok(due), Ok(Some(team))) = (self.jobs.due(now), self.store.team()) else { return };
        if !due.is_empty() {
            self.jobs.deliver(due, &sender(self.env.clone(), team)).await;
        }
    }
}

/// Posts a batch of reports' updates to `team`'s coordinator, as one call.
fn sender(env: worker::Env, team: String) -> impl Fn(&[Stored<LockJob>]) -> Sending {
    crate::jobs::to_coordinator(env, team, "/coordinator/locks/events", updates)
}

fn updates(job: &LockJob) -> &[hub_protocol::LockUpdate] {
    match job {
        LockJob::Report { updates } => updates,
    }
}
