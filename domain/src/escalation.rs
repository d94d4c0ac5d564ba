//! Detecting a stuck agent after each step, and recording it once.
//!
//! The five triggers and levels are the original's. Deviations: an
//! unresolved escalation is recorded once per trigger per trace (the original
//! inserted a row on every step while any trigger held), and a level-2
//! escalation left unresolved for [`HUMAN_AFTER_STEPS`] more steps is raised
//! to level 3 (human), which the original never produced.

use hub_protocol::{
    AgentId, Caller, ContributionType, Escalation, EscalationNotice, Outcome, ResolvedBy, Step, Timestamp, Trigger,
    TriggerType,
};

pub const HUMAN_AFTER_STEPS: usize = 5;
const TIME_LIMIT_MS: i64 = 10 * 60 * 1000;

pub fn recommendation(level: u8) -> &'static str {
    match level {
        0 => "Continue working",
        1 => "Consider pausing to review approach",
        2 => "PAUSE: Ask for guidance or try different approach",
        _ => "ESCALATE: Human intervention recommended",
    }
}

/// Triggers that hold over the whole trace, `steps` oldest first with the
/// current step last.
pub fn detect(steps: &[Step], started_at: Timestamp, now: Timestamp) -> Vec<Trigger> {
    let mut out = Vec::new();
    let mut fire = |kind, level, reason: String| out.push(Trigger { kind, level, reason, detected_at: now });
    let count = |o: Outcome| steps.iter().filter(|s| s.outcome == o).count();
    if let Some(current) = steps.last() {
        let recent = &steps[steps.len().saturating_sub(5)..];
        let loops = recent
            .iter()
            .filter(|s| s.tool == current.tool && matches!(s.outcome, Outcome::Nothing | Outcome::Partial))
            .count();
        if loops >= 3 {
            fire(
                TriggerType::StuckLoop,
                2,
                format!("{loops} of the last 5 steps used {} without progress", current.tool),
            );
        }
    }
    let nothing = count(Outcome::Nothing);
    if nothing >= 3 {
        fire(TriggerType::RepeatedFailures, 1, format!("{nothing} steps found nothing"));
    }
    let errors = count(Outcome::Error);
    if errors >= 2 {
        fire(TriggerType::ErrorAccumulation, 2, format!("{errors} steps ended in an error"));
    }
    let elapsed = now.since(started_at);
    if elapsed > TIME_LIMIT_MS {
        fire(TriggerType::TimeExceeded, 1, format!("{} minutes on this trace", elapsed / 60_000));
    }
    if steps.len() >= 5 {
        let unproductive = steps
            .iter()
            .filter(|s| {
                matches!(s.outcome, Outcome::Nothing | Outcome::Error)
                    || s.contribution_type == Some(ContributionType::Minimal)
            })
            .count();
        if unproductive * 10 > steps.len() * 6 {
            fire(TriggerType::LowEfficiency, 1, format!("{unproductive} of {} steps were unproductive", steps.len()));
        }
    }
    out
}

/// An unresolved escalation of the trace, as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEscalation {
    pub id: String,
    pub kind: TriggerType,
    pub level: u8,
    /// How many steps the trace had when it was opened.
    pub opened_at_step: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EscalationPlan {
    /// A trigger with no open escalation of its kind: record one.
    Open(Trigger),
    /// A level-2 escalation ignored too long: raise it to level 3.
    RaiseToHuman { id: String, trigger: Trigger },
}

/// A level-2 escalation ignored too long, raised to the human (level 3).
pub fn raise_to_human(mut e: Escalation, trigger: Trigger) -> Escalation {
    e.highest_level = 3;
    e.triggers.push(trigger);
    e
}

/// What a step's answer tells the agent: nothing when no trigger holds and
/// no escalation opened or rose; else the highest level among the open
/// escalations and this step's triggers, and the escalation to look at
/// (the one just opened or raised, else the highest open one).
pub fn notice(triggers: &[Trigger], changed: Option<&str>, open: &[OpenEscalation]) -> Option<EscalationNotice> {
    if triggers.is_empty() && changed.is_none() {
        return None;
    }
    let highest = open.iter().map(|o| o.level).chain(triggers.iter().map(|t| t.level)).max().unwrap_or(0);
    let focus = changed.map(str::to_owned).or_else(|| open.iter().max_by_key(|o| o.level).map(|o| o.id.clone()));
    Some(EscalationNotice {
        should_escalate: true,
        triggers: triggers.to_vec(),
        highest_level: highest,
        recommendation: recommendation(highest).into(),
        escalation_id: focus.unwrap_or_default(),
    })
}

pub fn plan(triggers: &[Trigger], open: &[OpenEscalation], step_count: usize, now: Timestamp) -> Vec<EscalationPlan> {
    let mut out: Vec<EscalationPlan> =
        triggers.iter().filter(|t| !open.iter().any(|o| o.kind == t.kind)).cloned().map(EscalationPlan::Open).collect();
    for o in open.iter().filter(|o| o.level == 2 && step_count.saturating_sub(o.opened_at_step) >= HUMAN_AFTER_STEPS) {
        out.push(EscalationPlan::RaiseToHuman {
            id: o.id.clone(),
            trigger: Trigger {
                kind: TriggerType::HumanNeeded,
                level: 3,
                reason: format!("{} unresolved for {HUMAN_AFTER_STEPS} more steps", o.kind.as_str()),
                detected_at: now,
            },
        });
    }
    out
}

/// Whether `by` may close an escalation that reached `highest_level`:
/// level 3 means "needs a human", so neither the agent nor a peer closes it.
pub fn may_close(highest_level: u8, by: hub_protocol::ResolvedBy) -> bool {
    highest_level < 3 || by == hub_protocol::ResolvedBy::Human
}

/// Whether a report of `incoming` may replace what the index holds of the
/// same escalation: reports are retried, so one may arrive after a newer
/// one. An escalation only rises and then resolves, so an unresolved report
/// never replaces a resolved one, nor a lower level a higher one; the same
/// state again is taken (a repeat changes nothing).
pub fn supersedes(stored: Option<&Escalation>, incoming: &Escalation) -> bool {
    match stored {
        None => true,
        Some(old) if old.resolved_at.is_some() => incoming.resolved_at.is_some(),
        Some(old) => incoming.resolved_at.is_some() || incoming.highest_level >= old.highest_level,
    }
}

/// An escalation's resolution in words, for the agent that was stuck:
/// "escalation esc-… resolved by peer: try the other index".
pub fn resolved_note(e: &Escalation) -> String {
    format!(
        "escalation {} resolved by {}{}",
        e.id,
        e.resolved_by.map_or("", ResolvedBy::as_str),
        e.helpful_hint.as_ref().map(|h| format!(": {h}")).unwrap_or_default()
    )
}

/// Who a resolution is recorded under: the agent resolving for a peer, or
/// the named human resolving as a human, whatever the body named or left
/// out; otherwise whom the body named.
pub fn resolver(caller: &Caller, by: ResolvedBy, named: Option<AgentId>) -> Option<AgentId> {
    match (caller, by) {
        (Caller::Agent(me), ResolvedBy::Peer) | (Caller::NamedHuman(me), ResolvedBy::Human) if named.is_none() => {
            Some(me.clone())
        }
        _ => named,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_report_never_undoes_a_newer_one() {
        let at = |level, resolved: bool| Escalation {
            id: "esc-1".into(),
            session_id: "s".into(),
            triggered_at: Timestamp::from_millis(0),
            triggers: vec![],
            highest_level: level,
            resolved_at: resolved.then(|| Timestamp::from_millis(5)),
            resolved_by: None,
            resolver_agent: None,
            helpful_hint: None,
        };
        assert!(supersedes(None, &at(1, false)));
        assert!(supersedes(Some(&at(1, false)), &at(2, false)), "it rose");
        assert!(supersedes(Some(&at(2, false)), &at(2, false)), "a repeat");
        assert!(supersedes(Some(&at(2, false)), &at(1, true)), "it resolved");
        assert!(!supersedes(Some(&at(2, false)), &at(1, false)), "an older level");
        assert!(!supersedes(Some(&at(2, true)), &at(2, false)), "an older, open state");
    }

    #[test]
    fn the_notice_names_the_highest_level_and_the_escalation_to_look_at() {
        let t = |level| Trigger {
            kind: TriggerType::StuckLoop,
            level,
            reason: String::new(),
            detected_at: Timestamp::from_millis(0),
        };
        let open =
            |id: &str, level| OpenEscalation { id: id.into(), kind: TriggerType::StuckLoop, level, opened_at_step: 0 };
        assert_eq!(notice(&[], None, &[open("e1", 2)]), None, "nothing new: no notice");
        let n = notice(&[t(1)], None, &[open("e1", 1), open("e2", 3)]).unwrap();
        assert_eq!((n.highest_level, n.escalation_id.as_str()), (3, "e2"));
        assert_eq!(n.recommendation, recommendation(3));
        let n = notice(&[t(2)], Some("e9"), &[open("e2", 3)]).unwrap();
        assert_eq!(n.escalation_id, "e9", "the one just opened or raised comes first");
    }

    #[test]
    fn level_three_is_closed_by_the_human_only() {
        use hub_protocol::ResolvedBy::{Human, Peer, SelfResolved};
        assert!(may_close(2, SelfResolved) && may_close(2, Peer) && may_close(2, Human));
        assert!(!may_close(3, SelfResolved) && !may_close(3, Peer) && may_close(3, Human));
    }

    fn step(tool: &str, outcome: Outcome) -> Step {
        Step {
            id: String::new(),
            session_id: String::new(),
            timestamp: Timestamp::from_millis(0),
            tool: tool.into(),
            intent: String::new(),
            outcome,
            duration_ms: 0,
            contribution_type: None,
            knowledge_gained: vec![],
            eliminated_paths: 0,
            depends_on: vec![],
        }
    }

    fn kinds(steps: &[Step], minutes: i64) -> Vec<TriggerType> {
        detect(steps, Timestamp::from_millis(0), Timestamp::from_millis(minutes * 60_000))
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    use Outcome::*;
    use TriggerType::*;

    #[test]
    fn each_trigger_fires_at_its_threshold() {
        assert_eq!(kinds(&[step("grep", Found)], 0), []);
        assert_eq!(kinds(&[step("grep", Nothing), step("grep", Partial), step("grep", Nothing)], 0), [StuckLoop]);
        assert_eq!(kinds(&[step("a", Nothing), step("b", Nothing), step("c", Nothing)], 0), [RepeatedFailures]);
        assert_eq!(kinds(&[step("a", Error), step("b", Error)], 0), [ErrorAccumulation]);
        assert_eq!(kinds(&[step("a", Found)], 10), []);
        assert_eq!(kinds(&[step("a", Found)], 11), [TimeExceeded]);
        let mostly_bad = [step("a", Error), step("b", Nothing), step("c", Found), step("d", Nothing), step("e", Error)];
        assert!(kinds(&mostly_bad, 0).contains(&LowEfficiency));
    }

    #[test]
    fn stuck_loop_only_counts_the_current_tool_in_the_last_five() {
        let s = [
            step("grep", Nothing),
            step("grep", Nothing),
            step("x", Found),
            step("y", Found),
            step("z", Found),
            step("w", Found),
            step("grep", Nothing),
        ];
        assert!(!kinds(&s, 0).contains(&StuckLoop));
    }

    #[test]
    fn one_escalation_per_trigger_then_human_after_five_steps() {
        let t = |kind, level| Trigger { kind, level, reason: String::new(), detected_at: Timestamp::from_millis(0) };
        let now = Timestamp::from_millis(0);
        let first = plan(&[t(ErrorAccumulation, 2)], &[], 2, now);
        assert!(matches!(&first[..], [EscalationPlan::Open(tr)] if tr.kind == ErrorAccumulation));
        let open = [OpenEscalation { id: "e1".into(), kind: ErrorAccumulation, level: 2, opened_at_step: 2 }];
        assert_eq!(plan(&[t(ErrorAccumulation, 2)], &open, 3, now), []);
        assert_eq!(plan(&[t(ErrorAccumulation, 2)], &open, 6, now), []);
        let raised = plan(&[t(ErrorAccumulation, 2)], &open, 7, now);
        assert!(
            matches!(&raised[..], [EscalationPlan::RaiseToHuman { id, trigger }] if id == "e1" && trigger.level == 3)
        );
    }

    #[test]
    fn recommendations_by_level() {
        assert_eq!(recommendation(0), "Continue working");
        assert_eq!(recommendation(3), "ESCALATE: Human intervention recommended");
    }

    #[test]
    fn a_resolution_names_the_peer_or_the_named_human_when_the_body_does_not() {
        let id = |s: &str| AgentId::parse(s).unwrap();
        let (bob, alice) = (Caller::Agent(id("bob")), Caller::NamedHuman(id("human:alice")));
        assert_eq!(resolver(&bob, ResolvedBy::Peer, None), Some(id("bob")));
        assert_eq!(resolver(&alice, ResolvedBy::Human, None), Some(id("human:alice")));
        assert_eq!(
            resolver(&alice, ResolvedBy::Human, Some(id("human:carol"))),
            Some(id("human:carol")),
            "then checked"
        );
        assert_eq!(resolver(&Caller::Human, ResolvedBy::Human, None), None);
        assert_eq!(resolver(&bob, ResolvedBy::SelfResolved, None), None);
    }
}
