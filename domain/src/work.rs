//! The hot-start bundle: one call that tells an agent who is around, what to
//! do and who asked for it.

use hub_protocol::{
    Agent, AgentId, AgentStatus, ChatMessage, Task, TaskStatus, Timestamp, WorkBundle, WorkInbox, WorkSummary,
    WorkTasks,
};

use crate::mentions;

/// Messages that mention `agent` (directly or via @all/@everyone/@team), not
/// written by it, newer than its chat cursor.
pub fn pending_mentions(messages: &[ChatMessage], agent: &AgentId, cursor: Option<Timestamp>) -> Vec<ChatMessage> {
    messages
        .iter()
        .filter(|m| m.author != agent.as_str())
        .filter(|m| cursor.is_none_or(|c| m.timestamp > c))
        .filter(|m| mentions(&m.message, agent.as_str()))
        .cloned()
        .collect()
}

/// Whether a hot start stores the agent (active, seen now, its chat cursor
/// moved to now): it is new (`stored` is `None`; else the stored agent and
/// its cursor), something worth a write changed ([`crate::worth_storing`]),
/// or a message came after its cursor. An agent polling for work otherwise
/// only reads.
pub fn hot_start_stores(stored: Option<(&Agent, Timestamp)>, seen: &Agent, newest_message: Option<Timestamp>) -> bool {
    stored
        .is_none_or(|(agent, cursor)| crate::worth_storing(agent, seen) || newest_message.is_some_and(|at| at > cursor))
}

/// Messages of the chat a hot-start bundle carries.
pub const RECENT_CHAT: usize = 20;

/// `team` is the present agents, `tasks` the open tasks newest first (done
/// ones are never in the bundle), `recent` the last messages in
/// chronological order (the bundle keeps [`RECENT_CHAT`]).
pub fn work_bundle(
    agent: AgentId,
    team: Vec<Agent>,
    tasks: &[Task],
    recent: Vec<ChatMessage>,
    pending: Vec<ChatMessage>,
) -> WorkBundle {
    let todo: Vec<Task> = tasks.iter().filter(|t| t.status == TaskStatus::Todo).cloned().collect();
    let mine: Vec<Task> =
        tasks.iter().filter(|t| t.assignee.as_ref() == Some(&agent) && t.status != TaskStatus::Done).cloned().collect();
    let summary = WorkSummary {
        active_agents: team.iter().filter(|a| a.status != AgentStatus::Offline).count(),
        todo_tasks: todo.len(),
        in_progress_tasks: mine.iter().filter(|t| t.status == TaskStatus::InProgress).count(),
        pending_mentions: pending.len(),
    };
    // The newest 20, in order. (The original kept the *oldest* 20 of its last 50.)
    let skip = recent.len().saturating_sub(RECENT_CHAT);
    let inbox = (!pending.is_empty()).then(|| WorkInbox {
        count: pending.len(),
        hint: format!("You have {} unread mention(s); answer them in the group chat.", pending.len()),
        pending_mentions: pending,
    });
    WorkBundle {
        agent_id: agent,
        summary,
        team,
        tasks: WorkTasks { todo, mine },
        recent_chat: recent.into_iter().skip(skip).collect(),
        inbox,
        checkpoint: None,
        unread_dms: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::AuthorType;

    fn msg(author: &str, text: &str, at: i64) -> ChatMessage {
        ChatMessage {
            id: format!("m{at}"),
            author: author.into(),
            author_type: AuthorType::Agent,
            message: text.into(),
            timestamp: Timestamp::from_millis(at),
            reactions: vec![],
            posted_by: None,
        }
    }

    #[test]
    fn mentions_after_the_cursor_only_and_not_my_own() {
        let me = AgentId::parse("bob").unwrap();
        let msgs = [
            msg("ann", "@bob old", 1),
            msg("ann", "@bob new", 5),
            msg("bob", "@all from me", 6),
            msg("ann", "unrelated", 7),
            msg("ann", "@team new", 8),
        ];
        let got = pending_mentions(&msgs, &me, Some(Timestamp::from_millis(2)));
        let ids: Vec<_> = got.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m5", "m8"]);
        assert_eq!(pending_mentions(&msgs, &me, None).len(), 3);
    }

    #[test]
    fn bundle_counts_match_lists() {
        let me = AgentId::parse("bob").unwrap();
        let b = work_bundle(me.clone(), vec![], &[], vec![msg("a", "x", 1)], vec![]);
        assert_eq!(b.summary.todo_tasks, 0);
        assert!(b.inbox.is_none());
        assert_eq!(b.recent_chat.len(), 1);
        let recent: Vec<_> = (0..50).map(|i| msg("a", "x", i)).collect();
        let b = work_bundle(me, vec![], &[], recent, vec![]);
        assert_eq!(b.recent_chat.len(), 20);
        assert_eq!(b.recent_chat[0].id, "m30");
        assert_eq!(b.recent_chat[19].id, "m49");
    }

    #[test]
    fn a_hot_start_stores_a_new_agent_a_change_or_a_moved_cursor_and_nothing_else() {
        let t = Timestamp::from_millis;
        let id = AgentId::parse("ann").unwrap();
        let stored = crate::seen_active(&id, None, t(1_000));
        let seen = crate::seen_active(&id, Some(stored.clone()), t(1_500));
        assert!(hot_start_stores(None, &seen, None), "new");
        assert!(!hot_start_stores(Some((&stored, t(1_000))), &seen, None), "an empty chat");
        assert!(!hot_start_stores(Some((&stored, t(1_000))), &seen, Some(t(1_000))), "read up to its cursor");
        assert!(hot_start_stores(Some((&stored, t(1_000))), &seen, Some(t(1_001))), "a message since");
        let later = crate::seen_active(&id, Some(stored.clone()), t(2_000));
        assert!(hot_start_stores(Some((&stored, t(1_000))), &later, None), "a second on");
        let idle = Agent { status: AgentStatus::Idle, ..stored.clone() };
        assert!(hot_start_stores(Some((&idle, t(1_000))), &seen, None), "back to active");
    }
}
