//! Lock decisions: grant, extend, deny, queue, release, steal, expire and
//! hand-off, over a plain [`LockState`] with the clock passed in.
//!
//! Every operation first *settles* the state: an expired lock is released and
//! the head of the queue gets the lock. So an expired lock is never reported
//! as held, whether the alarm has fired yet or not.

use hub_protocol::{AgentId, ReleaseReason, ResourceType, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockPolicy {
    pub default_ttl_ms: i64,
    pub min_ttl_ms: i64,
    pub max_ttl_ms: i64,
}

impl Default for LockPolicy {
    /// Two hours by default, as the original; at most a day, at least a second.
    fn default() -> Self {
        Self { default_ttl_ms: 2 * 3600 * 1000, min_ttl_ms: 1000, max_ttl_ms: 24 * 3600 * 1000 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TtlError {
    TooShort { min: i64 },
    TooLong { max: i64 },
}

impl std::fmt::Display for TtlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TtlError::TooShort { min } => write!(f, "must be at least {min} ms"),
            TtlError::TooLong { max } => write!(f, "must be at most {max} ms"),
        }
    }
}

impl LockPolicy {
    /// # Errors
    /// When the requested TTL is outside `[min_ttl_ms, max_ttl_ms]`.
    pub fn ttl(&self, requested: Option<i64>) -> Result<i64, TtlError> {
        match requested {
            None => Ok(self.default_ttl_ms),
            Some(ms) if ms < self.min_ttl_ms => Err(TtlError::TooShort { min: self.min_ttl_ms }),
            Some(ms) if ms > self.max_ttl_ms => Err(TtlError::TooLong { max: self.max_ttl_ms }),
            Some(ms) => Ok(ms),
        }
    }
}

/// The lock as held right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub agent: AgentId,
    pub reason: Option<String>,
    pub resource_type: ResourceType,
    pub locked_at: Timestamp,
    pub expires_at: Timestamp,
    pub fence: u64,
}

/// Someone queued for the lock, with the terms it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiter {
    pub agent: AgentId,
    pub reason: Option<String>,
    pub resource_type: ResourceType,
    pub ttl_ms: i64,
    /// When it first queued (unknown for waiters stored before this was kept).
    pub since: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockState {
    pub held: Option<Held>,
    pub queue: Vec<Waiter>,
    /// The last fencing token handed out; the next grant gets one more.
    pub last_fence: u64,
}

/// What changed, in order: drives history rows, pushes and the alarm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Granted(Held),
    Extended(Held),
    Released { held: Held, reason: ReleaseReason, by: AgentId },
    Queued { agent: AgentId, position: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acquired {
    Granted { held: Held, extended: bool },
    Queued { position: usize },
    Denied { holder: Held },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Released {
    NoLock,
    NotOwner {
        holder: Held,
    },
    /// The caller was only waiting; it left the queue.
    LeftQueue,
    Released {
        previous: Held,
        reason: ReleaseReason,
        next: Option<Held>,
    },
}

pub struct Acquire {
    pub agent: AgentId,
    pub reason: Option<String>,
    pub resource_type: ResourceType,
    pub ttl_ms: i64,
    pub wait: bool,
}

impl LockState {
    /// Releases an expired lock and hands a free lock to the queue's head.
    pub fn settle(&mut self, now: Timestamp, changes: &mut Vec<Change>) {
        if let Some(held) = self.held.take_if(|h| h.expires_at <= now) {
            let by = held.agent.clone();
            changes.push(Change::Released { held, reason: ReleaseReason::Expired, by });
        }
        if self.held.is_none() && !self.queue.is_empty() {
            let w = self.queue.remove(0);
            let held = self.grant(w.agent, w.reason, w.resource_type, w.ttl_ms, now);
            changes.push(Change::Granted(held));
        }
    }

    fn grant(
        &mut self,
        agent: AgentId,
        reason: Option<String>,
        resource_type: ResourceType,
        ttl_ms: i64,
        now: Timestamp,
    ) -> Held {
        self.last_fence += 1;
        let held = Held {
            agent,
            reason,
            resource_type,
            locked_at: now,
            expires_at: now.plus_millis(ttl_ms),
            fence: self.last_fence,
        };
        self.held = Some(held.clone());
        held
    }

    pub fn acquire(&mut self, req: Acquire, now: Timestamp) -> (Acquired, Vec<Change>) {
        let mut changes = Vec::new();
        self.settle(now, &mut changes);
        let outcome = match &mut self.held {
            None => {
                let held = self.grant(req.agent, req.reason, req.resource_type, req.ttl_ms, now);
                changes.push(Change::Granted(held.clone()));
                Acquired::Granted { held, extended: false }
            }
            Some(held) if held.agent == req.agent => {
                held.expires_at = now.plus_millis(req.ttl_ms);
                if req.reason.is_some() {
                    held.reason = req.reason;
                }
                changes.push(Change::Extended(held.clone()));
                Acquired::Granted { held: held.clone(), extended: true }
            }
            Some(_) if req.wait => {
                let mut waiter = Waiter {
                    agent: req.agent.clone(),
                    reason: req.reason,
                    resource_type: req.resource_type,
                    ttl_ms: req.ttl_ms,
                    since: Some(now),
                };
                let position = match self.queue.iter().position(|w| w.agent == req.agent) {
                    Some(i) => {
                        // Asking again keeps its place, and its time in line.
                        waiter.since = self.queue[i].since;
                        self.queue[i] = waiter;
                        i + 1
                    }
                    None => {
                        self.queue.push(waiter);
                        self.queue.len()
                    }
                };
                changes.push(Change::Queued { agent: req.agent, position });
                Acquired::Queued { position }
            }
            Some(held) => Acquired::Denied { holder: held.clone() },
        };
        (outcome, changes)
    }

    /// Releases as `agent`. Only the holder may, unless `force` (then it is
    /// recorded as stolen by `agent`). The lock passes to the next waiter.
    pub fn release(&mut self, agent: &AgentId, force: bool, now: Timestamp) -> (Released, Vec<Change>) {
        let mut changes = Vec::new();
        self.settle(now, &mut changes);
        let outcome = match self.held.take() {
            None => Released::NoLock,
            Some(held) if held.agent != *agent && !force => {
                let holder = held.clone();
                self.held = Some(held);
                if let Some(i) = self.queue.iter().position(|w| w.agent == *agent) {
                    self.queue.remove(i);
                    Released::LeftQueue
                } else {
                    Released::NotOwner { holder }
                }
            }
            Some(held) => {
                let reason = if held.agent == *agent { ReleaseReason::Manual } else { ReleaseReason::Stolen };
                changes.push(Change::Released { held: held.clone(), reason, by: agent.clone() });
                self.settle(now, &mut changes);
                Released::Released { previous: held, reason, next: self.held.clone() }
            }
        };
        (outcome, changes)
    }

    /// The holder's heartbeat: pushes the expiry to `now + ttl`.
    ///
    /// # Errors
    /// `Err(None)` when nobody holds the lock, `Err(Some(holder))` when
    /// someone else does.
    pub fn renew(&mut self, agent: &AgentId, ttl_ms: i64, now: Timestamp) -> Result<(Held, Vec<Change>), Option<Held>> {
        let mut changes = Vec::new();
        self.settle(now, &mut changes);
        match &mut self.held {
            Some(held) if held.agent == *agent => {
                held.expires_at = now.plus_millis(ttl_ms);
                changes.push(Change::Extended(held.clone()));
                Ok((held.clone(), changes))
            }
            other => Err(other.clone()),
        }
    }

    /// When the object's alarm should next fire.
    pub fn next_alarm(&self) -> Option<Timestamp> {
        self.held.as_ref().map(|h| h.expires_at)
    }
}

/// The version of a path's next change, after `previous`: one more, and
/// never below the clock's microsecond-scaled millisecond, so that the
/// versions of a path that moves to another object (as when locks moved
/// from an object per path to shards) still exceed every version the
/// coordinator holds for it, and no update is taken for a late one.
pub fn next_version(previous: u64, now: Timestamp) -> u64 {
    let floor = u64::try_from(now.millis()).unwrap_or(0).saturating_mul(1000);
    (previous + 1).max(floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_grow_by_one_and_never_fall_behind_the_clock() {
        let now = Timestamp::from_millis(1_800_000_000_000);
        assert_eq!(next_version(0, now), 1_800_000_000_000_000, "a path new to its object starts at the clock");
        assert_eq!(next_version(7, now), 1_800_000_000_000_000, "an old per-path version is passed");
        let v = next_version(0, now);
        assert_eq!(next_version(v, now), v + 1, "within one millisecond: one more");
        let earlier = Timestamp::from_millis(1_700_000_000_000);
        assert_eq!(next_version(v, earlier), v + 1, "a clock gone back never lowers it");
        assert!(next_version(v, now) < 1 << 53, "exact as a JavaScript number");
    }

    fn id(s: &str) -> AgentId {
        AgentId::parse(s).unwrap()
    }

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    fn req(agent: &str, ttl_ms: i64, wait: bool) -> Acquire {
        Acquire { agent: id(agent), reason: None, resource_type: ResourceType::FileLock, ttl_ms, wait }
    }

    #[test]
    fn ttl_bounds() {
        let p = LockPolicy::default();
        assert_eq!(p.ttl(None), Ok(7_200_000));
        assert_eq!(p.ttl(Some(999)), Err(TtlError::TooShort { min: 1000 }));
        assert_eq!(p.ttl(Some(86_400_001)), Err(TtlError::TooLong { max: 86_400_000 }));
        assert_eq!(p.ttl(Some(5000)), Ok(5000));
    }

    #[test]
    fn grant_then_deny_another() {
        let mut s = LockState::default();
        let (a, changes) = s.acquire(req("ann", 1000, false), at(0));
        assert!(
            matches!(a, Acquired::Granted { extended: false, ref held } if held.fence == 1 && held.expires_at == at(1000))
        );
        assert_eq!(changes.len(), 1);
        let (b, changes) = s.acquire(req("bob", 1000, false), at(10));
        assert!(matches!(b, Acquired::Denied { ref holder } if holder.agent == id("ann")));
        assert!(changes.is_empty());
    }

    #[test]
    fn holder_relocking_extends_with_the_same_fence() {
        let mut s = LockState::default();
        s.acquire(req("ann", 1000, false), at(0));
        let (a, _) = s.acquire(req("ann", 5000, false), at(500));
        assert!(
            matches!(a, Acquired::Granted { extended: true, ref held } if held.fence == 1 && held.expires_at == at(5500))
        );
    }

    #[test]
    fn expired_lock_is_free_and_the_fence_grows() {
        let mut s = LockState::default();
        s.acquire(req("ann", 1000, false), at(0));
        let (b, changes) = s.acquire(req("bob", 1000, false), at(1000));
        assert!(matches!(b, Acquired::Granted { ref held, .. } if held.agent == id("bob") && held.fence == 2));
        assert!(matches!(&changes[0], Change::Released { reason: ReleaseReason::Expired, by, .. } if *by == id("ann")));
    }

    #[test]
    fn only_the_holder_releases_unless_forced() {
        let mut s = LockState::default();
        s.acquire(req("ann", 1000, false), at(0));
        assert!(matches!(s.release(&id("bob"), false, at(1)).0, Released::NotOwner { .. }));
        assert!(s.held.is_some());
        let (r, changes) = s.release(&id("bob"), true, at(2));
        assert!(matches!(r, Released::Released { reason: ReleaseReason::Stolen, .. }));
        assert!(matches!(&changes[0], Change::Released { by, .. } if *by == id("bob")));
        assert_eq!(s.release(&id("ann"), false, at(3)).0, Released::NoLock);
    }

    #[test]
    fn queue_hands_off_in_fifo_order_on_release_and_expiry() {
        let mut s = LockState::default();
        s.acquire(req("ann", 1000, false), at(0));
        assert_eq!(s.acquire(req("bob", 3000, true), at(1)).0, Acquired::Queued { position: 1 });
        assert_eq!(s.acquire(req("cat", 3000, true), at(2)).0, Acquired::Queued { position: 2 });
        assert_eq!(
            s.acquire(req("bob", 3000, true), at(3)).0,
            Acquired::Queued { position: 1 },
            "re-asking keeps the place"
        );

        let (r, _) = s.release(&id("ann"), false, at(10));
        let Released::Released { next: Some(next), .. } = r else { panic!("{r:?}") };
        assert_eq!((next.agent.as_str(), next.fence, next.expires_at), ("bob", 2, at(3010)));

        // bob never releases: at expiry cat gets it, with no request from anyone but a check.
        let mut changes = vec![];
        s.settle(at(3010), &mut changes);
        assert!(
            matches!(&changes[..], [Change::Released { reason: ReleaseReason::Expired, .. }, Change::Granted(h)] if h.agent == id("cat") && h.fence == 3)
        );
        assert!(s.queue.is_empty());
    }

    #[test]
    fn a_waiter_can_leave_the_queue() {
        let mut s = LockState::default();
        s.acquire(req("ann", 1000, false), at(0));
        s.acquire(req("bob", 1000, true), at(1));
        assert_eq!(s.release(&id("bob"), false, at(2)).0, Released::LeftQueue);
        assert!(s.queue.is_empty());
    }

    #[test]
    fn renew_only_by_the_holder() {
        let mut s = LockState::default();
        assert_eq!(s.renew(&id("ann"), 1000, at(0)).unwrap_err(), None);
        s.acquire(req("ann", 1000, false), at(0));
        let (h, _) = s.renew(&id("ann"), 1000, at(900)).unwrap();
        assert_eq!(h.expires_at, at(1900));
        assert!(s.renew(&id("bob"), 1000, at(901)).unwrap_err().is_some());
        assert_eq!(s.next_alarm(), Some(at(1900)));
    }
}
