//! How much history the hub keeps. Every list that grows with use is
//! bounded: the oldest rows go as new ones come (pruned on the write, with
//! a primary-key range delete, so storage never passes the bound).

/// The bounds, configurable per deployment (`HUB_KEEP_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// A team's chat messages.
    pub chat: u32,
    /// An agent's direct messages, read or not.
    pub dms: u32,
    /// An agent's memories.
    pub memories: u32,
    /// An agent's traces (with their steps and escalations).
    pub traces: u32,
    /// Steps of one trace; more is refused (complete it, start another).
    pub steps_per_trace: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Self { chat: 10_000, dms: 1_000, memories: 2_000, traces: 500, steps_per_trace: 1_000 }
    }
}

/// Grants kept in a lock's history.
pub const LOCK_HISTORY_KEPT: u32 = 100;
/// Done tasks, resolved escalations and completed handoffs a team keeps.
pub const SETTLED_KEPT: u32 = 1_000;
/// Revoked tokens are forgotten this long after their revocation.
pub const REVOKED_TOKENS_KEPT_MS: i64 = 30 * 24 * 3600 * 1000;
