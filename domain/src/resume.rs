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
    let participants = participants(messages);
    let accomplishments = accomplishments(messages);
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
    let counts = Counts {
        agents: input.active_agents.len(),
        shipped: accomplishments.len(),
        handoffs: handoffs.len(),
        tasks: tasks.len(),
        needs_human: input.open_escalations.iter().filter(|e| e.escalation.highest_level >= 3).count(),
        locks: input.held_locks.len(),
    };
    let recent_context = messages
        .iter()
        .skip(messages.len().saturating_sub(5))
        .map(|m| ContextLine { author: m.author.clone(), message: truncate(&m.message, 200), timestamp: m.timestamp })
        .collect();
    SessionResume {
        timestamp: input.now,
        session: span(messages, participants.len()),
        participants,
        accomplishments,
        pending: Pending { handoffs, tasks, claims },
        held_locks: input.held_locks,
        active_agents: input.active_agents,
        open_escalations: input.open_escalations,
        quick_actions: quick_actions(&counts),
        recent_context,
        summary_text: counts.summary(),
    }
}

/// Who spoke in the recent chat, most messages first.
fn participants(messages: &[ChatMessage]) -> Vec<Participant> {
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
    participants
}

/// The first lines of the newest (up to ten) messages that announce
/// something done.
fn accomplishments(messages: &[ChatMessage]) -> Vec<String> {
    let mut done: Vec<String> = Vec::new();
    for m in messages.iter().rev() {
        let lower = m.message.to_lowercase();
        if SHIPPED.iter().any(|w| lower.contains(w)) {
            let line = truncate(m.message.lines().next().unwrap_or("").trim(), 150);
            if !line.is_empty() && !done.contains(&line) {
                done.push(line);
            }
        }
        if done.len() == 10 {
            break;
        }
    }
    done
}

fn span(messages: &[ChatMessage], participant_count: usize) -> SessionSpan {
    let start_time = messages.first().map(|m| m.timestamp);
    let end_time = messages.last().map(|m| m.timestamp);
    let minutes = match (start_time, end_time) {
        (Some(s), Some(e)) => e.since(s) / 60_000,
        _ => 0,
    };
    let duration_description =
        if minutes >= 60 { format!("{}h {}m", minutes / 60, minutes % 60) } else { format!("{minutes}m") };
    SessionSpan { message_count: messages.len(), participant_count, start_time, end_time, duration_description }
}

/// How much of each kind the human comes back to.
struct Counts {
    agents: usize,
    shipped: usize,
    handoffs: usize,
    tasks: usize,
    needs_human: usize,
    locks: usize,
}

impl Counts {
    fn needing_a_human(&self) -> String {
        let verb = if self.needs_human == 1 { "needs a human" } else { "need a human" };
        format!("{} {verb}", plural(self.needs_human, "escalation", "escalations"))
    }

    /// "3 agents active • 2 things shipped • ..." or "No recent activity".
    fn summary(&self) -> String {
        let parts: Vec<String> = [
            (self.agents > 0).then(|| format!("{} active", plural(self.agents, "agent", "agents"))),
            (self.shipped > 0).then(|| format!("{} shipped", plural(self.shipped, "thing", "things"))),
            (self.handoffs > 0).then(|| format!("{} pending", plural(self.handoffs, "handoff", "handoffs"))),
            (self.tasks > 0).then(|| format!("{} in progress", plural(self.tasks, "task", "tasks"))),
            (self.needs_human > 0).then(|| self.needing_a_human()),
            (self.locks > 0).then(|| format!("{} held", plural(self.locks, "lock", "locks"))),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "No recent activity".to_owned()
        } else {
            parts.join(" • ")
        }
    }
}

/// What to do first, most urgent first; starting agents and reading the
/// chat are always offered.
fn quick_actions(c: &Counts) -> Vec<QuickAction> {
    let action = |action: &str, label: &str, description: String, priority| QuickAction {
        action: action.into(),
        label: label.into(),
        description,
        priority,
    };
    let mut actions = Vec::new();
    if c.needs_human > 0 {
        actions.push(action("resolve_escalations", "Help stuck agents", c.needing_a_human(), Priority::Urgent));
    }
    if c.handoffs > 0 {
        let waiting = format!("{} waiting to be picked up", plural(c.handoffs, "handoff", "handoffs"));
        actions.push(action("review_handoffs", "Review handoffs", waiting, Priority::High));
    }
    if c.tasks > 0 {
        let running = format!("{} in progress", plural(c.tasks, "task", "tasks"));
        actions.push(action("check_progress", "Check progress", running, Priority::Medium));
    }
    if c.locks > 0 {
        actions.push(action(
            "review_locks",
            "Review locks",
            format!("{} held", plural(c.locks, "lock", "locks")),
            Priority::Low,
        ));
    }
    actions.push(action(
        "spawn_team",
        "Start agents",
        "Bring agents online to work on open tasks".into(),
        Priority::Medium,
    ));
    actions.push(action("view_chat", "Open chat", "Read the group chat".into(), Priority::Low));
    actions
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
            posted_by: None,
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
