//! What every tool shares: its result type, and the fields an action
//! requires that the tool's type leaves optional.

use serde_json::Value;

use super::hub::ToolError;

/// A tool's result: JSON for the model, or the failure in words.
pub(super) type Answer = Result<Value, ToolError>;

pub(super) fn value<T: serde::Serialize>(v: &T) -> Answer {
    Ok(serde_json::to_value(v)?)
}

/// A field this action of the tool needs.
pub(super) fn need<T>(v: Option<T>, field: &str) -> Result<T, ToolError> {
    v.ok_or_else(|| ToolError(format!("{field} is required")))
}
