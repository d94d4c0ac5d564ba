//! Presence that does not hang on a socket close alone: an agent that has not
//! been seen for `offline_after_ms` counts as offline, unless it holds an
//! open WebSocket (which pings keep fresh anyway).

use hub_protocol::{AgentStatus, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresencePolicy {
    pub offline_after_ms: i64,
}

impl Default for PresencePolicy {
    /// Ten minutes: clients ping every 30 s on a socket, and HTTP-only agents
    /// call the hub at least every few minutes while they work.
    fn default() -> Self {
        Self { offline_after_ms: 10 * 60 * 1000 }
    }
}

pub fn effective_status(
    stored: AgentStatus,
    last_seen: Timestamp,
    connected: bool,
    now: Timestamp,
    policy: PresencePolicy,
) -> AgentStatus {
    if connected || stored == AgentStatus::Offline {
        return stored;
    }
    if now.since(last_seen) > policy.offline_after_ms {
        AgentStatus::Offline
    } else {
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgentStatus::*;

    fn check(stored: AgentStatus, idle_ms: i64, connected: bool, expected: AgentStatus) {
        let policy = PresencePolicy { offline_after_ms: 1000 };
        let now = Timestamp::from_millis(10_000);
        let got = effective_status(stored, now.plus_millis(-idle_ms), connected, now, policy);
        assert_eq!(got, expected, "{stored:?} idle {idle_ms} ms connected={connected}");
    }

    #[test]
    fn goes_offline_after_the_timeout_unless_connected() {
        check(Active, 0, false, Active);
        check(Active, 1000, false, Active);
        check(Active, 1001, false, Offline);
        check(Waiting, 5000, false, Offline);
        check(Active, 5000, true, Active);
        check(Offline, 0, true, Offline);
    }
}
