//! When an object's jobs run: the rules behind each object's one alarm.
//!
//! A Durable Object has one alarm, and nothing else wakes it after a
//! restart. Every object keeps its due work as rows (a report to send, a
//! notice to give, a task to return) and sets the alarm to the earliest of
//! them and, in a lock shard, its soonest lock deadline. A job may run twice
//! (a crash between its effect and its deletion), so every job is written to
//! be idempotent; a failing one is tried again later, less and less often.

use hub_protocol::Timestamp;

/// The first retry of a failed job waits this long; each next one twice as
/// long, up to [`MAX_RETRY_WAIT_MS`].
pub const FIRST_RETRY_MS: i64 = 1_000;

/// The longest wait between two tries of a failing job.
pub const MAX_RETRY_WAIT_MS: i64 = 10 * 60 * 1_000;

/// Tries after which a job is dropped (logged): about 3 hours of retries,
/// long enough to outlast a deploy or an outage of the receiving object.
pub const MAX_ATTEMPTS: u32 = 24;

/// How long a report waits for the sender that starts right after the
/// answer, before the alarm sends it instead (the sender usually has, and
/// the alarm then finds nothing due).
pub const REPORT_GRACE_MS: i64 = 5_000;

/// When a job that failed for the `attempts`-th time runs again, or `None`
/// when it has failed too often and is dropped.
#[must_use]
pub fn retry_at(attempts: u32, now: Timestamp) -> Option<Timestamp> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let doublings = attempts.saturating_sub(1).min(20);
    let wait = (FIRST_RETRY_MS << doublings).min(MAX_RETRY_WAIT_MS);
    Some(now.plus_millis(wait))
}

/// When the alarm must ring: the earliest of the soonest job and the soonest
/// other deadline, never at an instant already past (a past alarm would
/// ring again at once, a loop), and `None` when nothing waits.
#[must_use]
pub fn alarm_at(soonest_job: Option<Timestamp>, deadline: Option<Timestamp>, now: Timestamp) -> Option<Timestamp> {
    let at = match (soonest_job, deadline) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(at.max(now.plus_millis(1)))
}

/// Whether an alarm already set at `armed` serves for `wanted`: it rings no
/// later, and has not rung yet. An early ring is harmless (the handler finds
/// nothing due and re-arms), so an object sets its alarm only when it must
/// ring sooner, not on every change.
#[must_use]
pub fn armed_serves(armed: Option<Timestamp>, wanted: Option<Timestamp>, now: Timestamp) -> bool {
    match (armed, wanted) {
        (_, None) => true,
        (Some(armed), Some(wanted)) => armed > now && armed <= wanted,
        (None, Some(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_millis(1_000_000);

    #[test]
    fn retries_back_off_doubling_to_a_cap_then_give_up() {
        let waits: Vec<i64> = (1..=12).map(|n| retry_at(n, NOW).unwrap().since(NOW)).collect();
        assert_eq!(&waits[..5], &[1_000, 2_000, 4_000, 8_000, 16_000]);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]), "never sooner: {waits:?}");
        assert_eq!(retry_at(11, NOW).unwrap().since(NOW), MAX_RETRY_WAIT_MS);
        assert_eq!(retry_at(MAX_ATTEMPTS - 1, NOW).unwrap().since(NOW), MAX_RETRY_WAIT_MS);
        assert_eq!(retry_at(MAX_ATTEMPTS, NOW), None);
    }

    #[test]
    fn a_first_failure_still_waits() {
        assert_eq!(retry_at(0, NOW).unwrap().since(NOW), FIRST_RETRY_MS);
    }

    #[test]
    fn the_alarm_is_the_earliest_and_never_in_the_past() {
        let t = |ms| Some(NOW.plus_millis(ms));
        assert_eq!(alarm_at(t(500), t(200), NOW), t(200));
        assert_eq!(alarm_at(t(500), None, NOW), t(500));
        assert_eq!(alarm_at(None, t(7), NOW), t(7));
        assert_eq!(alarm_at(None, None, NOW), None);
        // Overdue work rings at the next instant, not at a past one.
        assert_eq!(alarm_at(t(-5_000), t(100), NOW), t(1));
    }

    #[test]
    fn an_alarm_is_set_again_only_when_it_must_ring_sooner() {
        let t = |ms| Some(NOW.plus_millis(ms));
        assert!(armed_serves(t(100), t(500), NOW), "rings earlier: re-arms on ringing");
        assert!(!armed_serves(t(500), t(100), NOW), "would ring too late");
        assert!(!armed_serves(t(-1), t(100), NOW), "already rang");
        assert!(!armed_serves(None, t(100), NOW));
        assert!(armed_serves(None, None, NOW));
        assert!(armed_serves(t(100), None, NOW));
    }
}
