//! What needs the team's humans, and what reaches them outside the portal:
//! the attention list, approvals, webhooks (with re-escalation), "Shipped"
//! and the audit log of humans' actions.

mod approvals;
mod attention;
mod audit;
mod deliver;
mod webhooks;

use hub_domain::Access;
use hub_protocol::{
    Ack, AnswerApproval, ApprovalQuery, AskApproval, Caller, CreateWebhook, Timestamp, TraceDone, WebhookEvent,
};
use worker::Method;

use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::body;
use crate::call::Call;
use crate::reply::Reply;

pub use audit::who;
pub use deliver::Outbox;

pub enum HumansRequest {
    /// `GET /coordinator/attention`.
    Attention,
    /// `GET /coordinator/shipped`: since the caller's previous visit.
    Shipped,
    /// `GET /coordinator/approvals`: open ones, then the last answered.
    Approvals,
    /// `POST /coordinator/approvals`: an agent asks.
    Ask(AskApproval),
    /// `GET /coordinator/approvals/{id}?wait=`.
    Approval(String, ApprovalQuery),
    /// `POST /coordinator/approvals/{id}/answer` (a human).
    Answer(String, AnswerApproval),
    Webhooks,
    CreateWebhook(CreateWebhook),
    DeleteWebhook(String),
    TestWebhook(String),
    /// `GET /coordinator/audit`: JSON Lines (a human).
    Audit,
    /// From an agent's object: traces it completed.
    TracesDone(Vec<TraceDone>),
}

impl HumansRequest {
    /// The request, when `segments` (after `/coordinator`) are one of ours.
    pub fn decode(segments: &[&str], req: &Call) -> Option<std::result::Result<Self, ApiError>> {
        let not_allowed = |allowed: Vec<&'static str>| {
            Err(ApiError::MethodNotAllowed { method: req.method.to_string(), path: req.path.clone(), allowed })
        };
        let id = |s: &str| s.to_owned();
        Some(match (segments, &req.method) {
            (["attention"], Method::Get) => Ok(Self::Attention),
            (["attention"], _) => not_allowed(vec!["GET"]),
            (["shipped"], Method::Get) => Ok(Self::Shipped),
            (["shipped"], _) => not_allowed(vec!["GET"]),
            (["approvals"], Method::Get) => Ok(Self::Approvals),
            (["approvals"], Method::Post) => body::json(req).map(Self::Ask),
            (["approvals"], _) => not_allowed(vec!["GET", "POST"]),
            (["approvals", a], Method::Get) => body::query(req).map(|q| Self::Approval(id(a), q)),
            (["approvals", _], _) => not_allowed(vec!["GET"]),
            (["approvals", a, "answer"], Method::Post) => body::json(req).map(|b| Self::Answer(id(a), b)),
            (["approvals", _, "answer"], _) => not_allowed(vec!["POST"]),
            (["webhooks"], Method::Get) => Ok(Self::Webhooks),
            (["webhooks"], Method::Post) => body::json(req).map(Self::CreateWebhook),
            (["webhooks"], _) => not_allowed(vec!["GET", "POST"]),
            (["webhooks", w], Method::Delete) => Ok(Self::DeleteWebhook(id(w))),
            (["webhooks", _], _) => not_allowed(vec!["DELETE"]),
            (["webhooks", w, "test"], Method::Post) => Ok(Self::TestWebhook(id(w))),
            (["webhooks", _, "test"], _) => not_allowed(vec!["POST"]),
            (["audit"], Method::Get) => Ok(Self::Audit),
            (["audit"], _) => not_allowed(vec!["GET"]),
            (["traces", "done"], Method::Post) => body::json(req).map(Self::TracesDone),
            _ => return None,
        })
    }

    /// What the caller needs (see `hub_domain::access`).
    pub fn access(&self) -> Vec<Access> {
        match self {
            Self::Attention | Self::Shipped | Self::Approvals | Self::Approval(..) => vec![Access::Member],
            Self::Ask(a) => vec![Access::Own(a.agent_id.clone())],
            Self::Answer(..)
            | Self::Webhooks
            | Self::CreateWebhook(_)
            | Self::DeleteWebhook(_)
            | Self::TestWebhook(_)
            | Self::Audit => vec![Access::Human],
            Self::TracesDone(_) => vec![Access::Internal],
        }
    }
}

impl AgentCoordinator {
    /// One arm per request. Only a waiting approval read awaits before it
    /// answers; deliveries go out after the answer.
    pub(in crate::coordinator) async fn humans(
        &self,
        team: &str,
        r: HumansRequest,
        caller: &Caller,
        now: Timestamp,
    ) -> Result<Reply> {
        let reply = match r {
            HumansRequest::Attention => Reply::ok(&self.attention(now)?),
            HumansRequest::Shipped => Reply::ok(&self.shipped(caller, now)?),
            HumansRequest::Approvals => Reply::ok(&self.list_approvals()?),
            HumansRequest::Ask(a) => Reply::ok(&self.ask_approval(team, a, now)?),
            HumansRequest::Approval(id, q) => Reply::ok(&self.wait_approval(&id, q).await?),
            HumansRequest::Answer(id, a) => Reply::ok(&self.answer_approval(&id, a, &audit::who(caller), now)?),
            HumansRequest::Webhooks => Reply::ok(&self.list_webhooks()?),
            HumansRequest::CreateWebhook(c) => Reply::ok(&self.create_webhook(c, &audit::who(caller), now)?),
            HumansRequest::DeleteWebhook(id) => Reply::ok(&self.delete_webhook(&id, &audit::who(caller), now)?),
            HumansRequest::TestWebhook(id) => {
                let text = format!("Test from agent-hub (team {team}): this webhook works.");
                self.audit(&audit::who(caller), "webhook.test", &id, "", now)?;
                Reply::ok(&self.notify_one(&id, WebhookEvent::Test, &text, None, now)?)
            }
            HumansRequest::Audit => Ok(self.audit_lines()?),
            HumansRequest::TracesDone(done) => {
                self.traces_done(&done)?;
                Reply::ok(&Ack { success: true })
            }
        };
        reply
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humans_answer_and_manage_webhooks_agents_ask_for_themselves() {
        let answer = AnswerApproval { answer: hub_protocol::Text::parse("approve").unwrap(), note: None };
        assert_eq!(HumansRequest::Answer("ap-1".into(), answer).access(), vec![Access::Human]);
        for r in [HumansRequest::Webhooks, HumansRequest::Audit, HumansRequest::TestWebhook("w".into())] {
            assert_eq!(r.access(), vec![Access::Human]);
        }
        assert_eq!(HumansRequest::Attention.access(), vec![Access::Member]);
        assert_eq!(HumansRequest::TracesDone(vec![]).access(), vec![Access::Internal]);
        let ann = hub_protocol::AgentId::parse("ann").unwrap();
        let ask = AskApproval {
            agent_id: ann.clone(),
            question: hub_protocol::Text::parse("Deploy?").unwrap(),
            options: None,
            context: None,
        };
        assert_eq!(HumansRequest::Ask(ask).access(), vec![Access::Own(ann)]);
    }
}
