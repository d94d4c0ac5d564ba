//! Tools' arguments: how they are read, and the checks every tool shares
//! (required fields, bounded text, agent ids), for `run` and `work` alike.

use hub_protocol::Text;
use serde::Deserialize;
use serde_json::Value;

use super::hub::ToolError;

/// A tool's result: JSON for the model, or the failure in words.
pub(super) type Answer = Result<Value, ToolError>;

pub(super) fn args<T: for<'de> Deserialize<'de>>(v: Value) -> Result<T, ToolError> {
    serde_json::from_value(v).map_err(|e| ToolError(format!("arguments: {e}")))
}

pub(super) fn text<const N: usize>(s: String, field: &str) -> Result<Text<N>, ToolError> {
    Text::parse(s).map_err(|e| ToolError(format!("{field}: {e}")))
}

pub(super) fn texts<const N: usize>(v: Option<Vec<String>>, field: &str) -> Result<Option<Vec<Text<N>>>, ToolError> {
    v.map(|v| v.into_iter().map(|s| text(s, field)).collect()).transpose()
}

pub(super) fn agent(s: &str) -> Result<hub_protocol::AgentId, ToolError> {
    hub_protocol::AgentId::parse(s).map_err(|e| ToolError(format!("agent {s:?}: {e}")))
}

pub(super) fn value<T: serde::Serialize>(v: &T) -> Answer {
    Ok(serde_json::to_value(v)?)
}

/// The arguments of the tools with several actions or fields.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct Opts {
    pub(super) action: Option<String>,
    pub(super) acknowledge: bool,
    pub(super) summary: Option<String>,
    pub(super) pending: Option<Vec<String>>,
    pub(super) done: Option<Vec<String>>,
    pub(super) files: Option<Vec<String>>,
    pub(super) status: Option<String>,
    pub(super) current_task: Option<String>,
    pub(super) working_on: Option<String>,
    pub(super) task: Option<String>,
    pub(super) session_id: Option<String>,
    pub(super) tool: Option<String>,
    pub(super) outcome: Option<String>,
    pub(super) intent: Option<String>,
    pub(super) duration_ms: Option<i64>,
    pub(super) domain: Option<String>,
    pub(super) escalation_id: Option<String>,
    pub(super) agent: Option<String>,
    pub(super) hint: Option<String>,
    pub(super) title: Option<String>,
    pub(super) task_id: Option<String>,
    pub(super) context: Option<String>,
    pub(super) to: Option<String>,
    pub(super) next_steps: Option<Vec<String>>,
    pub(super) handoff_id: Option<String>,
    pub(super) content: Option<String>,
    pub(super) category: Option<String>,
    pub(super) tags: Option<Vec<String>>,
    pub(super) query: Option<String>,
}

pub(super) fn need(v: Option<String>, field: &str) -> Result<String, ToolError> {
    v.filter(|s| !s.trim().is_empty()).ok_or_else(|| ToolError(format!("{field} is required")))
}
