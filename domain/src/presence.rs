//! Presence that does not hang on a socket close alone: an agent that has not
//! been seen for `offline_after_ms` counts as offline, unless it holds an
//! open WebSocket (which pings keep fresh anyway).

use hub_protocol::{AgentId, AgentStatus, AgentUpdate, PresenceChange, Timestamp};

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

/// How long presence news gathers before it goes out: a person watching
/// the portal does not see 100 ms, and a burst of connects shares one
/// message (without it, N agents connecting at once tell every socket
/// already open about each newcomer: N² messages).
pub const PRESENCE_GATHER_MS: u32 = 100;

/// Presence changes gathered for one message to the team.
#[derive(Debug, Default)]
pub struct PresenceNews(Vec<PresenceChange>);

impl PresenceNews {
    /// Gathers `agent_id`'s new `status`; a later change of one agent
    /// replaces its earlier one. Whether this is the first since the last
    /// [`Self::take`] (the caller then starts the wait).
    pub fn add(&mut self, agent_id: AgentId, status: AgentStatus) -> bool {
        let first = self.0.is_empty();
        match self.0.iter_mut().find(|c| c.agent_id == agent_id) {
            Some(known) => known.status = status,
            None => self.0.push(PresenceChange { agent_id, status }),
        }
        first
    }

    /// What gathered, as one update, and nothing left: the original's shape
    /// for a single change, a batch in the order they came for several.
    pub fn take(&mut self) -> Option<AgentUpdate> {
        let mut news = std::mem::take(&mut self.0);
        match news.len() {
            0 => None,
            1 => news.pop().map(|c| AgentUpdate::Presence { agent_id: c.agent_id, status: c.status }),
            _ => Some(AgentUpdate::PresenceBatch { presence: news }),
        }
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

    #[test]
    fn news_gathers_one_change_per_agent_and_goes_out_once() {
        let id = |s: &str| AgentId::parse(s).unwrap();
        let mut news = PresenceNews::default();
        assert_eq!(news.take(), None);
        assert!(news.add(id("ann"), Active), "the first starts the wait");
        assert_eq!(news.take(), Some(AgentUpdate::Presence { agent_id: id("ann"), status: Active }));
        assert!(news.add(id("ann"), Active), "taken: the next is a first again");
        assert!(!news.add(id("bob"), Active));
        assert!(!news.add(id("ann"), Offline));
        let change = |s: &str, status| PresenceChange { agent_id: id(s), status };
        assert_eq!(
            news.take(),
            Some(AgentUpdate::PresenceBatch { presence: vec![change("ann", Offline), change("bob", Active)] })
        );
        assert_eq!(news.take(), None);
    }
}
