//! The dashboard: where an agent stands, and what it should do next.

use hub_protocol::{
    AgentStatus, Alerts, Dashboard, Flow, FlowState, HeartbeatStatus, LevelProgress, Outcome, Priority, RustStatus,
    SessionStats, Soul, Specialization, StreakStatus, Suggestion, Timestamp, TrustStatus,
};

use crate::progression::{rust, xp_multiplier, LEVELS};

const HOUR_MS: i64 = 3600 * 1000;
const DAY_MS: i64 = 24 * HOUR_MS;
/// A streak "expires" this long after the last trace (display only).
const STREAK_WINDOW_MS: i64 = 48 * HOUR_MS;
const RANKS: [(&str, i64); 5] =
    [("None", 0), ("Familiar", 100), ("Proficient", 500), ("Specialist", 2000), ("Authority", 5000)];

/// A recent trace as coaching needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceTimes {
    pub started_at: Timestamp,
    pub completed_at: Option<Timestamp>,
}

/// A recent step of an open trace.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentStep {
    pub at: Timestamp,
    pub outcome: Outcome,
}

pub struct CoachingInput<'a> {
    pub soul: &'a Soul,
    /// The last (up to) 10 traces, newest first.
    pub traces: &'a [TraceTimes],
    /// Steps of open traces, newest first.
    pub open_steps: &'a [RecentStep],
    pub open_escalations: u32,
    pub heartbeat: HeartbeatStatus,
    pub now: Timestamp,
}

pub fn level_progress(soul: &Soul) -> LevelProgress {
    let next = LEVELS.iter().find(|(l, ..)| *l > soul.level);
    match next {
        None => LevelProgress {
            current: soul.level,
            xp: soul.total_xp,
            next_level: None,
            xp_needed: 0,
            xp_progress: 100,
            streak_needed: 0,
            tasks_needed: 0,
            message: Some("Max level reached!".into()),
        },
        Some((level, xp, streak, tasks)) => LevelProgress {
            current: soul.level,
            xp: soul.total_xp,
            next_level: Some(*level),
            xp_needed: (xp - soul.total_xp).max(0),
            xp_progress: ((soul.total_xp.max(0) * 100) / xp).min(100) as u32,
            streak_needed: streak.saturating_sub(soul.current_streak),
            tasks_needed: tasks.saturating_sub(soul.tasks_completed),
            message: None,
        },
    }
}

pub fn specialization(xp: i64) -> Specialization {
    let i = RANKS.iter().rposition(|(_, min)| xp >= *min).unwrap_or(0);
    let progress = match RANKS.get(i + 1) {
        Some((_, next)) => (((xp - RANKS[i].1) * 100) / (next - RANKS[i].1)).clamp(0, 100) as u32,
        None => 100,
    };
    Specialization { domain: String::new(), xp, rank: RANKS[i].0.into(), progress }
}

pub fn flow(input: &CoachingInput) -> Flow {
    let now = input.now;
    if input.open_escalations > 0 {
        return Flow { status: FlowState::Stuck, duration_minutes: 0, respect_flow: false };
    }
    let recent: Vec<&RecentStep> =
        input.open_steps.iter().filter(|s| now.since(s.at) <= 15 * 60_000).take(10).collect();
    let productive = recent.iter().filter(|s| matches!(s.outcome, Outcome::Found | Outcome::Partial)).count();
    if productive >= 5 {
        let oldest = recent.iter().map(|s| s.at).min().unwrap_or(now);
        return Flow { status: FlowState::InFlow, duration_minutes: now.since(oldest) / 60_000, respect_flow: true };
    }
    if input.traces.iter().any(|t| now.since(t.started_at) <= HOUR_MS) {
        return Flow { status: FlowState::Available, duration_minutes: 0, respect_flow: false };
    }
    Flow { status: FlowState::Offline, duration_minutes: 0, respect_flow: false }
}

/// A team member's flow as its coordinator can tell it, without the
/// agent's steps: `stuck` with an open escalation, `offline`, else
/// `available` (`in_flow` only the agent's own dashboard can say).
pub fn team_flow(status: AgentStatus, open_escalation: bool) -> FlowState {
    match status {
        _ if open_escalation => FlowState::Stuck,
        AgentStatus::Offline => FlowState::Offline,
        _ => FlowState::Available,
    }
}

pub fn dashboard(input: &CoachingInput) -> Dashboard {
    let soul = input.soul;
    let now = input.now;
    let level = level_progress(soul);

    let last = input.traces.first().map(|t| t.completed_at.unwrap_or(t.started_at));
    let remaining_ms = last.map_or(0, |l| (l.plus_millis(STREAK_WINDOW_MS).since(now)).max(0));
    let streak = StreakStatus {
        current: soul.current_streak,
        longest: soul.longest_streak,
        at_risk: last.is_none() || remaining_ms < 8 * HOUR_MS,
        hours_until_expires: (remaining_ms as f64 / HOUR_MS as f64 * 10.0).round() / 10.0,
    };

    let rust_level = rust(soul.last_trace_at, now);
    let status = match rust_level {
        0.0 => "None ✨",
        r if r <= 0.2 => "Light 🌱",
        r if r <= 0.4 => "Moderate ⚠️",
        _ => "Heavy 🔧",
    };
    let rust = RustStatus { level: rust_level, xp_multiplier: xp_multiplier(rust_level), status: status.into() };

    let today = now.millis() / DAY_MS;
    let tasks_today = input.traces.iter().filter(|t| t.started_at.millis() / DAY_MS == today).count() as u32;
    let session = SessionStats {
        tasks_today,
        xp_today: i64::from(tasks_today) * 30,
        avg_efficiency: (soul.avg_efficiency * 100.0).round() as u32,
        tokens_used: soul.total_tokens_used,
    };

    let success_rate = (soul.tasks_successful * 100).checked_div(soul.tasks_completed).unwrap_or(0);
    let trust = TrustStatus {
        overall: soul.trust_score,
        transparency: soul.transparency_score,
        track_record: soul.track_record_score,
        success_rate,
    };

    let specializations: Vec<Specialization> = soul
        .specializations
        .iter()
        .map(|(domain, xp)| Specialization { domain: domain.clone(), ..specialization(*xp) })
        .collect();

    let alerts = Alerts {
        pending_escalations: input.open_escalations,
        streak_at_risk: streak.at_risk,
        high_rust: rust_level >= 0.4,
    };

    let mut suggestions = Vec::new();
    let mut suggest =
        |action: String, priority, reason: String| suggestions.push(Suggestion { action, priority, reason });
    if let Some(next) = level.next_level.filter(|_| level.xp_needed < 100) {
        // A level needs XP, streak and tasks: promise one task only when
        // one task is all that is missing.
        let action = if level.tasks_needed <= 1 && level.streak_needed == 0 {
            format!("Complete one more task to reach {}!", next.as_str())
        } else {
            format!(
                "Keep completing traces to reach {}: {} more tasks, streak +{}",
                next.as_str(),
                level.tasks_needed,
                level.streak_needed
            )
        };
        suggest(action, Priority::High, format!("{} XP to go", level.xp_needed.max(0)));
    }
    if input.open_escalations > 0 {
        suggest(
            "Check escalation queue - someone might need help!".into(),
            Priority::Medium,
            format!("{} open escalation(s)", input.open_escalations),
        );
    }
    if tasks_today == 0 {
        suggest("Start your first task of the day".into(), Priority::Medium, "No trace started today".into());
    }
    if rust_level > 0.0 {
        suggest(
            "Complete a task to shake off rust".into(),
            Priority::High,
            format!("Rust costs you {:.0}% of XP", rust_level * 50.0),
        );
    }
    if let Some((domain, xp)) = soul.specializations.iter().min_by_key(|(_, xp)| **xp) {
        if *xp < 50 {
            suggest(
                format!("Try a {domain} task to become more well-rounded"),
                Priority::Low,
                format!("{domain} has {xp} XP"),
            );
        }
    }

    Dashboard {
        agent_id: soul.soul_id.clone(),
        timestamp: now,
        heartbeat: input.heartbeat.clone(),
        flow: flow(input),
        level,
        streak,
        rust,
        session,
        trust,
        abilities: soul.abilities,
        specializations,
        recent_achievements: soul.achievements.iter().rev().take(5).cloned().collect(),
        alerts,
        suggestions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progression::new_soul;
    use hub_protocol::Level;

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    fn input<'a>(
        soul: &'a Soul,
        traces: &'a [TraceTimes],
        steps: &'a [RecentStep],
        open: u32,
        now: i64,
    ) -> CoachingInput<'a> {
        let heartbeat = crate::heartbeat_status(vec![], 0, t(now));
        CoachingInput { soul, traces, open_steps: steps, open_escalations: open, heartbeat, now: t(now) }
    }

    #[test]
    fn flow_states() {
        let soul = new_soul("a", "a", None, t(0));
        let now = 10 * DAY_MS;
        assert_eq!(flow(&input(&soul, &[], &[], 1, now)).status, FlowState::Stuck);
        let steps: Vec<RecentStep> =
            (0..5).map(|i| RecentStep { at: t(now - i * 60_000), outcome: Outcome::Found }).collect();
        let f = flow(&input(&soul, &[], &steps, 0, now));
        assert_eq!((f.status, f.duration_minutes, f.respect_flow), (FlowState::InFlow, 4, true));
        let recent = [TraceTimes { started_at: t(now - HOUR_MS / 2), completed_at: None }];
        assert_eq!(flow(&input(&soul, &recent, &steps[..4], 0, now)).status, FlowState::Available);
        assert_eq!(flow(&input(&soul, &[], &[], 0, now)).status, FlowState::Offline);
    }

    #[test]
    fn level_progress_and_max() {
        let mut soul = new_soul("a", "a", None, t(0));
        soul.total_xp = 50;
        let p = level_progress(&soul);
        assert_eq!(
            (p.next_level, p.xp_needed, p.xp_progress, p.streak_needed, p.tasks_needed),
            (Some(Level::Capable), 50, 50, 3, 5)
        );
        soul.level = Level::Master;
        assert_eq!(level_progress(&soul).message.as_deref(), Some("Max level reached!"));
    }

    #[test]
    fn specialization_ranks() {
        assert_eq!(specialization(0).rank, "None");
        assert_eq!(specialization(150).rank, "Familiar");
        assert_eq!(specialization(300).progress, 50);
        assert_eq!(specialization(6000).rank, "Authority");
    }

    #[test]
    fn coaching_rules_fire_in_order() {
        let mut soul = new_soul("a", "a", None, t(0));
        soul.total_xp = 20;
        soul.last_trace_at = Some(t(0));
        let now = 10 * DAY_MS;
        let d = dashboard(&input(&soul, &[], &[], 2, now));
        let actions: Vec<&str> = d.suggestions.iter().map(|s| s.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "Keep completing traces to reach capable: 5 more tasks, streak +3",
                "Check escalation queue - someone might need help!",
                "Start your first task of the day",
                "Complete a task to shake off rust",
                "Try a backend task to become more well-rounded",
            ]
        );
        assert!(d.streak.at_risk && d.alerts.streak_at_risk);
        assert_eq!(d.rust.status, "Light 🌱");
    }

    #[test]
    fn a_team_member_is_stuck_with_an_open_escalation_whatever_its_presence() {
        assert_eq!(team_flow(AgentStatus::Active, true), FlowState::Stuck);
        assert_eq!(team_flow(AgentStatus::Offline, true), FlowState::Stuck);
        assert_eq!(team_flow(AgentStatus::Offline, false), FlowState::Offline);
        assert_eq!(team_flow(AgentStatus::Idle, false), FlowState::Available);
    }

    #[test]
    fn one_task_is_promised_only_when_one_task_is_all_that_is_missing() {
        let mut soul = new_soul("a", "a", None, t(0));
        (soul.total_xp, soul.current_streak, soul.tasks_completed) = (90, 3, 4);
        let d = dashboard(&input(&soul, &[], &[], 0, 0));
        assert_eq!(d.suggestions[0].action, "Complete one more task to reach capable!");
    }

    #[test]
    fn streak_window() {
        let soul = new_soul("a", "a", None, t(0));
        let traces = [TraceTimes { started_at: t(0), completed_at: Some(t(HOUR_MS)) }];
        let d = dashboard(&input(&soul, &traces, &[], 0, 9 * HOUR_MS));
        assert_eq!((d.streak.at_risk, d.streak.hours_until_expires), (false, 40.0));
        let d = dashboard(&input(&soul, &traces, &[], 0, 45 * HOUR_MS));
        assert!(d.streak.at_risk);
    }
}
