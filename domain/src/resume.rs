//! The session-resume bundle: what happened in the last 100 messages, what
//! waits for a human, and a one-line summary.

use std::collections::HashMap;

use hub_protocol::{
    Agent, AgentEscalation, AuthorType, ChatMessage, Claim, ContextLine, Handoff, LockInfo, Participant, Pending,
    Priority, QuickAction, SessionResume, SessionSpan, Task, Timestamp,
};

/// Words that mark a message as news of something done.
const SHIPPED: [&str; 8] = ["✅", "shipped", "completed", "built", "added", "fixed", "implemented", "deployed"];

pub struct ResumeInput {
    /// The last (up to) 100 messages, oldest first.
    pub messages: Vec<ChatMessage>,
    pub pending_handoffs: Vec<Handoff>,
    /// In-progress tasks, most recently updated first.
    pub tasks_in_progress: Vec<Task>,
    /// All claims, stale ones included.
    pub claims: Vec<Claim>,
    pub held_locks: Vec<LockInfo>,
    pub active_agents: Vec<Agent>,
    pub open_escalations: Vec<AgentEscalation>,
    pub now: Timestamp,
}

/// The first `max` characters of `s`, with "…" if cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn session_resume(input: ResumeInput) -> SessionResume {
    let messages = &input.messages;

    let mut by_author: HashMap<&str, (usize, &ChatMessage)> = HashMap::new();
    for m in messages.iter().filter(|m| m.author_type != AuthorType::System) {
        let entry = by_author.entry(m.author.as_str()).or_insert((0, m));
        entry.0 += 1;
        entry.1 = m;
    }
    let mut participants: Vec<Participant> = by_author
        .into_iter()
        .map(|(author, (count, last))| Participant {
            agent_id: author.to_owned(),
            author: author.to_owned(),
            message_count: count,
            last_message: truncate(&last.message, 100),
            last_active: last.timestamp,
        })
        .collect();
    participants.sort_by(|a, b| b.message_count.cmp(&a.message_count).then_with(|| a.author.cmp(&b.author)));

    let mut accomplishments: Vec<String> = Vec::new();
    for m in messages.iter().rev() {
        let lower = m.message.to_lowercase();
        if SHIPPED.iter().any(|w| lower.contains(w)) {
            let line = truncate(m.message.lines().next().unwrap_or("").trim(), 150);
            if !line.is_empty() && !accomplishments.contains(&line) {
                accomplishments.push(line);
            }
        }
        if accomplishments.len() == 10 {
            break;
        }
    }

    let handoffs: Vec<Handoff> = input
        .pending_handoffs
        .into_iter()
        .take(5)
        .map(|mut h| {
            h.context = truncate(&h.context, 200);
            h
        })
        .collect();
    let tasks: Vec<Task> = input.tasks_in_progress.into_iter().take(5).collect();
    let claims: Vec<Claim> = input.claims.into_iter().take(10).collect();

    let mut quick_actions = Vec::new();
    let needs_human = input.open_escalations.iter().filter(|e| e.escalation.highest_level >= 3).count();
    let action = |action: &str, label: &str, description: String, priority| QuickAction {
        action: action.into(),
        label: label.into(),
        description,
        priority,
    };
    if needs_human > 0 {
        quick_actions.push(action(
            "resolve_escalations",
            "Help stuck agents",
            format!(
                "{} {}",
                plural(needs_human, "escalation", "escalations"),
                if needs_human == 1 { "needs a human" } else { "need a human" }
            ),
            Priority::Urgent,
        ));
    }
    if !handoffs.is_empty() {
        quick_actions.push(action(
            "review_handoffs",
            "Review handoffs",
            format!("{} waiting to be picked up", plural(handoffs.len(), "handoff", "handoffs")),
            Priority::High,
        ));
    }
    if !tasks.is_empty() {
        quick_actions.push(action(
            "check_progress",
            "Check progress",
            format!("{} in progress", plural(tasks.len(), "task", "tasks")),
            Priority::Medium,
        ));
    }
    if !input.held_locks.is_empty() {
        quick_actions.push(action(
            "review_locks",
            "Review locks",
            format!("{} held", plural(input.held_locks.len(), "lock", "locks")),
            Priority::Low,
        ));
    }
    quick_actions.push(action(
        "spawn_team",
        "Start agents",
        "Bring agents online to work on open tasks".into(),
        Priority::Medium,
    ));
    quick_actions.push(action("view_chat", "Open chat", "Read the group chat".into(), Priority::Low));

    let start_time = messages.first().map(|m| m.timestamp);
    let end_time = messages.last().map(|m| m.timestamp);
    let minutes = match (start_time, end_time) {
        (Some(s), Some(e)) => e.since(s) / 60_000,
        _ => 0,
    };
    let duration_description =
        if minutes >= 60 { format!("{}h {}m", minutes / 60, minutes % 60) } else { format!("{minutes}m") };

    let recent_context = messages
        .iter()
        .skip(messages.len().saturating_sub(5))
        .map(|m| ContextLine { author: m.author.clone(), message: truncate(&m.message, 200), timestamp: m.timestamp })
        .collect();

    let mut parts = Vec::new();
    if !input.active_agents.is_empty() {
        parts.push(format!("{} active", plural(input.active_agents.len(), "agent", "agents")));
    }
    if !accomplishments.is_empty() {
        parts.push(format!("{} shipped", plural(accomplishments.len(), "thing", "things")));
    }
    if !handoffs.is_empty() {
        parts.push(format!("{} pending", plural(handoffs.len(), "handoff", "handoffs")));
    }
    if !tasks.is_empty() {
        parts.push(format!("{} in progress", plural(tasks.len(), "task", "tasks")));
    }
    if needs_human > 0 {
        parts.push(format!(
            "{} {}",
            plural(needs_human, "escalation", "escalations"),
            if needs_human == 1 { "needs a human" } else { "need a human" }
        ));
    }
    if !input.held_locks.is_empty() {
        parts.push(format!("{} held", plural(input.held_locks.len(), "lock", "locks")));
    }
    let summary_text = if parts.is_empty() { "No recent activity".to_owned() } else { parts.join(" • ") };

    SessionResume {
        timestamp: input.now,
        session: SessionSpan {
            message_count: messages.len(),
            participant_count: participants.len(),
            start_time,
            end_time,
            duration_description,
        },
        participants,
        accomplishments,
        pending: Pending { handoffs, tasks, claims },
        held_locks: input.held_locks,
        active_agents: input.active_agents,
        open_escalations: input.open_escalations,
        quick_actions,
        recent_context,
        summary_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::Timestamp;

    fn msg(author: &str, text: &str, minute: i64) -> ChatMessage {
        ChatMessage {
            id: format!("{author}{minute}"),
            author: author.into(),
            author_type: AuthorType::Agent,
            message: text.into(),
            timestamp: Timestamp::from_millis(minute * 60_000),
            reactions: vec![],
        }
    }

    fn input(messages: Vec<ChatMessage>) -> ResumeInput {
        ResumeInput {
            messages,
            pending_handoffs: vec![],
            tasks_in_progress: vec![],
            claims: vec![],
            held_locks: vec![],
            active_agents: vec![],
            open_escalations: vec![],
            now: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn empty_is_no_recent_activity() {
        let r = session_resume(input(vec![]));
        assert_eq!(r.summary_text, "No recent activity");
        assert_eq!(r.session.duration_description, "0m");
        assert_eq!(r.quick_actions.iter().map(|q| q.action.as_str()).collect::<Vec<_>>(), ["spawn_team", "view_chat"]);
    }

    #[test]
    fn participants_accomplishments_and_span() {
        let r = session_resume(input(vec![
            msg("ann", "Fixed the parser\nlong details", 0),
            msg("bob", "hello", 10),
            msg("ann", "✅ shipped v2", 20),
            msg("ann", "Fixed the parser", 95),
        ]));
        assert_eq!(r.participants[0].author, "ann");
        assert_eq!(r.participants[0].message_count, 3);
        assert_eq!(r.accomplishments, ["Fixed the parser", "✅ shipped v2"]);
        assert_eq!(r.session.duration_description, "1h 35m");
        assert_eq!(r.summary_text, "2 things shipped");
        assert_eq!(r.recent_context.len(), 4);
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("ééé", 2), "éé…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
