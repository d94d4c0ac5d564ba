use std::collections::HashMap;

use hub_protocol::{
    AgentEscalation, AgentId, AgentStatus, Approval, AttentionAction, AttentionKind, AuthorType, ChatMessage,
    Escalation, Priority, Task, TaskId, TaskStatus, Timestamp, Trigger, TriggerType,
};

use super::*;

fn at(min: i64) -> Timestamp {
    Timestamp::from_millis(min * 60_000)
}

fn msg(id: &str, author: &str, kind: AuthorType, text: &str, min: i64) -> ChatMessage {
    ChatMessage {
        id: id.into(),
        author: author.into(),
        author_type: kind,
        message: text.into(),
        timestamp: at(min),
        reactions: vec![],
        posted_by: None,
    }
}

fn task(id: &str, status: TaskStatus, priority: Priority, assignee: Option<&str>) -> Task {
    Task {
        id: TaskId::parse(id).unwrap(),
        title: format!("task {id}"),
        description: None,
        status,
        assignee: assignee.map(|a| AgentId::parse(a).unwrap()),
        created_by: "ann".into(),
        priority,
        tags: vec![],
        files: vec![],
        created_at: at(0),
        updated_at: at(1),
        blocked_by: vec![],
        parent: None,
        taken_at: None,
    }
}

fn escalation(level: u8, reasons: &[(&str, i64)]) -> AgentEscalation {
    AgentEscalation {
        agent_id: AgentId::parse("bob").unwrap(),
        escalation: Escalation {
            id: format!("e{level}"),
            session_id: "s1".into(),
            triggered_at: at(2),
            triggers: reasons
                .iter()
                .map(|(r, m)| Trigger {
                    kind: TriggerType::ErrorAccumulation,
                    level,
                    reason: (*r).into(),
                    detected_at: at(*m),
                })
                .collect(),
            highest_level: level,
            resolved_at: None,
            resolved_by: None,
            resolver_agent: None,
            helpful_hint: None,
        },
    }
}

#[test]
fn asks_of_humans_are_explicit_handles() {
    assert!(asks_humans("@human I need CI access"));
    assert!(asks_humans("can @humans look?"));
    assert!(asks_humans("@human:alice please"));
    assert!(asks_humans("(@Human)"));
    assert!(!asks_humans("@all done"));
    assert!(!asks_humans("mail me at bob@human.org"));
    assert!(!asks_humans("@humanity"));
}

#[test]
fn a_human_message_after_an_ask_answers_it() {
    let chat = [
        msg("1", "ann", AuthorType::Agent, "@human I need CI access", 1),
        msg("2", "human", AuthorType::Human, "on it", 2),
        msg("3", "bob", AuthorType::Agent, "@human waiting for approval", 3),
        msg("4", "cid", AuthorType::Agent, "shipped the parser", 4),
    ];
    let open: Vec<&str> = unanswered_mentions(&chat).iter().map(|m| m.id.as_str()).collect();
    assert_eq!(open, ["3"]);
}

#[test]
fn the_list_holds_each_kind_with_its_action_most_urgent_first() {
    let esc = [escalation(1, &[("2 steps ended in an error", 2)]), escalation(3, &[("stuck", 3)])];
    let approvals = [Approval {
        id: "ap1".into(),
        agent_id: AgentId::parse("cid").unwrap(),
        question: "Deploy?".into(),
        options: vec!["approve".into(), "deny".into()],
        context: None,
        asked_at: at(5),
        answer: None,
        note: None,
        answered_by: None,
        answered_at: None,
        reescalated: 1,
    }];
    let chat = [msg("m1", "ann", AuthorType::Agent, "@human I need CI access", 1)];
    let tasks = [
        task("t-blocked", TaskStatus::Blocked, Priority::Medium, Some("ann")),
        task("t-urgent", TaskStatus::Todo, Priority::Urgent, None),
        task("t-fine", TaskStatus::Todo, Priority::Urgent, Some("bob")),
    ];
    let none = HashMap::new();
    let facts = AttentionFacts {
        escalations: &esc,
        reescalated: &none.iter().map(|(k, v): (&String, &u32)| (k.clone(), *v)).collect(),
        approvals: &approvals,
        chat: &chat,
        tasks: &tasks,
        pending_handoffs: &[],
        held_locks: &[],
        oldest_waiter: &HashMap::new(),
        presence: &HashMap::<String, (AgentStatus, Timestamp)>::new(),
    };
    let items = attention(&facts, at(10));
    let kinds: Vec<(AttentionKind, AttentionAction)> = items.iter().map(|i| (i.kind, i.action)).collect();
    assert_eq!(
        kinds,
        [
            (AttentionKind::Escalation, AttentionAction::Resolve),
            (AttentionKind::Approval, AttentionAction::Decide),
            (AttentionKind::Mention, AttentionAction::Reply),
            (AttentionKind::BlockedTask, AttentionAction::Assign),
            (AttentionKind::UrgentTask, AttentionAction::Assign),
            (AttentionKind::Escalation, AttentionAction::Resolve),
        ]
    );
    assert_eq!(items[0].level, Some(3));
    assert_eq!(items[1].options, ["approve", "deny"]);
    assert_eq!(items[1].reescalated, 1);
    assert_eq!(items[5].what, "Level 1: 2 steps ended in an error (open 8 min)");
}

#[test]
fn escalation_text_keeps_the_latest_reason_of_each_kind() {
    let e = escalation(2, &[("2 steps ended in an error", 2), ("5 steps ended in an error", 6)]);
    assert_eq!(escalation_text(&e.escalation, at(12)), "Level 2: 5 steps ended in an error (open 10 min)");
}

#[test]
fn reescalation_waits_its_interval_and_stops_at_its_count() {
    assert!(!reescalate_due(0, at(0), 1800, 2, at(29)));
    assert!(reescalate_due(0, at(0), 1800, 2, at(30)));
    assert!(!reescalate_due(2, at(0), 1800, 2, at(90)));
    assert!(!reescalate_due(0, at(0), 0, 2, at(90)));
}

#[test]
fn since_you_left_is_the_end_of_the_previous_visit() {
    assert_eq!(visit_since(None, at(2000)), at(2000 - 24 * 60), "a first visit looks back a day");
    assert_eq!(visit_since(Some((at(10), at(20))), at(45)), at(10), "the same visit: its start stands");
    assert_eq!(visit_since(Some((at(10), at(20))), at(51)), at(20), "a new visit: since the last look");
}

#[test]
fn approvals_offer_their_options_once_and_take_one_in_any_case() {
    assert_eq!(approval_options(None).unwrap(), ["approve", "deny"]);
    let o = approval_options(Some(vec!["Yes".into(), "yes".into(), "no".into()])).unwrap();
    assert_eq!(o, ["Yes", "no"]);
    assert!(approval_options(Some(vec![])).is_err());
    assert!(approval_options(Some((0..11).map(|i| i.to_string()).collect())).is_err());
    assert_eq!(chosen_option(&o, " YES ").unwrap(), "Yes");
    assert_eq!(chosen_option(&o, "maybe").unwrap_err(), "must be one of: Yes, no");
}
