//! Handoff transitions: pending → claimed (by the target, or anyone if open)
//! → completed (by its claimer only).

use hub_protocol::{AgentId, Handoff, HandoffStatus, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoffError {
    /// 409: not pending any more, or meant for someone else.
    Conflict(String),
    /// 400: completing what one has not claimed.
    Invalid(String),
}

/// # Errors
/// `Conflict` if the handoff is not pending or targets another agent.
pub fn claim_handoff(mut h: Handoff, agent: &AgentId, now: Timestamp) -> Result<Handoff, HandoffError> {
    if h.status != HandoffStatus::Pending {
        return Err(HandoffError::Conflict(format!("Handoff is {}, not pending", h.status.as_str())));
    }
    if let Some(to) = &h.to_agent {
        if to != agent {
            return Err(HandoffError::Conflict(format!("Handoff is for {to}")));
        }
    }
    h.status = HandoffStatus::Claimed;
    h.claimed_by = Some(agent.clone());
    h.claimed_at = Some(now);
    Ok(h)
}

/// Sends a pending handoff to `to`. Its author may route it, and so may a
/// human (`by_human`: the portal re-targets work an agent left).
///
/// # Errors
/// `Conflict` if the handoff is not pending; `Invalid` if `by` may not
/// route it or `to` is its author.
pub fn route_handoff(mut h: Handoff, by: &AgentId, by_human: bool, to: AgentId) -> Result<Handoff, HandoffError> {
    if h.status != HandoffStatus::Pending {
        return Err(HandoffError::Conflict(format!("Handoff is {}, not pending", h.status.as_str())));
    }
    if !by_human && *by != h.from_agent {
        return Err(HandoffError::Invalid(format!("Only {} or a human may route this handoff", h.from_agent)));
    }
    if to == h.from_agent {
        return Err(HandoffError::Invalid(format!("{to} wrote this handoff: route it to someone else")));
    }
    h.to_agent = Some(to);
    Ok(h)
}

/// # Errors
/// `Invalid` unless the handoff is claimed by `agent`.
pub fn complete_handoff(mut h: Handoff, agent: &AgentId, now: Timestamp) -> Result<Handoff, HandoffError> {
    if h.status != HandoffStatus::Claimed || h.claimed_by.as_ref() != Some(agent) {
        return Err(HandoffError::Invalid(format!("Handoff must be claimed by {agent} to complete it")));
    }
    h.status = HandoffStatus::Completed;
    h.completed_at = Some(now);
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::Priority;

    fn handoff(to: Option<&str>) -> Handoff {
        Handoff {
            id: "handoff-1".into(),
            from_agent: AgentId::parse("ann").unwrap(),
            to_agent: to.map(|t| AgentId::parse(t).unwrap()),
            title: "t".into(),
            context: "c".into(),
            code: None,
            file_path: None,
            next_steps: vec![],
            priority: Priority::Medium,
            status: HandoffStatus::Pending,
            claimed_by: None,
            created_at: Timestamp::from_millis(0),
            claimed_at: None,
            completed_at: None,
        }
    }

    #[test]
    fn open_handoff_goes_to_whoever_claims_then_completes() {
        let bob = AgentId::parse("bob").unwrap();
        let h = claim_handoff(handoff(None), &bob, Timestamp::from_millis(5)).unwrap();
        assert_eq!((h.status, h.claimed_at), (HandoffStatus::Claimed, Some(Timestamp::from_millis(5))));
        assert!(matches!(claim_handoff(h.clone(), &bob, Timestamp::from_millis(6)), Err(HandoffError::Conflict(_))));
        let cat = AgentId::parse("cat").unwrap();
        assert!(matches!(complete_handoff(h.clone(), &cat, Timestamp::from_millis(7)), Err(HandoffError::Invalid(_))));
        let done = complete_handoff(h, &bob, Timestamp::from_millis(8)).unwrap();
        assert_eq!(done.status, HandoffStatus::Completed);
    }

    #[test]
    fn targeted_handoff_only_for_its_target() {
        let bob = AgentId::parse("bob").unwrap();
        assert!(matches!(
            claim_handoff(handoff(Some("cat")), &bob, Timestamp::from_millis(1)),
            Err(HandoffError::Conflict(_))
        ));
        assert!(claim_handoff(handoff(Some("bob")), &bob, Timestamp::from_millis(1)).is_ok());
    }

    #[test]
    fn pending_cannot_be_completed() {
        let bob = AgentId::parse("bob").unwrap();
        assert!(matches!(
            complete_handoff(handoff(None), &bob, Timestamp::from_millis(1)),
            Err(HandoffError::Invalid(_))
        ));
    }

    #[test]
    fn only_the_author_or_a_human_routes_a_pending_handoff_elsewhere() {
        let (ann, bob, cy) =
            (AgentId::parse("ann").unwrap(), AgentId::parse("bob").unwrap(), AgentId::parse("cy").unwrap());
        let routed = route_handoff(handoff(Some("bob")), &ann, false, cy.clone()).unwrap();
        assert_eq!(routed.to_agent, Some(cy.clone()));
        assert!(matches!(route_handoff(handoff(None), &bob, false, cy.clone()), Err(HandoffError::Invalid(_))));
        assert_eq!(route_handoff(handoff(None), &bob, true, cy.clone()).unwrap().to_agent, Some(cy.clone()));
        assert!(matches!(route_handoff(handoff(None), &bob, true, ann.clone()), Err(HandoffError::Invalid(_))));
        let claimed = claim_handoff(handoff(None), &bob, Timestamp::from_millis(1)).unwrap();
        assert!(matches!(route_handoff(claimed, &ann, false, cy), Err(HandoffError::Conflict(_))));
    }
}
