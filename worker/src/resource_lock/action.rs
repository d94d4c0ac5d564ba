//! The lock's actions, one method each: decide on the loaded state with the
//! rules of `hub_domain::LockState` and word the answer. No IO: the object
//! loads before and stores after.

use hub_domain::{Acquire, Acquired, Held, LockPolicy, LockState, Released};
use hub_protocol::{
    AgentId, LockConflict, LockGrant, LockInfo, LockRequest, LockStatus, NotLockOwner, RenewRequest, ResourcePath,
    Timestamp, UnlockRequest, UnlockResponse,
};

use super::{info, Outcome, Result};
use crate::api_error::ApiError;

/// One path's lock state, loaded for one call at `now`.
pub struct Lock<'a> {
    pub resource: &'a ResourcePath,
    pub state: &'a mut LockState,
    pub now: Timestamp,
}

impl Lock<'_> {
    pub fn held(&self) -> Option<LockInfo> {
        self.state.held.as_ref().map(|h| self.info(h))
    }

    fn info(&self, h: &Held) -> LockInfo {
        info(self.resource, h, self.now)
    }

    fn conflict(&self, error: &str, holder: Held) -> LockConflict {
        LockConflict {
            success: false,
            error: error.into(),
            locked_by: holder.agent,
            expires_at: holder.expires_at,
            remaining_ms: holder.expires_at.since(self.now).max(0),
        }
    }

    pub fn check(self) -> Result<Outcome> {
        let mut changes = Vec::new();
        self.state.settle(self.now, &mut changes);
        let expired = changes.iter().any(|c| matches!(c, hub_domain::Change::Released { .. }));
        let status = LockStatus {
            locked: self.state.held.is_some(),
            resource_path: Some(self.resource.clone()),
            lock: self.held(),
            queue: self.state.queue.iter().map(|w| w.agent.clone()).collect(),
            waiting: self
                .state
                .queue
                .iter()
                .map(|w| hub_protocol::Waiting { agent_id: w.agent.clone(), since: w.since })
                .collect(),
            note: expired.then(|| "Previous lock expired".to_owned()),
        };
        Ok(Outcome::ok(&status)?.and(changes))
    }

    pub fn acquire(self, r: LockRequest) -> Result<Outcome> {
        let ttl_ms = LockPolicy::default().ttl(r.ttl_ms).map_err(|e| ApiError::bad_field("ttlMs", e))?;
        let (acquired, changes) = self.state.acquire(
            Acquire {
                agent: r.agent_id,
                reason: r.reason.map(hub_protocol::Text::into_string),
                resource_type: r.resource_type.unwrap_or_default(),
                ttl_ms,
                wait: r.wait,
            },
            self.now,
        );
        let reply = match acquired {
            Acquired::Granted { held, extended } => {
                let verb = if extended { "extended" } else { "acquired" };
                Outcome::ok(&LockGrant {
                    success: true,
                    lock: Some(self.info(&held)),
                    message: Some(format!("Lock {verb} for {}", span(ttl_ms))),
                    queued: None,
                    position: None,
                })?
            }
            Acquired::Queued { position } => Outcome::with_status(
                202,
                &LockGrant {
                    success: false,
                    lock: self.held(),
                    message: Some(format!(
                        "Queued at position {position}; the lock passes to you when released or expired"
                    )),
                    queued: Some(true),
                    position: Some(position),
                },
            )?,
            Acquired::Denied { holder } => Outcome::with_status(409, &self.conflict("Resource is locked", holder))?,
        };
        Ok(reply.and(changes))
    }

    pub fn release(self, r: UnlockRequest) -> Result<Outcome> {
        let (released, changes) = self.state.release(&r.agent_id, r.force, self.now);
        let reply = match released {
            Released::NoLock => Outcome::ok(&unlocked("No lock to release", None, None))?,
            Released::LeftQueue => Outcome::ok(&unlocked("Left the queue", None, None))?,
            Released::NotOwner { holder } => Outcome::with_status(
                403,
                &NotLockOwner { success: false, error: "Not lock owner".into(), locked_by: holder.agent },
            )?,
            Released::Released { previous, next, .. } => {
                Outcome::ok(&unlocked("Lock released", Some(previous.agent), next.map(|n| n.agent)))?
            }
        };
        Ok(reply.and(changes))
    }

    pub fn renew(self, r: RenewRequest) -> Result<Outcome> {
        let ttl_ms = LockPolicy::default().ttl(r.ttl_ms).map_err(|e| ApiError::bad_field("ttlMs", e))?;
        match self.state.renew(&r.agent_id, ttl_ms, self.now) {
            Ok((held, changes)) => Ok(Outcome::ok(&LockGrant {
                success: true,
                lock: Some(self.info(&held)),
                message: Some("Lock renewed".into()),
                queued: None,
                position: None,
            })?
            .and(changes)),
            Err(None) => {
                Err(ApiError::NotFound { what: "No lock to renew: it expired or was released".into(), path: None })
            }
            Err(Some(holder)) => {
                Outcome::with_status(409, &self.conflict("Resource is locked by another agent", holder))
            }
        }
    }
}

/// "5 minutes", "30 seconds".
fn span(ttl_ms: i64) -> String {
    if ttl_ms >= 60_000 {
        format!("{} minutes", ttl_ms / 60_000)
    } else {
        format!("{} seconds", ttl_ms / 1000)
    }
}

fn unlocked(message: &str, previous: Option<AgentId>, next: Option<AgentId>) -> UnlockResponse {
    UnlockResponse { success: true, message: message.into(), previous_owner: previous, next_owner: next }
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn spans_read_in_minutes_from_one_minute() {
        assert_eq!(span(300_000), "5 minutes");
        assert_eq!(span(59_000), "59 seconds");
    }
}
