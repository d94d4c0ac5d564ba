//! Progression: XP per trace, levels, streaks, rust, trust and abilities.
//!
//! Deviations from the original: the rust multiplier is applied to XP (it was
//! only shown), and a level never drops when a streak breaks (it was
//! recomputed from scratch, so a reset streak demoted the soul).

use std::collections::BTreeMap;

use hub_protocol::{Abilities, Escalation, Level, LevelUp, ResolvedBy, Soul, Timestamp, TraceSummary};

const DAY_MS: i64 = 24 * 3600 * 1000;
pub const DOMAINS: [&str; 4] = ["frontend", "backend", "devops", "research"];

/// `(level, xp, streak, tasks)` thresholds; a level needs all three.
pub const LEVELS: [(Level, i64, u32, u32); 4] = [
    (Level::Novice, 0, 0, 0),
    (Level::Capable, 100, 3, 5),
    (Level::Expert, 500, 5, 25),
    (Level::Master, 2000, 10, 100),
];

/// The personality of a soul created without one (the original's).
pub const DEFAULT_PERSONALITY: &str = "helpful assistant";

pub fn new_soul(id: &str, name: &str, personality: Option<String>, now: Timestamp) -> Soul {
    Soul {
        soul_id: id.into(),
        name: name.into(),
        personality: Some(personality.unwrap_or_else(|| DEFAULT_PERSONALITY.to_owned())),
        created_at: now,
        total_xp: 0,
        level: Level::Novice,
        current_streak: 0,
        longest_streak: 0,
        tasks_completed: 0,
        tasks_successful: 0,
        total_tokens_used: 0,
        avg_efficiency: 0.0,
        peers_helped: 0,
        last_trace_id: None,
        last_trace_at: None,
        escalation_count: 0,
        self_resolved_count: 0,
        peer_assist_count: 0,
        human_escalation_count: 0,
        specializations: DOMAINS.iter().map(|d| ((*d).to_owned(), 0)).collect::<BTreeMap<_, _>>(),
        achievements: vec![],
        abilities: Abilities::default(),
        trust_score: 0.5,
        transparency_score: 0.5,
        track_record_score: 0.5,
        rust_level: 0.0,
        effective_xp_multiplier: 1.0,
    }
}

/// The highest level whose thresholds are all met.
pub fn earned_level(xp: i64, streak: u32, tasks: u32) -> Level {
    LEVELS.iter().rev().find(|(_, x, s, t)| xp >= *x && streak >= *s && tasks >= *t).map_or(Level::Novice, |l| l.0)
}

/// The level after a change: the earned one, but never lower than before.
pub fn next_level(current: Level, xp: i64, streak: u32, tasks: u32) -> Level {
    current.max(earned_level(xp, streak, tasks))
}

/// Abilities are cumulative with level.
pub fn abilities_for(level: Level, mut a: Abilities) -> Abilities {
    if level >= Level::Capable {
        a.can_commit = true;
    }
    if level >= Level::Expert {
        a.can_spawn_subagents = true;
        a.can_mentor_peers = true;
    }
    if level >= Level::Master {
        a.can_access_prod = true;
        a.extended_budget = true;
    }
    a
}

/// Inactivity: 0 under 7 days since the last trace, 0.2 under 30, 0.4 under
/// 90, else 0.6. No trace yet is no rust.
pub fn rust(last_trace_at: Option<Timestamp>, now: Timestamp) -> f64 {
    let Some(last) = last_trace_at else { return 0.0 };
    match now.since(last) / DAY_MS {
        d if d < 7 => 0.0,
        d if d < 30 => 0.2,
        d if d < 90 => 0.4,
        _ => 0.6,
    }
}

pub fn xp_multiplier(rust: f64) -> f64 {
    1.0 - 0.5 * rust
}

/// The soul as of `now`: its rust and XP multiplier, which depend on the
/// time since its last trace, are worked out when it is read.
pub fn soul_now(mut soul: Soul, now: Timestamp) -> Soul {
    soul.rust_level = rust(soul.last_trace_at, now);
    soul.effective_xp_multiplier = xp_multiplier(soul.rust_level);
    soul
}

/// Base XP of a completed trace, before rust: 10, +15 (efficiency > 0.7) or
/// +5 (> 0.5), +10 if every escalation was self-resolved or left open, +5 if
/// there was none; at most 40.
pub fn trace_xp(efficiency: f64, escalations: &[Escalation]) -> i64 {
    let mut xp = 10;
    if efficiency > 0.7 {
        xp += 15;
    } else if efficiency > 0.5 {
        xp += 5;
    }
    if escalations.iter().all(|e| matches!(e.resolved_by, None | Some(ResolvedBy::SelfResolved))) {
        xp += 10;
    }
    if escalations.is_empty() {
        xp += 5;
    }
    xp.min(40)
}

fn trust(soul: &Soul) -> f64 {
    let success_rate = if soul.tasks_completed == 0 {
        0.0
    } else {
        f64::from(soul.tasks_successful) / f64::from(soul.tasks_completed)
    };
    let (selfr, human) = (f64::from(soul.self_resolved_count), f64::from(soul.human_escalation_count));
    let self_rate = if soul.self_resolved_count == 0 { 0.5 } else { selfr / (selfr + human) };
    let avoidance = if soul.human_escalation_count == 0 { 1.0 } else { 1.0 / (1.0 + 0.1 * human) };
    (0.5 * success_rate + 0.3 * self_rate + 0.2 * avoidance).min(1.0)
}

/// A trace is credited (XP, streak, tasks towards a level) only for real
/// work: at least a minute of it, by its steps' durations or by the time
/// from start to completion, whichever is longer.
pub const MIN_CREDITED_WORK_MS: i64 = 60_000;

/// Traces credited per agent in any 24 hours; the ones past it are
/// recorded and earn nothing. Together with the minimum work this ends
/// XP farming (a dozen one-step traces in 0.2 s once earned a level).
pub const CREDITED_TRACES_PER_DAY: usize = 20;

/// Whether a completed trace earns credit: enough work, within the day's
/// allowance (`completed_today` counts the traces completed in the last
/// 24 hours before this one).
pub fn earns_credit(summary: &TraceSummary, started_at: Timestamp, now: Timestamp, completed_today: usize) -> bool {
    let work = summary.exploration_time_ms.max(now.millis().saturating_sub(started_at.millis()));
    work >= MIN_CREDITED_WORK_MS && completed_today < CREDITED_TRACES_PER_DAY
}

/// What a completed trace did to the soul.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceCredit {
    pub soul: Soul,
    pub xp_gained: i64,
    pub level_up: Option<LevelUp>,
}

/// Credits a completed trace. Callers apply each trace once (the DO records
/// that it did), and only one that [`earns_credit`]; `started_at` is the
/// trace's start.
pub fn credit_trace(
    mut soul: Soul,
    trace_id: &str,
    summary: &TraceSummary,
    escalations: &[Escalation],
    domain: Option<&str>,
    started_at: Timestamp,
    now: Timestamp,
) -> TraceCredit {
    let multiplier = xp_multiplier(rust(soul.last_trace_at, now));
    let xp = (trace_xp(summary.efficiency, escalations) as f64 * multiplier).round() as i64;
    let success = !escalations.iter().any(|e| e.resolved_by == Some(ResolvedBy::Human));

    soul.total_xp += xp;
    soul.current_streak = if success { soul.current_streak + 1 } else { 0 };
    soul.longest_streak = soul.longest_streak.max(soul.current_streak);
    soul.tasks_completed += 1;
    if success {
        soul.tasks_successful += 1;
    }
    let n = f64::from(soul.tasks_completed);
    soul.avg_efficiency += (summary.efficiency - soul.avg_efficiency) / n;
    for e in escalations {
        soul.escalation_count += 1;
        match e.resolved_by {
            Some(ResolvedBy::SelfResolved) => soul.self_resolved_count += 1,
            Some(ResolvedBy::Peer) => soul.peer_assist_count += 1,
            Some(ResolvedBy::Human) => soul.human_escalation_count += 1,
            None => {}
        }
    }
    if let Some(d) = domain.filter(|d| DOMAINS.contains(d)) {
        *soul.specializations.entry(d.to_owned()).or_insert(0) += xp / 2;
    }
    soul.last_trace_id = Some(trace_id.to_owned());
    soul.last_trace_at = Some(started_at.max(soul.last_trace_at.unwrap_or(started_at)));
    soul.trust_score = trust(&soul);
    let level_up = raise_level(&mut soul);
    TraceCredit { soul, xp_gained: xp, level_up }
}

/// Adds XP directly (goals, admin grants).
pub fn add_xp(mut soul: Soul, xp: i64) -> (Soul, Option<LevelUp>) {
    soul.total_xp += xp;
    let up = raise_level(&mut soul);
    (soul, up)
}

fn raise_level(soul: &mut Soul) -> Option<LevelUp> {
    let level = next_level(soul.level, soul.total_xp, soul.current_streak, soul.tasks_completed);
    if level == soul.level {
        return None;
    }
    let (before, after) = (soul.abilities, abilities_for(level, soul.abilities));
    let up = LevelUp {
        old_level: soul.level,
        new_level: level,
        new_abilities: ability_names(after)
            .into_iter()
            .filter(|n| !ability_names(before).contains(n))
            .map(str::to_owned)
            .collect(),
    };
    soul.level = level;
    soul.abilities = after;
    Some(up)
}

/// The abilities that are on, by their wire names.
fn ability_names(a: Abilities) -> Vec<&'static str> {
    [
        ("canCommit", a.can_commit),
        ("canSpawnSubagents", a.can_spawn_subagents),
        ("canAccessProd", a.can_access_prod),
        ("canMentorPeers", a.can_mentor_peers),
        ("extendedBudget", a.extended_budget),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_work_within_the_days_allowance_earns_credit() {
        let at = |ms| Timestamp::from_millis(ms);
        let summary = |ms| TraceSummary {
            total_steps: 1,
            dead_ends: 0,
            exploration_time_ms: ms,
            solution_time_ms: ms,
            efficiency: 1.0,
        };
        assert!(!earns_credit(&summary(10), at(0), at(200), 0), "a one-step trace in 0.2 s");
        assert!(earns_credit(&summary(60_000), at(0), at(200), 0), "a minute of steps");
        assert!(earns_credit(&summary(0), at(0), at(61_000), 0), "a minute from start to completion");
        assert!(!earns_credit(&summary(60_000), at(0), at(200), CREDITED_TRACES_PER_DAY), "past the day's allowance");
    }

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    fn summary(efficiency: f64) -> TraceSummary {
        TraceSummary { total_steps: 1, dead_ends: 0, exploration_time_ms: 1, solution_time_ms: 1, efficiency }
    }

    fn esc(by: Option<ResolvedBy>) -> Escalation {
        Escalation {
            id: "e".into(),
            session_id: "s".into(),
            triggered_at: t(0),
            triggers: vec![],
            highest_level: 1,
            resolved_at: None,
            resolved_by: by,
            resolver_agent: None,
            helpful_hint: None,
        }
    }

    #[test]
    fn level_boundaries_need_all_three() {
        let check = |xp, s, n, want| assert_eq!(earned_level(xp, s, n), want, "{xp} xp, streak {s}, {n} tasks");
        check(99, 3, 5, Level::Novice);
        check(100, 2, 5, Level::Novice);
        check(100, 3, 4, Level::Novice);
        check(100, 3, 5, Level::Capable);
        check(500, 5, 25, Level::Expert);
        check(2000, 10, 100, Level::Master);
        check(5000, 9, 1000, Level::Expert);
    }

    #[test]
    fn a_broken_streak_does_not_demote() {
        assert_eq!(next_level(Level::Expert, 600, 0, 30), Level::Expert);
    }

    #[test]
    fn xp_cases() {
        assert_eq!(trace_xp(0.8, &[]), 40);
        assert_eq!(trace_xp(0.6, &[]), 30);
        assert_eq!(trace_xp(0.1, &[]), 25);
        assert_eq!(trace_xp(0.8, &[esc(Some(ResolvedBy::SelfResolved))]), 35);
        assert_eq!(trace_xp(0.8, &[esc(None)]), 35);
        assert_eq!(trace_xp(0.8, &[esc(Some(ResolvedBy::Human))]), 25);
    }

    #[test]
    fn rust_bands_and_multiplier_applied() {
        let day = DAY_MS;
        assert_eq!(rust(None, t(0)), 0.0);
        assert_eq!(rust(Some(t(0)), t(6 * day)), 0.0);
        assert_eq!(rust(Some(t(0)), t(7 * day)), 0.2);
        assert_eq!(rust(Some(t(0)), t(30 * day)), 0.4);
        assert_eq!(rust(Some(t(0)), t(90 * day)), 0.6);
        let mut soul = new_soul("a", "a", None, t(0));
        soul.last_trace_at = Some(t(0));
        let c = credit_trace(soul, "tr", &summary(0.8), &[], None, t(100 * day), t(100 * day));
        assert_eq!(c.xp_gained, 28, "40 × (1 − 0.5 × 0.6)");
    }

    #[test]
    fn streak_counters_trust_and_domain() {
        let soul = new_soul("a", "a", None, t(0));
        let c = credit_trace(
            soul,
            "t1",
            &summary(0.8),
            &[esc(Some(ResolvedBy::SelfResolved))],
            Some("backend"),
            t(1),
            t(2),
        );
        let s = c.soul;
        assert_eq!((s.current_streak, s.longest_streak, s.tasks_completed, s.tasks_successful), (1, 1, 1, 1));
        assert_eq!((s.escalation_count, s.self_resolved_count), (1, 1));
        assert_eq!(s.specializations["backend"], 17);
        assert!((s.trust_score - 1.0).abs() < 1e-9, "{}", s.trust_score);
        let c = credit_trace(s, "t2", &summary(0.2), &[esc(Some(ResolvedBy::Human))], None, t(3), t(4));
        assert_eq!((c.soul.current_streak, c.soul.longest_streak, c.soul.tasks_successful), (0, 1, 1));
        assert!((c.soul.avg_efficiency - 0.5).abs() < 1e-9);
        assert!(c.soul.trust_score < 0.7);
    }

    #[test]
    fn level_up_merges_abilities() {
        let mut soul = new_soul("a", "a", None, t(0));
        soul.current_streak = 2;
        soul.tasks_completed = 4;
        soul.total_xp = 90;
        let c = credit_trace(soul, "t", &summary(0.8), &[], None, t(0), t(0));
        let up = c.level_up.unwrap();
        assert_eq!(
            (up.old_level, up.new_level, up.new_abilities),
            (Level::Novice, Level::Capable, vec!["canCommit".to_owned()])
        );
        assert!(c.soul.abilities.can_commit);
        assert!(!c.soul.abilities.can_spawn_subagents);
    }
}
