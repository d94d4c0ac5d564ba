//! Claims go stale 30 minutes after they were made (or refreshed); a stale
//! claim hides from lists and can be taken over.

use hub_protocol::{AgentId, Timestamp};

pub const CLAIM_STALE_AFTER_MS: i64 = 30 * 60 * 1000;

pub fn is_stale(since: Timestamp, now: Timestamp) -> bool {
    now.since(since) > CLAIM_STALE_AFTER_MS
}

/// Whether `by` may (re)claim something held by `holder` since `since`:
/// not while a live claim of another agent stands.
pub fn may_claim(holder: Option<(&AgentId, Timestamp)>, by: &AgentId, now: Timestamp) -> bool {
    !matches!(holder, Some((who, since)) if who != by && !is_stale(since, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_minutes_then_stale() {
        let t0 = Timestamp::from_millis(0);
        assert!(!is_stale(t0, t0.plus_millis(CLAIM_STALE_AFTER_MS)));
        assert!(is_stale(t0, t0.plus_millis(CLAIM_STALE_AFTER_MS + 1)));
    }

    #[test]
    fn live_claims_of_others_block() {
        let (ann, bob) = (AgentId::parse("ann").unwrap(), AgentId::parse("bob").unwrap());
        let t0 = Timestamp::from_millis(0);
        assert!(!may_claim(Some((&ann, t0)), &bob, t0.plus_millis(1000)));
        assert!(may_claim(Some((&ann, t0)), &ann, t0.plus_millis(1000)));
        assert!(may_claim(Some((&ann, t0)), &bob, t0.plus_millis(CLAIM_STALE_AFTER_MS + 1)));
        assert!(may_claim(None, &bob, t0));
    }
}
