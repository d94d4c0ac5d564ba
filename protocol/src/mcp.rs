//! The Model Context Protocol as the hub speaks it at `/mcp` (streamable
//! HTTP, JSON-RPC 2.0 by POST) and `hub mcp` relays it on stdio; plus the
//! agent object's record of an MCP session.

use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// The handshake-era MCP versions the hub speaks (an `initialize` opens a
/// session), newest first.
pub const MCP_VERSIONS: [&str; 4] = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

/// The current, stateless revision: no handshake, no session; each request
/// names its version (header and `_meta`) and carries its own credential.
pub const MCP_STATELESS_VERSION: &str = "2026-07-28";

/// Every version the hub speaks, newest first (`server/discover`, and the
/// list an unsupported version is answered with).
pub const MCP_ALL_VERSIONS: [&str; 5] = [MCP_STATELESS_VERSION, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

/// Request headers of the streamable HTTP transport.
pub const MCP_VERSION_HEADER: &str = "mcp-protocol-version";
pub const MCP_METHOD_HEADER: &str = "mcp-method";
pub const MCP_NAME_HEADER: &str = "mcp-name";

/// `_meta` keys of the stateless revision.
pub const META_PROTOCOL_VERSION: &str = "io.modelcontextprotocol/protocolVersion";
pub const META_SERVER_INFO: &str = "io.modelcontextprotocol/serverInfo";
pub const META_SUBSCRIPTION_ID: &str = "io.modelcontextprotocol/subscriptionId";

/// Which way a request to `/mcp` is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum McpEra {
    /// `initialize`, then a session (2025-11-25 and older).
    Handshake,
    /// One request at a time (2026-07-28).
    Stateless,
}

/// Why a request's version cannot be served: a JSON-RPC error, answered 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EraError {
    /// The header and the body's `_meta` name different versions.
    Mismatch { header: String, meta: String },
    /// A version the hub does not speak.
    Unsupported(String),
}

impl McpEra {
    /// The era of a request, from its `MCP-Protocol-Version` header and the
    /// version in its `_meta` (the stateless revision's mark). Neither: a
    /// client of the handshake era (older ones send no header).
    ///
    /// # Errors
    /// The two disagree, or name a version the hub does not speak.
    pub fn of(header: Option<&str>, meta: Option<&str>) -> Result<Self, EraError> {
        if let (Some(h), Some(m)) = (header, meta) {
            if h != m {
                return Err(EraError::Mismatch { header: h.to_owned(), meta: m.to_owned() });
            }
        }
        match header.or(meta) {
            None => Ok(Self::Handshake),
            Some(v) if v == MCP_STATELESS_VERSION => Ok(Self::Stateless),
            // The handshake's own header: `initialize` already chose it.
            Some(v) if MCP_VERSIONS.contains(&v) && meta.is_none() => Ok(Self::Handshake),
            Some(v) => Err(EraError::Unsupported(v.to_owned())),
        }
    }
}

impl EraError {
    /// The JSON-RPC error the revision defines for it.
    pub fn to_rpc(&self, id: Option<serde_json::Value>) -> RpcMessage {
        match self {
            Self::Mismatch { header, meta } => RpcMessage::error(
                id,
                RpcError::HEADER_MISMATCH,
                format!("Header mismatch: MCP-Protocol-Version {header} but _meta names {meta}"),
            ),
            Self::Unsupported(v) => RpcMessage::error_with_data(
                id,
                RpcError::UNSUPPORTED_PROTOCOL_VERSION,
                format!("Unsupported protocol version {v}: use one of {}", MCP_ALL_VERSIONS.join(", ")),
                serde_json::json!({ "supported": MCP_ALL_VERSIONS, "requested": v }),
            ),
        }
    }
}

/// The header that carries the session after `initialize`.
pub const MCP_SESSION_HEADER: &str = "mcp-session-id";

/// A JSON-RPC request, or a notification when `id` is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RpcRequest {
    pub jsonrpc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<serde_json::Value>,
}

/// A JSON-RPC answer: `result` or `error`. Also a notification from the
/// server (`method` and `params`, no `id`) on the event stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RpcMessage {
    pub jsonrpc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RpcError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<serde_json::Value>,
}

impl RpcMessage {
    pub fn result(id: serde_json::Value, result: serde_json::Value) -> Self {
        Self { jsonrpc: "2.0".into(), id: Some(id), result: Some(result), error: None, method: None, params: None }
    }

    pub fn error(id: Option<serde_json::Value>, code: i64, message: impl Into<String>) -> Self {
        let error = RpcError { code, message: message.into(), data: None };
        Self { jsonrpc: "2.0".into(), id, result: None, error: Some(error), method: None, params: None }
    }

    pub fn error_with_data(
        id: Option<serde_json::Value>,
        code: i64,
        message: impl Into<String>,
        data: serde_json::Value,
    ) -> Self {
        let error = RpcError { code, message: message.into(), data: Some(data) };
        Self { jsonrpc: "2.0".into(), id, result: None, error: Some(error), method: None, params: None }
    }

    pub fn notification(method: &str, params: serde_json::Value) -> Self {
        Self {
            jsonrpc: "2.0".into(),
            id: None,
            result: None,
            error: None,
            method: Some(method.into()),
            params: Some(params),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl RpcError {
    pub const PARSE: i64 = -32700;
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
    /// 2026-07-28: the HTTP headers and the body disagree.
    pub const HEADER_MISMATCH: i64 = -32020;
    /// 2026-07-28: a version the server does not speak (`data.supported`).
    pub const UNSUPPORTED_PROTOCOL_VERSION: i64 = -32022;
}

/// Worker → agent object: open a session (`POST /agent/{id}/mcp`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenMcpSession {
    pub session_id: String,
    pub protocol_version: String,
}

/// What reached the agent since the session last asked
/// (`POST /agent/{id}/mcp/{session}/news`): lines to append to a tool result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct McpNews {
    pub news: Vec<String>,
    pub since: Option<Timestamp>,
}

/// An `Mcp-Name` (or `Mcp-Param-*`) header's value: as sent, or decoded
/// from the revision's `=?base64?…?=` form; `None` for bad base64 or UTF-8.
pub fn mcp_header_value(raw: &str) -> Option<String> {
    let Some(encoded) = raw.strip_prefix("=?base64?").and_then(|r| r.strip_suffix("?=")) else {
        return Some(raw.to_owned());
    };
    let sextet = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        }))
    };
    let digits = encoded.trim_end_matches('=').as_bytes();
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= sextet(*c)? << (18 - 6 * i);
        }
        let whole = n.to_be_bytes();
        bytes.extend_from_slice(&whole[1..chunk.len()]);
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_era_comes_from_the_header_or_the_meta() {
        assert_eq!(McpEra::of(None, None), Ok(McpEra::Handshake));
        assert_eq!(McpEra::of(Some("2025-06-18"), None), Ok(McpEra::Handshake));
        assert_eq!(McpEra::of(Some("2026-07-28"), None), Ok(McpEra::Stateless));
        assert_eq!(McpEra::of(None, Some("2026-07-28")), Ok(McpEra::Stateless));
        assert_eq!(McpEra::of(Some("2026-07-28"), Some("2026-07-28")), Ok(McpEra::Stateless));
    }

    #[test]
    fn a_version_the_hub_does_not_speak_is_named_with_the_ones_it_does() {
        let err = McpEra::of(Some("2027-01-01"), None).unwrap_err();
        assert_eq!(err, EraError::Unsupported("2027-01-01".into()));
        let message = err.to_rpc(Some(1.into()));
        let error = message.error.unwrap();
        assert_eq!(error.code, RpcError::UNSUPPORTED_PROTOCOL_VERSION);
        assert_eq!(error.data.unwrap()["supported"][0], MCP_STATELESS_VERSION);
        // A handshake version in `_meta` is no stateless request.
        assert!(McpEra::of(None, Some("2025-06-18")).is_err());
    }

    #[test]
    fn a_header_value_may_come_in_base64() {
        assert_eq!(mcp_header_value("hub_lock").as_deref(), Some("hub_lock"));
        assert_eq!(mcp_header_value("=?base64?SGVsbG8sIOS4lueVjA==?=").as_deref(), Some("Hello, 世界"));
        assert_eq!(mcp_header_value("=?base64?IHBhZGRlZCA=?=").as_deref(), Some(" padded "));
        assert_eq!(mcp_header_value("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=").as_deref(), Some("=?base64?literal?="));
        assert_eq!(mcp_header_value("=?base64?!!?="), None);
    }

    #[test]
    fn header_and_meta_must_agree() {
        let err = McpEra::of(Some("2026-07-28"), Some("2025-11-25")).unwrap_err();
        assert_eq!(err.to_rpc(None).error.unwrap().code, RpcError::HEADER_MISMATCH);
    }
}
