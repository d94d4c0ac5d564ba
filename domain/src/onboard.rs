//! Onboarding: the first task to suggest, and the welcome text.

use hub_protocol::{Checkpoint, Handoff, Priority, SuggestedTask, Task};

/// The first rule that applies: resume the checkpoint, help with a pending
/// handoff, take an unassigned todo task, or say hello.
pub fn suggest_task(checkpoint: Option<&Checkpoint>, handoffs: &[Handoff], todo: &[Task]) -> SuggestedTask {
    if let Some(c) = checkpoint.filter(|c| c.conversation_summary.is_some() || !c.pending_work.is_empty()) {
        let what = c.pending_work.first().cloned().or_else(|| c.conversation_summary.clone()).unwrap_or_default();
        return SuggestedTask {
            task: format!("Resume: {what}"),
            reason: "Your last session left work pending".into(),
            xp_estimate: 30,
            priority: Priority::High,
        };
    }
    if let Some(h) = handoffs.first() {
        return SuggestedTask {
            task: format!("Help needed: {}", h.title),
            reason: format!("{} handed this off", h.from_agent),
            xp_estimate: 50,
            priority: Priority::Medium,
        };
    }
    if let Some(t) = todo.iter().find(|t| t.assignee.is_none()) {
        return SuggestedTask {
            task: t.title.clone(),
            reason: "Nobody has taken this task yet".into(),
            xp_estimate: 25,
            priority: t.priority,
        };
    }
    SuggestedTask {
        task: "Introduce yourself in the group chat".into(),
        reason: "Nothing is waiting; say hello to the team".into(),
        xp_estimate: 10,
        priority: Priority::Low,
    }
}

pub fn welcome(agent: &str, is_new: bool, checkpoint: Option<&Checkpoint>) -> String {
    if is_new {
        return format!("Welcome, {agent}! You are starting fresh with 0 XP. Pick up the suggested task and log your steps as a trace.");
    }
    match checkpoint.and_then(|c| c.conversation_summary.as_deref()) {
        Some(summary) => format!("Welcome back, {agent}. Last time: {summary}"),
        None => format!("Welcome back, {agent}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::{AgentId, Timestamp};

    #[test]
    fn rules_apply_in_order() {
        let cp = Checkpoint {
            agent_id: AgentId::parse("a").unwrap(),
            conversation_summary: None,
            accomplishments: vec![],
            pending_work: vec!["finish tests".into()],
            recent_context: None,
            files_edited: vec![],
            checkpoint_at: Timestamp::from_millis(0),
        };
        let s = suggest_task(Some(&cp), &[], &[]);
        assert_eq!((s.task.as_str(), s.xp_estimate), ("Resume: finish tests", 30));
        let s = suggest_task(None, &[], &[]);
        assert_eq!((s.xp_estimate, s.priority), (10, Priority::Low));
        assert!(welcome("a", true, None).contains("0 XP"));
    }
}
