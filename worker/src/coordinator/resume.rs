//! `GET /coordinator/session-resume`.

use hub_domain::{session_resume, ResumeInput};
use hub_protocol::{AgentsQuery, HandoffQuery, HandoffStatus, SessionResumeResponse, TaskQuery, TaskStatus, Timestamp};

use super::{AgentCoordinator, Result};

impl AgentCoordinator {
    pub(super) fn session_resume(&self, now: Timestamp) -> Result<SessionResumeResponse> {
        let mut tasks = self.store.tasks(&TaskQuery { status: Some(TaskStatus::InProgress), ..Default::default() })?.0;
        tasks.sort_by_key(|t| std::cmp::Reverse(t.updated_at));
        let input = ResumeInput {
            messages: self.store.messages(100, None)?,
            pending_handoffs: self
                .store
                .handoffs(&HandoffQuery { status: Some(HandoffStatus::Pending), ..HandoffQuery::default() })?,
            tasks_in_progress: tasks,
            claims: self.store.claims(now)?,
            held_locks: self.store.held_locks(now)?,
            active_agents: self.agents(&AgentsQuery::default(), now)?,
            open_escalations: self.store.open_escalations()?,
            now,
        };
        Ok(SessionResumeResponse { session_resume: session_resume(input) })
    }
}
