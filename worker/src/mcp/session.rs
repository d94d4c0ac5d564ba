//! The handshake era (2025-11-25 and older): `initialize` opens a session
//! (`Mcp-Session-Id`) kept in the agent's own object, so any isolate serves
//! it; later requests name it. The session keeps its resource
//! subscriptions and logging level for its event stream (`stream.rs`).

use hub_protocol::{
    AgentPath, LogLevel, McpNews, McpSessionChange, OpenMcpSession, RpcError, RpcMessage, RpcRequest,
    MCP_SESSION_HEADER, MCP_VERSIONS,
};
use serde_json::{json, Value};
use worker::Method;

use super::hub::AgentHub;
use super::{answer, internal, resources, Spend};
use crate::api_error::ApiError;

pub fn unknown_session() -> ApiError {
    ApiError::NotFound { what: "Unknown or closed MCP session: initialize again".into(), path: Some("/mcp".into()) }
}

/// Whether the agent's object knows the session.
pub async fn exists(hub: &AgentHub<'_>, sid: &str) -> Result<bool, ApiError> {
    let (status, _) = hub.internal(Method::Get, AgentPath::McpSession(sid.to_owned()), None).await.map_err(internal)?;
    Ok(status != 404)
}

pub async fn post(
    hub: &AgentHub<'_>,
    session: Option<String>,
    request: RpcRequest,
    spend: Spend<'_>,
) -> Result<worker::Response, ApiError> {
    let Some(id) = request.id else { return super::nothing(202) };
    let params = request.params.unwrap_or_default();
    if request.method == "initialize" {
        spend()?;
        return initialize(hub, id, &params).await;
    }
    let sid = session.ok_or_else(|| ApiError::bad_field(MCP_SESSION_HEADER, "is required after initialize"))?;
    let message = match request.method.as_str() {
        "tools/call" => {
            // The session's check and its news in one call, before the tool.
            let (status, text) =
                hub.internal(Method::Post, AgentPath::McpNews(sid.clone()), None).await.map_err(internal)?;
            if status == 404 {
                return Err(unknown_session());
            }
            let news: McpNews = serde_json::from_str(&text).unwrap_or_default();
            super::call::tool(hub, id, &params, spend, async { news.news }).await?
        }
        method => {
            if !exists(hub, &sid).await? {
                return Err(unknown_session());
            }
            match method {
                "tools/list" => RpcMessage::result(id, hub_protocol::tools_list()),
                "ping" => RpcMessage::result(id, json!({})),
                "resources/list" => RpcMessage::result(id, resources::list()),
                "resources/templates/list" => RpcMessage::result(id, json!({ "resourceTemplates": [] })),
                "resources/read" => match resources::read(hub, params["uri"].as_str().unwrap_or_default()).await {
                    Ok(r) => RpcMessage::result(id, r),
                    Err(e) => RpcMessage::error(Some(id), RpcError::INVALID_PARAMS, e.0),
                },
                "resources/subscribe" | "resources/unsubscribe" | "logging/setLevel" => {
                    change_session(hub, &sid, id, method, &params).await?
                }
                other => RpcMessage::error(Some(id), RpcError::METHOD_NOT_FOUND, format!("No method {other}")),
            }
        }
    };
    answer(200, &message, None)
}

async fn initialize(hub: &AgentHub<'_>, id: Value, params: &Value) -> Result<worker::Response, ApiError> {
    let asked = params["protocolVersion"].as_str().unwrap_or_default();
    let version = MCP_VERSIONS.iter().find(|v| **v == asked).unwrap_or(&MCP_VERSIONS[0]);
    let open = OpenMcpSession { session_id: crate::secret::random_hex(16), protocol_version: (*version).to_owned() };
    let (status, _) = hub
        .internal(Method::Post, AgentPath::McpSessions, Some(serde_json::to_string(&open)?))
        .await
        .map_err(internal)?;
    if status >= 300 {
        return Err(ApiError::Internal(format!("the agent object answered {status} to a new MCP session")));
    }
    let result = json!({
        "protocolVersion": version,
        "capabilities": {
            "tools": { "listChanged": false },
            "resources": { "subscribe": true, "listChanged": false },
            "logging": {},
        },
        "serverInfo": super::server_info(),
        "instructions": super::INSTRUCTIONS,
    });
    answer(200, &RpcMessage::result(id, result), Some(&open.session_id))
}

/// A subscription or the logging level, kept with the session.
async fn change_session(
    hub: &AgentHub<'_>,
    sid: &str,
    id: Value,
    method: &str,
    params: &Value,
) -> Result<RpcMessage, ApiError> {
    let bad = |why: String| Ok(RpcMessage::error(Some(id.clone()), RpcError::INVALID_PARAMS, why));
    let change = if method == "logging/setLevel" {
        let level = params["level"].as_str().unwrap_or_default();
        match LogLevel::parse(level) {
            Some(l) => McpSessionChange::LogLevel(l),
            None => {
                let known: Vec<&str> = LogLevel::ALL.iter().map(|l| l.as_str()).collect();
                return bad(format!("level {level:?}: use one of {}", known.join(", ")));
            }
        }
    } else {
        let uri = params["uri"].as_str().unwrap_or_default().to_owned();
        if uri.is_empty() || uri.len() > 512 {
            return bad("uri: a resource's URI (at most 512 characters) is required".into());
        }
        if method == "resources/subscribe" {
            McpSessionChange::Subscribe(uri)
        } else {
            McpSessionChange::Unsubscribe(uri)
        }
    };
    let path = AgentPath::McpSession(sid.to_owned());
    let (status, text) =
        hub.internal(Method::Patch, path, Some(serde_json::to_string(&change)?)).await.map_err(internal)?;
    match status {
        404 => Err(unknown_session()),
        400 => bad(serde_json::from_str::<hub_protocol::ErrorBody>(&text).map_or(text, |e| e.error)),
        _ => Ok(RpcMessage::result(id, json!({}))),
    }
}
