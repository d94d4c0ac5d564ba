//! A completed trace's summary.

use hub_protocol::{ContributionType, Outcome, Step, TraceSummary};

/// Dead ends are steps that found nothing or failed; solution time is the
/// time of steps that found something or contributed directly.
pub fn summarize(steps: &[Step]) -> TraceSummary {
    // Saturating: durations are capped when recorded, but a stored trace
    // from before the cap must not wrap into a negative time.
    let total = |it: &mut dyn Iterator<Item = i64>| it.fold(0i64, |a, d| a.saturating_add(d.max(0)));
    let exploration = total(&mut steps.iter().map(|s| s.duration_ms));
    let solution = total(
        &mut steps
            .iter()
            .filter(|s| s.outcome == Outcome::Found || s.contribution_type == Some(ContributionType::Direct))
            .map(|s| s.duration_ms),
    );
    TraceSummary {
        total_steps: steps.len(),
        dead_ends: steps.iter().filter(|s| matches!(s.outcome, Outcome::Nothing | Outcome::Error)).count(),
        exploration_time_ms: exploration,
        solution_time_ms: solution,
        efficiency: if exploration == 0 { 0.0 } else { solution as f64 / exploration as f64 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::Timestamp;

    fn step(outcome: Outcome, ms: i64, c: Option<ContributionType>) -> Step {
        Step {
            id: String::new(),
            session_id: String::new(),
            timestamp: Timestamp::from_millis(0),
            tool: "t".into(),
            intent: String::new(),
            outcome,
            duration_ms: ms,
            contribution_type: c,
            knowledge_gained: vec![],
            eliminated_paths: 0,
            depends_on: vec![],
        }
    }

    #[test]
    fn summary_figures() {
        let s = summarize(&[
            step(Outcome::Found, 300, None),
            step(Outcome::Nothing, 100, None),
            step(Outcome::Partial, 100, Some(ContributionType::Direct)),
            step(Outcome::Error, 500, None),
        ]);
        assert_eq!((s.total_steps, s.dead_ends, s.exploration_time_ms, s.solution_time_ms), (4, 2, 1000, 400));
        assert!((s.efficiency - 0.4).abs() < 1e-9);
        assert_eq!(summarize(&[]).efficiency, 0.0);
    }
}
