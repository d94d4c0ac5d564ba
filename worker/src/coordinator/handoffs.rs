//! Handoffs: created, claimed and completed, every transition broadcast as
//! `task-update` (the original broadcast only creation).

use hub_domain::{claim_handoff, complete_handoff, new_id, route_handoff, HandoffError};
use hub_protocol::{
    Event, Handoff, HandoffAction, HandoffEvent, HandoffQuery, HandoffResult, HandoffStatus, HandoffsResponse,
    TaskUpdate, Timestamp,
};
use serde::Deserialize;

use super::retention::Settled;
use super::store::Store;
use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::clock;

#[derive(Deserialize)]
struct Row {
    body: String,
}

impl Store {
    pub fn save_handoff(&self, h: &Handoff) -> Result<()> {
        self.exec(
            "INSERT OR REPLACE INTO handoffs (id, body, status, to_agent, from_agent, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            Some(vec![
                h.id.as_str().into(),
                serde_json::to_string(h)?.into(),
                h.status.as_str().into(),
                h.to_agent.as_ref().map(std::string::ToString::to_string).into(),
                h.from_agent.as_str().into(),
                h.created_at.millis().into(),
            ]),
        )?;
        Ok(())
    }

    pub fn handoff(&self, id: &str) -> Result<Option<Handoff>> {
        Ok(self
            .rows::<Row>("SELECT body FROM handoffs WHERE id = ?", vec![id.into()])?
            .pop()
            .and_then(|r| serde_json::from_str(&r.body).ok()))
    }

    /// Newest first. `to_agent` also matches handoffs open to anyone.
    pub fn handoffs(&self, q: &HandoffQuery) -> Result<Vec<Handoff>> {
        let status = q.status.map(|s| s.as_str().to_owned());
        let to = q.to_agent.as_ref().map(std::string::ToString::to_string);
        let from = q.from_agent.as_ref().map(std::string::ToString::to_string);
        Ok(self
            .rows::<Row>(
                "SELECT body FROM handoffs WHERE (?1 IS NULL OR status = ?1)
                   AND (?2 IS NULL OR to_agent = ?2 OR to_agent IS NULL) AND (?3 IS NULL OR from_agent = ?3)
                 ORDER BY created_at DESC LIMIT 500",
                vec![status.into(), to.into(), from.into()],
            )?
            .into_iter()
            .filter_map(|r| serde_json::from_str(&r.body).ok())
            .collect())
    }
}

impl From<HandoffError> for ApiError {
    fn from(e: HandoffError) -> Self {
        match e {
            HandoffError::Conflict(m) => ApiError::Conflict(m),
            HandoffError::Invalid(m) => ApiError::bad_request(m),
        }
    }
}

/// Handoffs one agent may have waiting for a taker.
pub const PENDING_HANDOFFS_PER_AGENT: usize = 100;

impl AgentCoordinator {
    pub(super) fn list_handoffs(&self, q: HandoffQuery) -> Result<HandoffsResponse> {
        if let Some(id) = &q.id {
            let handoff = self
                .store
                .handoff(id)?
                .ok_or_else(|| ApiError::NotFound { what: format!("No handoff with id {id}"), path: None })?;
            return Ok(HandoffsResponse { handoffs: None, handoff: Some(handoff) });
        }
        Ok(HandoffsResponse { handoffs: Some(self.store.handoffs(&q)?), handoff: None })
    }

    pub(super) fn handoff_action(
        &self,
        action: HandoffAction,
        caller: &hub_protocol::Caller,
        now: Timestamp,
    ) -> Result<HandoffResult> {
        let (verb, handoff) = match action {
            HandoffAction::Create { from_agent, to_agent, title, context, code, file_path, next_steps, priority } => {
                let pending = self.store.count(
                    "SELECT COUNT(*) AS n FROM handoffs WHERE from_agent = ? AND status = 'pending'",
                    vec![from_agent.as_str().into()],
                )?;
                hub_domain::within_cap(pending, PENDING_HANDOFFS_PER_AGENT, from_agent.as_str(), "pending handoffs")?;
                let h = Handoff {
                    id: new_id("handoff", now, clock::entropy()),
                    from_agent,
                    to_agent,
                    title: title.into_string(),
                    context: context.into_string(),
                    code: code.map(hub_protocol::Text::into_string),
                    file_path: file_path.map(hub_protocol::Text::into_string),
                    next_steps: next_steps.into_iter().map(hub_protocol::Text::into_string).collect(),
                    priority: priority.unwrap_or_default(),
                    status: HandoffStatus::Pending,
                    claimed_by: None,
                    created_at: now,
                    claimed_at: None,
                    completed_at: None,
                };
                ("handoff-created", h)
            }
            HandoffAction::Claim { handoff_id, agent_id } => {
                ("handoff-claimed", claim_handoff(self.existing(&handoff_id)?, &agent_id, now)?)
            }
            HandoffAction::Complete { handoff_id, agent_id } => {
                ("handoff-completed", complete_handoff(self.existing(&handoff_id)?, &agent_id, now)?)
            }
            HandoffAction::Route { handoff_id, agent_id, to_agent } => {
                // Whoever the access table lets act as a human.
                let by_human = hub_domain::all([hub_domain::Access::Human], caller).is_ok();
                ("handoff-routed", route_handoff(self.existing(&handoff_id)?, &agent_id, by_human, to_agent)?)
            }
        };
        self.store.save_handoff(&handoff)?;
        if handoff.status == HandoffStatus::Completed {
            self.store.prune_settled(Settled::Handoffs)?;
        }
        let event = HandoffEvent { action: verb.into(), handoff: handoff.clone() };
        let seq = self.broadcast(Event::TaskUpdate(TaskUpdate::Handoff(event.clone())), now);
        // Created for or routed to an agent: news for it.
        if let (Some(to), Some(seq), "handoff-created" | "handoff-routed") = (&handoff.to_agent, seq, verb) {
            if to.as_str() != handoff.from_agent.as_str() {
                self.tell(to, format!("team:{seq}"), hub_protocol::AgentEvent::Handoff(event), now)?;
            }
        }
        Ok(HandoffResult { success: true, handoff })
    }

    fn existing(&self, id: &str) -> Result<Handoff> {
        self.store
            .handoff(id)?
            .ok_or_else(|| ApiError::NotFound { what: format!("No handoff with id {id}"), path: None })
    }
}
