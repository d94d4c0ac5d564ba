//! What a lock shard tells its team's coordinator: each change as a
//! versioned `LockUpdate` (sent as a job, `jobs.rs`).

use hub_domain::{Change, LockState};
use hub_protocol::{LockAction, LockUpdate, ReleaseReason, ResourcePath, Timestamp};

use super::info;

/// `changes` to `resource` (now in `state`) as updates, numbered from
/// `first`.
pub fn updates(
    resource: &ResourcePath,
    state: &LockState,
    changes: &[Change],
    first: u64,
    now: Timestamp,
) -> Vec<LockUpdate> {
    changes
        .iter()
        .zip(first..)
        .map(|(change, version)| {
            let (action, agent, lock) = match change {
                Change::Granted(h) => (LockAction::Granted, h.agent.clone(), Some(info(resource, h, now))),
                Change::Extended(h) => (LockAction::Extended, h.agent.clone(), Some(info(resource, h, now))),
                Change::Released { reason, by, .. } => {
                    let action = match reason {
                        ReleaseReason::Manual => LockAction::Released,
                        ReleaseReason::Expired => LockAction::Expired,
                        ReleaseReason::Stolen => LockAction::Stolen,
                    };
                    (action, by.clone(), None)
                }
                Change::Queued { agent, .. } => {
                    (LockAction::Queued, agent.clone(), state.held.as_ref().map(|h| info(resource, h, now)))
                }
            };
            LockUpdate { action, resource_path: resource.clone(), agent_id: agent, lock, version }
        })
        .collect()
}
