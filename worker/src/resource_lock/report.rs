//! What a lock shard tells its team's coordinator: each change as a
//! versioned `LockUpdate`, for the coordinator's index and its
//! `lock-update` broadcast.
//!
//! Reports leave after the answer, one call at a time: the changes made
//! while a call is under way wait in the outbox and go together in the next
//! one, so a burst of grants costs the coordinator a few writes, not one
//! each. Versions keep a late update from overwriting a newer one.

use std::cell::RefCell;
use std::rc::Rc;

use hub_domain::{Change, LockState};
use hub_protocol::{LockAction, LockUpdate, ReleaseReason, ResourcePath, Timestamp};

use super::{info, ResourceLock};
use crate::objects;

/// Updates not yet sent, and whether a call is taking some.
#[derive(Default)]
pub struct Outbox(Rc<RefCell<Waiting>>);

#[derive(Default)]
struct Waiting {
    updates: Vec<LockUpdate>,
    sending: bool,
}

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

impl ResourceLock {
    /// Queues `updates` for the coordinator, and starts a sender unless one
    /// is running (it takes them on its next call).
    pub(super) fn report(&self, updates: Vec<LockUpdate>) {
        let Ok(Some(team)) = self.store.team() else { return };
        {
            let mut waiting = self.outbox.0.borrow_mut();
            waiting.updates.extend(updates);
            if waiting.sending || waiting.updates.is_empty() {
                return;
            }
            waiting.sending = true;
        }
        let (env, outbox) = (self.env.clone(), self.outbox.0.clone());
        self.state.wait_until(async move {
            loop {
                let batch = {
                    let mut waiting = outbox.borrow_mut();
                    if waiting.updates.is_empty() {
                        waiting.sending = false;
                        return;
                    }
                    std::mem::take(&mut waiting.updates)
                };
                if let Err(e) = objects::post_to_coordinator(&env, &team, "/coordinator/locks/events", &batch).await {
                    worker::console_error!("lock index update failed: {e}");
                }
            }
        });
    }
}
