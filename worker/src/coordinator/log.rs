//! The team's event log (see [`crate::event_log`]): chat, tasks, handoffs,
//! locks and escalations (`Event::is_logged`), replayed to a team socket
//! reconnecting with `?since=`.

use hub_protocol::{Envelope, Event, Timestamp};

use super::{AgentCoordinator, Result};

/// Events the team's log keeps at most.
pub const LOG_KEPT: u64 = 10_000;

/// Days the team's log keeps an event at most.
pub const LOG_DAYS: i64 = 7;

impl AgentCoordinator {
    /// `event` as sent: logged with the next `seq` when it is a logged kind.
    pub(super) fn enter(&self, event: Event, now: Timestamp) -> (Envelope, Option<String>) {
        if !event.is_logged() {
            return (Envelope::new(event, now), None);
        }
        self.log.enter(event, now)
    }

    /// What a socket resuming after `since` missed (see [`crate::event_log::Log::replay`]).
    pub(super) fn replay(&self, since: u64, now: Timestamp) -> Result<Vec<String>> {
        self.log.replay(since, |e| serde_json::to_string(&Envelope::new(Event::Error(e), now)).unwrap_or_default())
    }
}
