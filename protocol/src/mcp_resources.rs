//! What an agent must notice, as MCP resources (both eras read them from
//! the hub's stored state), and what an MCP session keeps: the resources
//! it subscribed to and its logging level.

use serde::{Deserialize, Serialize};

wire_enum! {
    /// The agent's resources, by stable URI (the session's agent is the
    /// token's, so the URIs need no agent id).
    McpResource {
        Inbox = "agent-hub://inbox",
        Locks = "agent-hub://locks",
        Tasks = "agent-hub://tasks",
    }
}

impl McpResource {
    pub fn name(self) -> &'static str {
        match self {
            Self::Inbox => "inbox",
            Self::Locks => "locks",
            Self::Tasks => "tasks",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Inbox => "Your unread direct messages, and the DMs you sent that still wait for an acknowledgement.",
            Self::Locks => "The locks you hold, with the time each has left.",
            Self::Tasks => "Your open tasks, and the pending handoffs addressed to you.",
        }
    }
}

/// An MCP session as its agent's object keeps it
/// (`GET /agent/{id}/mcp/{session}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct McpSessionState {
    pub protocol_version: String,
    /// URIs of the resources it subscribed to.
    #[serde(default)]
    pub subscribed: Vec<String>,
    /// `logging/setLevel`: the least severe level it wants (none: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_level: Option<String>,
}

/// `PATCH /agent/{id}/mcp/{session}`: one change of the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "change", content = "value")]
pub enum McpSessionChange {
    /// A URI: the agent's resources notify; another is kept and never
    /// changes (MCP lets a client subscribe to what it likes).
    Subscribe(String),
    Unsubscribe(String),
    LogLevel(LogLevel),
}

wire_enum! {
    /// Syslog's levels, as MCP's logging names them, least severe first.
    LogLevel {
        Debug = "debug",
        Info = "info",
        Notice = "notice",
        Warning = "warning",
        Error = "error",
        Critical = "critical",
        Alert = "alert",
        Emergency = "emergency",
    }
}

impl LogLevel {
    /// Whether a message at `self` goes to a session that set `wanted`.
    pub fn passes(self, wanted: Option<LogLevel>) -> bool {
        let rank = |l: LogLevel| LogLevel::ALL.iter().position(|x| *x == l).unwrap_or(0);
        wanted.is_none_or(|w| rank(self) >= rank(w))
    }
}
