//! Heartbeat health: is the agent still there?

use hub_protocol::{HeartbeatEntry, HeartbeatStatus, Timestamp};

/// No heartbeat for this long and the agent counts as stalled (the
/// original's threshold).
pub const STALL_AFTER_MS: i64 = 5 * 60 * 1000;

/// The status from the newest heartbeats (newest first) and their count.
pub fn heartbeat_status(recent: Vec<HeartbeatEntry>, count: u32, now: Timestamp) -> HeartbeatStatus {
    let last = recent.first().map(|h| h.timestamp);
    let stalled_for_ms = last.map_or(0, |t| now.since(t).max(0));
    HeartbeatStatus {
        last_heartbeat: last,
        is_healthy: last.is_some() && stalled_for_ms < STALL_AFTER_MS,
        stalled_for_ms,
        stalled_for_minutes: (stalled_for_ms as f64 / 6_000.0).round() / 10.0,
        heartbeat_count: count,
        recent_heartbeats: recent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> HeartbeatEntry {
        HeartbeatEntry {
            timestamp: Timestamp::from_millis(ms),
            status: "healthy".into(),
            tokens_used: 0,
            current_task: None,
        }
    }

    #[test]
    fn healthy_within_five_minutes_of_the_last_heartbeat() {
        let now = Timestamp::from_millis(10_000_000);
        let fresh = heartbeat_status(vec![at(10_000_000 - 90_000)], 1, now);
        assert!(fresh.is_healthy);
        assert_eq!((fresh.stalled_for_ms, fresh.stalled_for_minutes), (90_000, 1.5));
        assert!(!heartbeat_status(vec![at(10_000_000 - STALL_AFTER_MS)], 1, now).is_healthy);
    }

    #[test]
    fn no_heartbeat_yet_is_not_healthy_and_not_stalled_for_ever() {
        let s = heartbeat_status(vec![], 0, Timestamp::from_millis(10_000_000));
        assert!(!s.is_healthy);
        assert_eq!((s.last_heartbeat, s.stalled_for_ms, s.heartbeat_count), (None, 0, 0));
    }
}
