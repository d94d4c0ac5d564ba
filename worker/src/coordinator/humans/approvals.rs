//! Approvals: an agent asks the humans a question with options; it goes on
//! the attention list and to the webhooks; a human answers once; the answer
//! reaches the agent as an event of its own log (socket, MCP stream, hooks,
//! its next tool result) and to a read that waits for it.

use hub_protocol::{
    AgentEvent, AnswerApproval, Approval, ApprovalQuery, ApprovalResponse, ApprovalsResponse, AskApproval, Event,
    Timestamp, WebhookEvent, APPROVAL_WAIT_MAX_SECS,
};
use serde::Deserialize;

use super::super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::clock;

/// Open approvals one agent may have at once.
const OPEN_PER_AGENT: usize = 20;

/// Answered approvals listed after the open ones.
const ANSWERED_LISTED: usize = 50;

/// How often a waiting read looks again.
const WAIT_STEP_MS: u64 = 50;

#[derive(Deserialize)]
struct Row {
    body: String,
}

impl AgentCoordinator {
    pub(super) fn approval(&self, id: &str) -> Result<Option<Approval>> {
        let rows = self.store.rows::<Row>("SELECT body FROM approvals WHERE id = ?", vec![id.into()])?;
        Ok(rows.into_iter().next().and_then(|r| serde_json::from_str(&r.body).ok()))
    }

    fn approvals_where(&self, clause: &str) -> Result<Vec<Approval>> {
        let q = format!("SELECT body FROM approvals WHERE {clause}");
        Ok(self.store.rows::<Row>(&q, vec![])?.into_iter().filter_map(|r| serde_json::from_str(&r.body).ok()).collect())
    }

    /// Unanswered approvals, oldest first.
    pub(super) fn open_approvals(&self) -> Result<Vec<Approval>> {
        self.approvals_where("answered = 0 ORDER BY asked_at LIMIT 500")
    }

    pub(super) fn save_approval(&self, a: &Approval) -> Result<()> {
        self.store.exec(
            "INSERT OR REPLACE INTO approvals (id, asked_at, answered, body) VALUES (?, ?, ?, ?)",
            Some(vec![
                a.id.as_str().into(),
                a.asked_at.millis().into(),
                i64::from(a.answer.is_some()).into(),
                serde_json::to_string(a)?.into(),
            ]),
        )?;
        // Answered ones past the newest thousand go.
        self.store.exec(
            "DELETE FROM approvals WHERE answered = 1 AND id NOT IN
               (SELECT id FROM approvals WHERE answered = 1 ORDER BY asked_at DESC LIMIT 1000)",
            None,
        )?;
        Ok(())
    }

    pub(super) fn list_approvals(&self) -> Result<ApprovalsResponse> {
        let mut approvals = self.open_approvals()?;
        approvals
            .extend(self.approvals_where(&format!("answered = 1 ORDER BY asked_at DESC LIMIT {ANSWERED_LISTED}"))?);
        Ok(ApprovalsResponse { approvals })
    }

    /// Stores the question, sends it to the webhooks, and sets its
    /// re-escalation.
    pub(super) fn ask_approval(&self, team: &str, a: AskApproval, now: Timestamp) -> Result<ApprovalResponse> {
        let given = a.options.map(|o| o.into_iter().map(hub_protocol::Text::into_string).collect());
        let options = hub_domain::approval_options(given).map_err(|why| ApiError::bad_field("options", why))?;
        let open = self.open_approvals()?.iter().filter(|o| o.agent_id == a.agent_id).count();
        if open >= OPEN_PER_AGENT {
            return Err(ApiError::Conflict(format!(
                "{} has {open} approvals waiting already; wait for an answer first",
                a.agent_id
            )));
        }
        let approval = Approval {
            id: hub_domain::new_id("ap-", now, clock::entropy()),
            agent_id: a.agent_id,
            question: a.question.into_string(),
            options,
            context: a.context.map(hub_protocol::Text::into_string),
            asked_at: now,
            answer: None,
            note: None,
            answered_by: None,
            answered_at: None,
            reescalated: 0,
        };
        self.save_approval(&approval)?;
        self.broadcast(Event::Approval(approval.clone()), now);
        let item = hub_domain::approval_item(&approval);
        let text = format!(
            "{} asks (team {team}): {} — answer: {}",
            approval.agent_id,
            approval.question,
            approval.options.join(" / ")
        );
        self.notify(WebhookEvent::Approval, &text, &item, None, now)?;
        self.set_reescalation(&approval.id, now)?;
        Ok(ApprovalResponse { approval })
    }

    /// The approval, once answered or after `wait` seconds, whichever is
    /// first. The object serves other requests while this one waits.
    pub(super) async fn wait_approval(&self, id: &str, q: ApprovalQuery) -> Result<ApprovalResponse> {
        let wait_ms = u64::from(q.wait.unwrap_or(0).min(APPROVAL_WAIT_MAX_SECS)) * 1000;
        let mut waited = 0;
        loop {
            let approval = self
                .approval(id)?
                .ok_or_else(|| ApiError::NotFound { what: format!("No approval with id {id}"), path: None })?;
            if approval.answer.is_some() || waited >= wait_ms {
                return Ok(ApprovalResponse { approval });
            }
            worker::Delay::from(std::time::Duration::from_millis(WAIT_STEP_MS)).await;
            waited += WAIT_STEP_MS;
        }
    }

    /// A human's answer: one of the options, once.
    pub(super) fn answer_approval(
        &self,
        id: &str,
        a: AnswerApproval,
        who: &str,
        now: Timestamp,
    ) -> Result<ApprovalResponse> {
        let mut approval = self
            .approval(id)?
            .ok_or_else(|| ApiError::NotFound { what: format!("No approval with id {id}"), path: None })?;
        if let Some(answer) = &approval.answer {
            let by = approval.answered_by.as_deref().unwrap_or("a human");
            return Err(ApiError::Conflict(format!("Approval {id} was answered already ({by}: {answer})")));
        }
        let answer = hub_domain::chosen_option(&approval.options, a.answer.as_str())
            .map_err(|why| ApiError::bad_field("answer", why))?;
        approval.answer = Some(answer.clone());
        approval.note = a.note.map(hub_protocol::Text::into_string);
        approval.answered_by = Some(who.to_owned());
        approval.answered_at = Some(now);
        self.save_approval(&approval)?;
        self.settle_reescalation(id)?;
        self.audit(who, "approval.answer", id, &answer, now)?;
        self.broadcast(Event::Approval(approval.clone()), now);
        let agent = approval.agent_id.clone();
        self.tell(&agent, format!("approval:{id}"), AgentEvent::Approval(approval.clone()), now)?;
        Ok(ApprovalResponse { approval })
    }
}
