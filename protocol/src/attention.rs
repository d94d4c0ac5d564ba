//! What needs a human (`GET /coordinator/attention`), what was shipped
//! (`GET /coordinator/shipped`), the approvals agents ask humans for
//! (`/coordinator/approvals`) and the humans' audit log.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

wire_enum! {
    /// Why an item is on the list.
    AttentionKind {
        Escalation = "escalation",
        Approval = "approval",
        Mention = "mention",
        BlockedTask = "blocked-task",
        UrgentTask = "urgent-task",
        Handoff = "handoff",
        LockQueue = "lock-queue",
        SilentHolder = "silent-holder",
    }
}

wire_enum! {
    /// What a human does about an item, right where it is shown.
    AttentionAction {
        // Resolve the escalation, with an optional hint for the agent.
        Resolve = "resolve",
        // Choose one of the approval's options.
        Decide = "decide",
        // Reply in the chat (a reply after the mention answers it).
        Reply = "reply",
        // Give the task to an agent, or change its status.
        Assign = "assign",
        // Claim the handoff (or route it to an agent).
        Claim = "claim",
        // Release the lock by force (after a confirmation).
        ForceRelease = "force-release",
    }
}

/// One thing that needs a human: who, what, since when, and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttentionItem {
    pub kind: AttentionKind,
    /// The id of what it is about (escalation, approval, message, task,
    /// handoff id, or a lock's path).
    pub id: String,
    /// The agent it is about (or who wrote).
    pub who: String,
    /// One line, computed now from current facts.
    pub what: String,
    pub since: Timestamp,
    pub action: AttentionAction,
    /// Where the item is shown in full, in the portal.
    pub link: String,
    /// Escalation level (1–3), for escalations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The options a decision takes (approvals).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// The session of an escalation (to resolve it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// How often it was sent again to the webhooks, unanswered.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reescalated: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `GET /coordinator/attention`: the list; `count` is its length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttentionResponse {
    pub count: usize,
    pub items: Vec<AttentionItem>,
}

wire_enum! {
    ShippedKind {
        Task = "task",
        Trace = "trace",
        Handoff = "handoff",
    }
}

/// A piece of work finished: a task done, a trace completed, a handoff
/// completed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shipped {
    pub kind: ShippedKind,
    pub id: String,
    pub title: String,
    pub who: String,
    pub at: Timestamp,
    pub link: String,
}

/// `GET /coordinator/shipped`: what was finished since the signed-in
/// human's previous visit (a visit ends after 30 quiet minutes; a first
/// visit looks back a day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShippedResponse {
    pub since: Timestamp,
    pub shipped: Vec<Shipped>,
}

/// From an agent's object: a trace it completed (for "Shipped").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceDone {
    pub agent_id: AgentId,
    pub session_id: String,
    pub task: String,
    pub at: Timestamp,
}

/// `POST /coordinator/approvals`: an agent asks a human.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AskApproval {
    pub agent_id: AgentId,
    pub question: Text<2000>,
    /// The answers to choose from; absent: approve or deny.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<Text<80>>>,
    /// What the human needs to decide: a diff summary, a command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text<8000>>,
}

/// An approval asked, and its answer once given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    pub id: String,
    pub agent_id: AgentId,
    pub question: String,
    pub options: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    pub asked_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Timestamp>,
    /// How often it was sent again to the webhooks, unanswered.
    #[serde(default)]
    pub reescalated: u32,
}

/// `POST /coordinator/approvals/{id}/answer` (a human).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerApproval {
    /// One of the approval's options.
    pub answer: Text<80>,
    /// Words for the agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<2000>>,
}

/// `GET /coordinator/approvals/{id}?wait=SECS`: waits up to `wait`
/// seconds (at most 55) for the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApprovalQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<u32>,
}

/// The longest `wait` an approval read holds.
pub const APPROVAL_WAIT_MAX_SECS: u32 = 55;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalResponse {
    pub approval: Approval,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalsResponse {
    pub approvals: Vec<Approval>,
}

/// One human action, as the audit log keeps it (`GET /coordinator/audit`:
/// JSON Lines, oldest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: Timestamp,
    pub who: String,
    pub action: String,
    /// What it acted on (an id, a path, a URL).
    pub object: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_reads_as_the_portal_and_scripts_expect() {
        let item = AttentionItem {
            kind: AttentionKind::BlockedTask,
            id: "t-1".into(),
            who: "ann".into(),
            what: "Blocked: deploy".into(),
            since: Timestamp::from_millis(0),
            action: AttentionAction::Assign,
            link: "/tasks/t-1".into(),
            level: None,
            options: vec![],
            session_id: None,
            reescalated: 0,
        };
        let json = serde_json::to_value(&item).unwrap();
        assert_eq!(json["kind"], "blocked-task");
        assert_eq!(json["action"], "assign");
        assert!(json.get("level").is_none() && json.get("reescalated").is_none());
        assert_eq!(serde_json::from_value::<AttentionItem>(json).unwrap(), item);
    }

    #[test]
    fn an_ask_refuses_unknown_fields() {
        let ok = r#"{"agentId":"ann","question":"Deploy?","options":["yes","no"]}"#;
        assert!(serde_json::from_str::<AskApproval>(ok).is_ok());
        assert!(serde_json::from_str::<AskApproval>(r#"{"agentId":"ann","question":"x","opts":[]}"#).is_err());
    }
}
