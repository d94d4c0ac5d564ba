//! What one caller may store or ask for at once: the bounds and caps the
//! objects apply, as rules (the objects only count and store). A refusal
//! says what is wrong and what to do.

use hub_protocol::Soul;

/// Why a request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A field out of its bounds (a 400 naming it).
    Field { field: &'static str, message: String },
    /// Something is full or already there (a 409).
    Conflict(String),
}

fn field(field: &'static str, message: &str) -> Refusal {
    Refusal::Field { field, message: message.to_owned() }
}

/// Achievements one soul keeps (each unlock is a write by the agent itself).
pub const MAX_ACHIEVEMENTS: usize = 200;

/// A cap per owner, so one agent cannot fill the team's tables.
///
/// # Errors
/// When `owner` already holds `limit` of `what`.
pub fn within_cap(held: usize, limit: usize, owner: &str, what: &str) -> Result<(), Refusal> {
    if held >= limit {
        return Err(Refusal::Conflict(format!(
            "'{owner}' has {held} {what}, the most one agent may have: finish or release some first"
        )));
    }
    Ok(())
}

/// DMs marked read in one request.
///
/// # Errors
/// Past 1,000 ids.
pub fn mark_read(ids: usize) -> Result<(), Refusal> {
    if ids > 1000 {
        return Err(field("messageIds", "must list at most 1000 ids"));
    }
    Ok(())
}

/// Tags on one memory.
///
/// # Errors
/// Past 50 tags.
pub fn memory_tags(tags: usize) -> Result<(), Refusal> {
    if tags > 50 {
        return Err(field("tags", "must list at most 50 tags"));
    }
    Ok(())
}

/// Memories in one answer: 50 unless asked, 1 to 200.
pub fn memories_limit(asked: Option<u32>) -> u32 {
    asked.unwrap_or(50).clamp(1, 200)
}

/// XP granted in one award.
///
/// # Errors
/// Outside 1 to 10,000.
pub fn xp_award(xp: i64) -> Result<(), Refusal> {
    if !(1..=10_000).contains(&xp) {
        return Err(field("xp", "must be between 1 and 10000"));
    }
    Ok(())
}

/// A new soul where one may exist: only when asked to start over.
///
/// # Errors
/// When one exists and `reset` was not sent.
pub fn new_soul(exists: bool, reset: bool) -> Result<(), Refusal> {
    if exists && !reset {
        return Err(Refusal::Conflict(
            "A soul exists already; its progress is kept. Send {\"reset\": true} to start over".into(),
        ));
    }
    Ok(())
}

/// Unlocks achievement `id`; whether it was unlocked already.
///
/// # Errors
/// When the soul holds [`MAX_ACHIEVEMENTS`] and `id` is a new one.
pub fn unlock(soul: &mut Soul, id: &str) -> Result<bool, Refusal> {
    if soul.achievements.iter().any(|a| a == id) {
        return Ok(true);
    }
    if soul.achievements.len() >= MAX_ACHIEVEMENTS {
        return Err(Refusal::Conflict(format!("This soul has {MAX_ACHIEVEMENTS} achievements, the most it keeps")));
    }
    soul.achievements.push(id.to_owned());
    Ok(false)
}

/// Steps one trace takes.
///
/// # Errors
/// When trace `sid` has `cap` steps.
pub fn trace_has_room(steps: u32, cap: u32, sid: &str) -> Result<(), Refusal> {
    if steps >= cap {
        return Err(Refusal::Conflict(format!(
            "Trace {sid} has {cap} steps, the most a trace takes: complete it and start another"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_refuse_past_their_edge_only() {
        assert_eq!(mark_read(1000), Ok(()));
        assert!(matches!(mark_read(1001), Err(Refusal::Field { field: "messageIds", .. })));
        assert_eq!(memory_tags(50), Ok(()));
        assert!(memory_tags(51).is_err());
        assert_eq!((memories_limit(None), memories_limit(Some(0)), memories_limit(Some(999))), (50, 1, 200));
        assert!(xp_award(0).is_err() && xp_award(10_001).is_err() && xp_award(10_000).is_ok());
        assert!(within_cap(4, 5, "ann", "claims").is_ok());
        assert!(
            matches!(within_cap(5, 5, "ann", "claims"), Err(Refusal::Conflict(m)) if m.contains("'ann' has 5 claims"))
        );
        assert!(trace_has_room(999, 1000, "s").is_ok() && trace_has_room(1000, 1000, "s").is_err());
    }

    #[test]
    fn a_soul_is_replaced_only_on_request_and_keeps_a_bounded_set_of_achievements() {
        assert!(new_soul(false, false).is_ok() && new_soul(true, true).is_ok());
        assert!(matches!(new_soul(true, false), Err(Refusal::Conflict(_))));
        let mut soul = crate::new_soul("ann", "ann", None, hub_protocol::Timestamp::from_millis(0));
        assert_eq!(unlock(&mut soul, "first"), Ok(false));
        assert_eq!(unlock(&mut soul, "first"), Ok(true), "already unlocked");
        soul.achievements = (0..MAX_ACHIEVEMENTS).map(|i| i.to_string()).collect();
        assert_eq!(unlock(&mut soul, "0"), Ok(true), "a known one is still answered");
        assert!(matches!(unlock(&mut soul, "new"), Err(Refusal::Conflict(_))));
    }
}
