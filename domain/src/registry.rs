//! Registering an agent: an upsert where absent fields keep their stored
//! values. Deviation from the original: it overwrote absent lists with `[]`.

use hub_protocol::{Agent, AgentId, AgentStatus, RegisterAgent, Timestamp};

pub fn register(existing: Option<Agent>, req: RegisterAgent, now: Timestamp) -> Agent {
    let list = |new: Option<Vec<hub_protocol::Text<100>>>, old: Vec<String>| match new {
        Some(v) => v.into_iter().map(hub_protocol::Text::into_string).collect(),
        None => old,
    };
    let old = existing.unwrap_or_else(|| Agent {
        agent_id: req.agent_id.clone(),
        status: AgentStatus::Active,
        current_task: None,
        working_on: None,
        last_seen: now,
        capabilities: vec![],
        offers: vec![],
        needs: vec![],
    });
    Agent {
        agent_id: req.agent_id,
        status: req.status.unwrap_or(AgentStatus::Active),
        current_task: req.current_task.map(hub_protocol::Text::into_string).or(old.current_task),
        working_on: req.working_on.map(hub_protocol::Text::into_string).or(old.working_on),
        last_seen: now,
        capabilities: list(req.capabilities, old.capabilities),
        offers: list(req.offers, old.offers),
        needs: list(req.needs, old.needs),
    }
}

/// An agent that just showed itself (asked for work, opened a socket,
/// onboarded): `known` as stored, or registered now if it is new; active,
/// seen `now`, everything else as it was.
pub fn seen_active(id: &AgentId, known: Option<Agent>, now: Timestamp) -> Agent {
    let mut agent = known.unwrap_or_else(|| register(None, RegisterAgent::new(id.clone()), now));
    agent.status = AgentStatus::Active;
    agent.last_seen = now;
    agent
}

/// How far a stored `last_seen` may lag before a call that changes nothing
/// else writes it again. Presence moves in minutes ([`crate::PresencePolicy`]),
/// while an agent polling for work in a loop would otherwise make every poll
/// a disk write (a commit is most of a write's latency).
pub const SEEN_RESOLUTION_MS: i64 = 1_000;

/// Whether `next` must be written over `stored`: a field besides
/// `last_seen` changed, or `last_seen` moved by a full resolution step.
pub fn worth_storing(stored: &Agent, next: &Agent) -> bool {
    // Destructured, so a new field cannot be forgotten here.
    let Agent { agent_id, status, current_task, working_on, last_seen, capabilities, offers, needs } = next;
    last_seen.since(stored.last_seen) >= SEEN_RESOLUTION_MS
        || *agent_id != stored.agent_id
        || *status != stored.status
        || *current_task != stored.current_task
        || *working_on != stored.working_on
        || *capabilities != stored.capabilities
        || *offers != stored.offers
        || *needs != stored.needs
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::{AgentId, Text};

    fn req(json: &str) -> RegisterAgent {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn new_agent_defaults_to_active() {
        let a = register(None, req(r#"{"agentId":"a"}"#), Timestamp::from_millis(7));
        assert_eq!(a.status, AgentStatus::Active);
        assert_eq!(a.last_seen, Timestamp::from_millis(7));
        assert!(a.capabilities.is_empty());
    }

    #[test]
    fn absent_fields_keep_their_values() {
        let mut first = RegisterAgent::new(AgentId::parse("a").unwrap());
        first.capabilities = Some(vec![Text::parse("rust").unwrap()]);
        first.working_on = Some(Text::parse("parser").unwrap());
        let a = register(None, first, Timestamp::from_millis(1));
        let b = register(Some(a), req(r#"{"agentId":"a","status":"idle"}"#), Timestamp::from_millis(2));
        assert_eq!(b.capabilities, vec!["rust".to_string()]);
        assert_eq!(b.working_on.as_deref(), Some("parser"));
        assert_eq!(b.status, AgentStatus::Idle);
        assert_eq!(b.last_seen, Timestamp::from_millis(2));
    }

    #[test]
    fn showing_up_makes_an_agent_active_and_keeps_the_rest() {
        let id = AgentId::parse("a").unwrap();
        let new = seen_active(&id, None, Timestamp::from_millis(3));
        assert_eq!(
            (new.agent_id.as_str(), new.status, new.last_seen),
            ("a", AgentStatus::Active, Timestamp::from_millis(3))
        );
        let idle = register(
            Some(new),
            req(r#"{"agentId":"a","status":"idle","workingOn":"parser"}"#),
            Timestamp::from_millis(4),
        );
        let back = seen_active(&id, Some(idle), Timestamp::from_millis(9));
        assert_eq!((back.status, back.last_seen), (AgentStatus::Active, Timestamp::from_millis(9)));
        assert_eq!(back.working_on.as_deref(), Some("parser"));
    }

    #[test]
    fn a_heartbeat_is_stored_once_a_second_and_a_change_at_once() {
        let t = |ms| Timestamp::from_millis(ms);
        let stored = register(None, req(r#"{"agentId":"a","currentTask":"x"}"#), t(1_000));
        let again = |ms| register(Some(stored.clone()), req(r#"{"agentId":"a","currentTask":"x"}"#), t(ms));
        assert!(!worth_storing(&stored, &again(1_999)));
        assert!(worth_storing(&stored, &again(2_000)));
        let moved = register(Some(stored.clone()), req(r#"{"agentId":"a","currentTask":"y"}"#), t(1_001));
        assert!(worth_storing(&stored, &moved));
        let idle = register(Some(stored.clone()), req(r#"{"agentId":"a","status":"idle"}"#), t(1_001));
        assert!(worth_storing(&stored, &idle));
        assert!(!worth_storing(&stored, &seen_active(&stored.agent_id, Some(stored.clone()), t(1_500))));
    }
}
