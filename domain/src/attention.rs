//! What needs a human, computed from facts (never from words like
//! "shipped"): the list's rules, its order, and the text each item shows,
//! worked out when it is shown.

use std::collections::HashMap;

use hub_protocol::{
    is_human, AgentEscalation, AgentStatus, Approval, AttentionAction as Act, AttentionItem, AttentionKind as Kind,
    AuthorType, ChatMessage, Handoff, LockInfo, Priority, Task, TaskStatus, Timestamp,
};

/// The facts the list is computed from, as the coordinator holds them.
pub struct AttentionFacts<'a> {
    pub escalations: &'a [AgentEscalation],
    /// Times each escalation (by id) was sent again, unanswered.
    pub reescalated: &'a HashMap<String, u32>,
    pub approvals: &'a [Approval],
    /// The recent chat, oldest first.
    pub chat: &'a [ChatMessage],
    /// Open tasks (not done).
    pub tasks: &'a [Task],
    pub pending_handoffs: &'a [Handoff],
    pub held_locks: &'a [LockInfo],
    /// For each held lock's path, since when its oldest waiter waits.
    pub oldest_waiter: &'a HashMap<String, Timestamp>,
    /// Every agent's presence as in force now (offline: gone quiet).
    pub presence: &'a HashMap<String, (AgentStatus, Timestamp)>,
}

/// A lock held this long by an agent that went offline is on the list.
pub const SILENT_HOLDER_AFTER_MS: i64 = 10 * 60 * 1000;

/// Everything that needs a human, most urgent first: level-3 escalations,
/// approvals, then the rest by kind, oldest first within a kind.
#[must_use]
pub fn attention(f: &AttentionFacts<'_>, now: Timestamp) -> Vec<AttentionItem> {
    let mut items = Vec::new();
    for e in f.escalations.iter().filter(|e| e.escalation.resolved_at.is_none()) {
        items.push(escalation_item(e, f.reescalated.get(&e.escalation.id).copied().unwrap_or(0), now));
    }
    items.extend(f.approvals.iter().filter(|a| a.answer.is_none()).map(approval_item));
    items.extend(unanswered_mentions(f.chat).into_iter().map(mention_item));
    for t in f.tasks {
        let who = t.assignee.as_ref().map_or_else(|| t.created_by.clone(), ToString::to_string);
        if t.status == TaskStatus::Blocked {
            let what = format!("Blocked: {}", t.title);
            items.push(task_item(Kind::BlockedTask, t, &who, what));
        } else if t.priority == Priority::Urgent && t.assignee.is_none() && t.status != TaskStatus::Done {
            let what = format!("Urgent and nobody on it: {}", t.title);
            items.push(task_item(Kind::UrgentTask, t, &who, what));
        }
    }
    for h in f.pending_handoffs.iter().filter(|h| h.to_agent.as_ref().is_some_and(|to| is_human(to.as_str()))) {
        let what = format!("Handed to a human: {}", h.title);
        let mut item = item(Kind::Handoff, &h.id, h.from_agent.as_str(), &what, h.created_at, Act::Claim);
        item.link = "/coordination#handoffs".into();
        items.push(item);
    }
    for lock in f.held_locks {
        let path = lock.resource_path.to_string();
        let ttl = lock.expires_at.millis() - lock.locked_at.millis();
        let queued = f.oldest_waiter.get(&path).filter(|since| now.millis() - since.millis() > ttl);
        let holder = f.presence.get(lock.locked_by.as_str());
        let silent = holder.filter(|(status, seen)| {
            *status == AgentStatus::Offline && now.millis() - seen.millis() > SILENT_HOLDER_AFTER_MS
        });
        let (kind, what, since) = match (queued, silent) {
            (Some(since), _) => (Kind::LockQueue, format!("{path}: waited on longer than the lock's own time"), *since),
            (None, Some((_, seen))) => {
                (Kind::SilentHolder, format!("{path}: held by an agent silent since then"), *seen)
            }
            (None, None) => continue,
        };
        let mut item = item(kind, &path, lock.locked_by.as_str(), &what, since, Act::ForceRelease);
        item.link = "/locks".into();
        items.push(item);
    }
    items.sort_by_key(|i| (rank(i), i.since));
    items
}

/// The order of the list: what blocks an agent now comes first.
fn rank(i: &AttentionItem) -> u8 {
    match (i.kind, i.level) {
        (Kind::Escalation, Some(3)) => 0,
        (Kind::Approval, _) => 1,
        (Kind::Escalation, Some(2)) => 2,
        (Kind::Mention | Kind::Handoff, _) => 3,
        (Kind::BlockedTask | Kind::UrgentTask, _) => 4,
        (Kind::Escalation, _) => 5,
        (Kind::LockQueue | Kind::SilentHolder, _) => 6,
    }
}

fn item(kind: Kind, id: &str, who: &str, what: &str, since: Timestamp, action: Act) -> AttentionItem {
    AttentionItem {
        kind,
        id: id.to_owned(),
        who: who.to_owned(),
        what: what.to_owned(),
        since,
        action,
        link: String::new(),
        level: None,
        options: vec![],
        session_id: None,
        reescalated: 0,
    }
}

/// An approval as the list shows it.
#[must_use]
pub fn approval_item(a: &Approval) -> AttentionItem {
    let mut i = item(Kind::Approval, &a.id, a.agent_id.as_str(), &a.question, a.asked_at, Act::Decide);
    i.link = format!("/#approval-{}", a.id);
    i.options.clone_from(&a.options);
    i.reescalated = a.reescalated;
    i
}

/// A chat message that asks the humans, as the list shows it.
#[must_use]
pub fn mention_item(m: &ChatMessage) -> AttentionItem {
    let what = crate::truncate(&m.message, 200);
    let mut i = item(Kind::Mention, &m.id, &m.author, &what, m.timestamp, Act::Reply);
    i.link = format!("/chat#m-{}", m.id);
    i
}

fn task_item(kind: Kind, t: &Task, who: &str, what: String) -> AttentionItem {
    let mut i = item(kind, t.id.as_str(), who, &what, t.updated_at, Act::Assign);
    i.link = format!("/tasks/{}", t.id);
    i
}

/// An escalation as the list shows it: its level and its reasons now.
#[must_use]
pub fn escalation_item(e: &AgentEscalation, reescalated: u32, now: Timestamp) -> AttentionItem {
    let esc = &e.escalation;
    let what = escalation_text(esc, now);
    let mut i = item(Kind::Escalation, &esc.id, e.agent_id.as_str(), &what, esc.triggered_at, Act::Resolve);
    i.level = Some(esc.highest_level);
    i.session_id = Some(esc.session_id.clone());
    i.link = format!("/agents/{}/traces/{}", e.agent_id, esc.session_id);
    i.reescalated = reescalated;
    i
}

/// The words for an escalation, computed when shown: its reasons (see
/// [`escalation_reasons`]) and how long it has been open.
#[must_use]
pub fn escalation_text(esc: &hub_protocol::Escalation, now: Timestamp) -> String {
    let open_min = (now.millis() - esc.triggered_at.millis()).max(0) / 60_000;
    format!("Level {}: {} (open {open_min} min)", esc.highest_level, esc.reasons())
}

/// Whether a message asks the humans: `@human`, `@humans` or a named
/// human `@human:<name>` (a group handle like `@all` is not an ask).
#[must_use]
pub fn asks_humans(message: &str) -> bool {
    let text = message.to_lowercase();
    text.match_indices("@human").any(|(at, _)| {
        let glued = text[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        let rest = &text[at + "@human".len()..];
        let end_ok = |s: &str| s.chars().next().is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        !glued && (end_ok(rest) || rest.strip_prefix('s').is_some_and(end_ok) || rest.starts_with(':'))
    })
}

/// Messages by agents that ask the humans and that no human has answered
/// since (a human's message in the chat after it answers it). `chat` is
/// oldest first.
#[must_use]
pub fn unanswered_mentions(chat: &[ChatMessage]) -> Vec<&ChatMessage> {
    let last_human = chat.iter().rev().find(|m| m.author_type == AuthorType::Human).map(|m| m.timestamp);
    chat.iter()
        .filter(|m| m.author_type == AuthorType::Agent && asks_humans(&m.message))
        .filter(|m| last_human.is_none_or(|h| h < m.timestamp))
        .collect()
}

/// A visit to the portal ends after this long without a look: the next
/// look starts a new one, and "Shipped" counts from the end of the last.
pub const VISIT_GAP_MS: i64 = 30 * 60 * 1000;

/// How far a first visit looks back.
pub const FIRST_LOOK_BACK_MS: i64 = 24 * 3600 * 1000;

/// Where "since you left" starts for a look at `now`, given the caller's
/// visit so far `(since, last look)`.
#[must_use]
pub fn visit_since(visit: Option<(Timestamp, Timestamp)>, now: Timestamp) -> Timestamp {
    match visit {
        None => now.plus_millis(-FIRST_LOOK_BACK_MS),
        Some((_, last)) if now.millis() - last.millis() > VISIT_GAP_MS => last,
        Some((since, _)) => since,
    }
}

/// An approval's answers: the ones asked for, each once, or approve/deny.
///
/// # Errors
/// None, or more than 10.
pub fn approval_options(given: Option<Vec<String>>) -> Result<Vec<String>, String> {
    let mut options: Vec<String> = Vec::new();
    for o in given.unwrap_or_else(|| vec!["approve".into(), "deny".into()]) {
        if !options.iter().any(|k| k.eq_ignore_ascii_case(&o)) {
            options.push(o);
        }
    }
    if options.is_empty() || options.len() > 10 {
        return Err("takes 1 to 10 answers (absent: approve or deny)".into());
    }
    Ok(options)
}

/// The option `given` names, in any case.
///
/// # Errors
/// The options there are, when it names none.
pub fn chosen_option(options: &[String], given: &str) -> Result<String, String> {
    options
        .iter()
        .find(|o| o.eq_ignore_ascii_case(given.trim()))
        .cloned()
        .ok_or_else(|| format!("must be one of: {}", options.join(", ")))
}

/// Whether an unanswered item is sent again now: `sent` times so far
/// (not counting the first), last at `last`.
#[must_use]
pub fn reescalate_due(sent: u32, last: Timestamp, every_secs: u32, times: u32, now: Timestamp) -> bool {
    every_secs > 0 && sent < times && now.millis() - last.millis() >= i64::from(every_secs) * 1000
}

#[cfg(test)]
#[path = "attention_tests.rs"]
mod tests;
