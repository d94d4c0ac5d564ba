//! `POST /hooks/claude-code`: Claude Code's hook protocol over HTTP. The body
//! is the hook's event as Claude Code sends it; the answer its hook output.

use serde::{Deserialize, Serialize};

/// The fields of a hook event the hub reads (the rest is ignored).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HookInput {
    pub hook_event_name: String,
    pub session_id: Option<String>,
    pub cwd: Option<String>,
    pub tool_name: Option<String>,
    pub tool_input: serde_json::Value,
    /// `Stop`: true when Claude is already continuing because of a Stop hook.
    pub stop_hook_active: bool,
}

/// The hook's output. Every field is left out when it has nothing to say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HookOutput {
    /// `Stop`: `block` keeps Claude working, with `reason` as its next prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Shown to the user, not the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook_specific_output: Option<HookSpecific>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HookSpecific {
    pub hook_event_name: String,
    /// `PreToolUse`: `allow`, `deny` or `ask`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_decision_reason: Option<String>,
    /// `SessionStart`, `UserPromptSubmit`, `PostToolUse`: text for the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_context: Option<String>,
}

impl HookOutput {
    /// Nothing to say.
    pub fn silent() -> Self {
        Self::default()
    }

    /// `PreToolUse`: `decision` (`deny`, `ask`) with `reason`.
    pub fn permission(decision: &str, reason: String) -> Self {
        Self {
            hook_specific_output: Some(HookSpecific {
                hook_event_name: "PreToolUse".into(),
                permission_decision: Some(decision.into()),
                permission_decision_reason: Some(reason),
                additional_context: None,
            }),
            ..Self::default()
        }
    }

    /// Text for the model after `event`.
    pub fn context(event: &str, text: String) -> Self {
        Self {
            hook_specific_output: Some(HookSpecific {
                hook_event_name: event.into(),
                additional_context: Some(text),
                ..HookSpecific::default()
            }),
            ..Self::default()
        }
    }

    /// `Stop`: keep working, because `reason`.
    pub fn block(reason: String) -> Self {
        Self { decision: Some("block".into()), reason: Some(reason), ..Self::default() }
    }
}

/// The header naming the repository root the agent's absolute paths are
/// under (`hub hook` sends the git top level).
pub const HOOK_ROOT_HEADER: &str = "x-hub-root";
