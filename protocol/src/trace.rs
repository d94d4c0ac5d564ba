//! Work traces ("show your work"): a session's steps, their outcomes, and the
//! escalations detected when an agent looks stuck.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

wire_enum!(Outcome { Found = "found", Nothing = "nothing", Error = "error", Partial = "partial" });
wire_enum!(ContributionType { Enabling = "enabling", Pruning = "pruning", Direct = "direct", Minimal = "minimal" });
wire_enum!(ResolvedBy { SelfResolved = "self", Peer = "peer", Human = "human" });
wire_enum!(TriggerType {
    StuckLoop = "stuck_loop",
    RepeatedFailures = "repeated_failures",
    ErrorAccumulation = "error_accumulation",
    TimeExceeded = "time_exceeded",
    LowEfficiency = "low_efficiency",
    HumanNeeded = "human_needed",
});

impl Outcome {
    /// The canonical outcome for a word of either vocabulary: the canonical
    /// one, or the alternate one some MCP clients sent.
    pub fn from_any(s: &str) -> Option<Self> {
        Self::parse(s).or(match s {
            "success" => Some(Outcome::Found),
            "failed" => Some(Outcome::Error),
            "blocked" => Some(Outcome::Nothing),
            "exploring" => Some(Outcome::Partial),
            _ => None,
        })
    }

    pub const ACCEPTED: &'static str = "found, nothing, error, partial (or success, failed, blocked, exploring)";
}

/// `POST /agent/{id}/trace`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartTrace {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<Text<2000>>,
    /// Old clients' name for `task`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_description: Option<Text<2000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Text<100>>,
}

/// `POST /agent/{id}/trace/{sid}/complete`; the body may be empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompleteTrace {
    /// A specialization to credit (`backend`, `rust`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// A step as sent: the canonical schema `{tool, intent, outcome, ...}` or the
/// alternate `{action, target, outcome, context}`. [`StepInput::normalise`]
/// turns either into a [`NewStep`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepInput {
    pub tool: Option<Text<200>>,
    pub intent: Option<Text<2000>>,
    pub action: Option<Text<200>>,
    pub target: Option<Text<2000>>,
    pub context: Option<Text<2000>>,
    pub outcome: Option<String>,
    pub duration_ms: Option<i64>,
    pub contribution_type: Option<ContributionType>,
    #[serde(default)]
    pub knowledge_gained: Vec<Text<2000>>,
    pub eliminated_paths: Option<i64>,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// A validated step, in the canonical vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStep {
    pub tool: String,
    pub intent: String,
    pub outcome: Outcome,
    pub duration_ms: i64,
    pub contribution_type: Option<ContributionType>,
    pub knowledge_gained: Vec<String>,
    pub eliminated_paths: i64,
    pub depends_on: Vec<String>,
}

/// Why a step was refused: the field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepError {
    pub field: &'static str,
    pub message: String,
}

/// The longest step a trace records: a day. Sums of steps stay far from
/// overflow (a trace keeps at most a few thousand steps).
pub const MAX_STEP_MS: i64 = 86_400_000;

impl StepInput {
    /// # Errors
    /// When the tool or outcome is missing, the outcome is not a known word,
    /// a number is negative, or a duration is longer than a day.
    pub fn normalise(self) -> Result<NewStep, StepError> {
        let tool =
            self.tool.or(self.action).ok_or(StepError { field: "tool", message: "is required (or action)".into() })?;
        let intent =
            self.intent.or(self.target).or(self.context).map(super::text::Text::into_string).unwrap_or_default();
        let word = self
            .outcome
            .ok_or(StepError { field: "outcome", message: format!("is required: one of {}", Outcome::ACCEPTED) })?;
        let outcome = Outcome::from_any(&word).ok_or_else(|| StepError {
            field: "outcome",
            message: format!("{word:?} is not one of {}", Outcome::ACCEPTED),
        })?;
        let duration_ms = self.duration_ms.unwrap_or(0);
        if !(0..=MAX_STEP_MS).contains(&duration_ms) {
            return Err(StepError {
                field: "durationMs",
                message: format!("must be between 0 and {MAX_STEP_MS} (one day, in milliseconds)"),
            });
        }
        let eliminated_paths = self.eliminated_paths.unwrap_or(0);
        if eliminated_paths < 0 {
            return Err(StepError { field: "eliminatedPaths", message: "must not be negative".into() });
        }
        Ok(NewStep {
            tool: tool.into_string(),
            intent,
            outcome,
            duration_ms,
            contribution_type: self.contribution_type,
            knowledge_gained: self.knowledge_gained.into_iter().map(super::text::Text::into_string).collect(),
            eliminated_paths,
            depends_on: self.depends_on,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: String,
    pub session_id: String,
    pub timestamp: Timestamp,
    pub tool: String,
    pub intent: String,
    pub outcome: Outcome,
    pub duration_ms: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contribution_type: Option<ContributionType>,
    #[serde(default)]
    pub knowledge_gained: Vec<String>,
    #[serde(default)]
    pub eliminated_paths: i64,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceSummary {
    pub total_steps: usize,
    pub dead_ends: usize,
    pub exploration_time_ms: i64,
    pub solution_time_ms: i64,
    pub efficiency: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    #[serde(rename = "type")]
    pub kind: TriggerType,
    pub level: u8,
    pub reason: String,
    pub detected_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    pub id: String,
    pub session_id: String,
    pub triggered_at: Timestamp,
    pub triggers: Vec<Trigger>,
    pub highest_level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<ResolvedBy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolver_agent: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful_hint: Option<String>,
}

impl Escalation {
    /// Its latest reason of each kind, joined: a later trigger of a kind
    /// replaces the earlier one's count, so the words are the newest.
    pub fn reasons(&self) -> String {
        let mut latest: Vec<&Trigger> = Vec::new();
        for t in &self.triggers {
            match latest.iter_mut().find(|l| l.kind == t.kind) {
                Some(l) if l.detected_at <= t.detected_at => *l = t,
                Some(_) => {}
                None => latest.push(t),
            }
        }
        latest.iter().map(|t| t.reason.as_str()).collect::<Vec<_>>().join("; ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    pub session_id: String,
    pub agent_id: AgentId,
    pub task: String,
    pub started_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<TraceSummary>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub escalations: Vec<Escalation>,
}

/// One line of `GET /agent/{id}/trace`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceListing {
    pub session_id: String,
    pub task: String,
    pub started_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracesResponse {
    pub traces: Vec<TraceListing>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    pub trace: Trace,
    /// On completion: what the soul gained (new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xp_gained: Option<i64>,
    /// On completion, when the credit raised the level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_up: Option<crate::LevelUp>,
}

/// The `escalation` field of a step's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationNotice {
    pub should_escalate: bool,
    pub triggers: Vec<Trigger>,
    pub highest_level: u8,
    pub recommendation: String,
    /// The open escalation these triggers are recorded in.
    pub escalation_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepResponse {
    pub success: bool,
    pub step: Step,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationNotice>,
}

/// `POST /agent/{id}/trace/{sid}/resolve-escalation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolveEscalation {
    pub escalation_id: String,
    pub resolved_by: ResolvedBy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolver_agent: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful_hint: Option<Text<4000>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    pub escalation_id: String,
    pub resolved_by: ResolvedBy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolver_agent: Option<AgentId>,
    pub resolution_time: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful_hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolveResponse {
    pub success: bool,
    pub resolution: Resolution,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationsResponse {
    pub escalations: Vec<Escalation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_vocabularies_normalise() {
        let canonical: StepInput =
            serde_json::from_str(r#"{"tool":"grep","intent":"find","outcome":"found","durationMs":5}"#).unwrap();
        let s = canonical.normalise().unwrap();
        assert_eq!((s.tool.as_str(), s.outcome, s.duration_ms), ("grep", Outcome::Found, 5));
        let alt: StepInput = serde_json::from_str(r#"{"action":"edit","target":"a.rs","outcome":"failed"}"#).unwrap();
        let s = alt.normalise().unwrap();
        assert_eq!((s.tool.as_str(), s.intent.as_str(), s.outcome), ("edit", "a.rs", Outcome::Error));
    }

    #[test]
    fn unknown_outcome_names_the_allowed_values() {
        let bad: StepInput = serde_json::from_str(r#"{"tool":"x","outcome":"meh"}"#).unwrap();
        let e = bad.normalise().unwrap_err();
        assert_eq!(e.field, "outcome");
        assert!(e.message.contains("found, nothing, error, partial"));
        let missing: StepInput = serde_json::from_str(r#"{"outcome":"found"}"#).unwrap();
        assert_eq!(missing.normalise().unwrap_err().field, "tool");
    }
}
