//! `/mcp`: the Model Context Protocol over streamable HTTP (2025-11-25;
//! 2025-06-18, 2025-03-26 and 2024-11-05 clients too). JSON-RPC by POST,
//! answered as JSON; the session (`Mcp-Session-Id`) lives in the agent's
//! own object, so any isolate serves it. The caller is the agent of its
//! bearer token, and every tool acts as that agent through the API's own
//! roles. Resources (`resources.rs`): the agent's inbox, locks and tasks,
//! with `resources/subscribe`; `logging/setLevel` sets what the event
//! stream (`stream.rs`) sends.
//!
//! The agent's news since it last saw any (a hook or an earlier result
//! handed over) is appended to the next tool result ("New since your last
//! call").

mod args;
pub(crate) mod hub;
mod resources;
mod run;
mod stream;
mod work;

use hub_protocol::{
    AgentPath, Caller, LogLevel, McpNews, McpSessionChange, OpenMcpSession, RpcError, RpcMessage, RpcRequest, ToolCall,
    ToolCallError, MCP_SESSION_HEADER, MCP_VERSIONS,
};
use serde_json::{json, Value};
use worker::{Env, Method};

use crate::api_error::ApiError;
use crate::head::Head;
use crate::{body, clock, config, limits, route};
use hub::AgentHub;

const INSTRUCTIONS: &str = "Coordinate with the other agents on this codebase: call hub_start first, lock files before editing, log your steps, checkpoint before you stop.";

/// # Errors
/// 401/403 without an agent token, 404 for an unknown session, 405 for
/// another method, 400/413 for a body that is not one JSON-RPC message.
pub async fn serve(head: &Head, req: &worker::Request, env: &Env) -> Result<worker::Response, ApiError> {
    if let Some(origin) = crate::cors::Cors::foreign_origin(head, env) {
        return Err(ApiError::Forbidden(format!(
            "Origin {origin} may not use /mcp (a web page of another site; HUB_CORS_ORIGINS lists the allowed ones)"
        )));
    }
    let team = route::team(head)?;
    let credential = crate::gate::admit(head, env, &team, false).await?;
    let token_id = credential.token_id().map(str::to_owned);
    let Caller::Agent(me) = credential.caller else {
        return Err(ApiError::Forbidden(
            "/mcp acts as one agent: send that agent's token (hub join, or POST /coordinator/tokens)".into(),
        ));
    };
    let hub = AgentHub { env, team, me, token_id };
    let session = head.headers().get(MCP_SESSION_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    match *head.method() {
        http::Method::POST => {
            limits::take(&credential.limit_key, config::write_limit(env), clock::now().millis())?;
            let bytes = worker::Request::from(body::capped(req.inner()).await?)
                .bytes()
                .await
                .map_err(|_| ApiError::bad_request("Unreadable body"))?;
            post(&hub, session, &bytes).await
        }
        http::Method::GET => {
            let sid = session.ok_or_else(|| ApiError::bad_field(MCP_SESSION_HEADER, "is required"))?;
            let (status, _) =
                hub.internal(Method::Get, AgentPath::McpSession(sid.clone()), None).await.map_err(internal)?;
            if status == 404 {
                return Err(unknown_session());
            }
            let last = head.headers().get("last-event-id").and_then(|v| v.to_str().ok());
            stream::open(&hub, &sid, last.and_then(stream::resume_from)).await
        }
        http::Method::DELETE => {
            let sid = session.ok_or_else(|| ApiError::bad_field(MCP_SESSION_HEADER, "is required"))?;
            let (status, _) =
                hub.internal(Method::Delete, AgentPath::McpSession(sid.clone()), None).await.map_err(internal)?;
            if status == 404 {
                return Err(unknown_session());
            }
            Ok(worker::Response::empty()?.with_status(204))
        }
        _ => Err(ApiError::MethodNotAllowed {
            method: head.method().to_string(),
            path: "/mcp".into(),
            allowed: vec!["GET", "POST", "DELETE"],
        }),
    }
}

fn internal(e: hub::ToolError) -> ApiError {
    ApiError::Internal(e.0)
}

fn unknown_session() -> ApiError {
    ApiError::NotFound { what: "Unknown or closed MCP session: initialize again".into(), path: Some("/mcp".into()) }
}

async fn post(hub: &AgentHub<'_>, session: Option<String>, bytes: &[u8]) -> Result<worker::Response, ApiError> {
    let request: RpcRequest = match serde_json::from_slice(bytes) {
        Ok(r) => r,
        Err(e) => {
            let error = RpcMessage::error(None, RpcError::PARSE, format!("Not one JSON-RPC message: {e}"));
            return answer(400, &error, None);
        }
    };
    let Some(id) = request.id else {
        // A notification (initialized, cancelled...): nothing to answer.
        return Ok(worker::Response::empty()?.with_status(202));
    };
    if request.method == "initialize" {
        return initialize(hub, id, request.params.unwrap_or_default()).await;
    }
    let sid = session.ok_or_else(|| ApiError::bad_field(MCP_SESSION_HEADER, "is required after initialize"))?;
    let message = match request.method.as_str() {
        "tools/call" => call_tool(hub, &sid, id, request.params.unwrap_or_default()).await?,
        method => {
            let (status, _) =
                hub.internal(Method::Get, AgentPath::McpSession(sid.clone()), None).await.map_err(internal)?;
            if status == 404 {
                return Err(unknown_session());
            }
            let params = request.params.unwrap_or_default();
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

async fn initialize(hub: &AgentHub<'_>, id: Value, params: Value) -> Result<worker::Response, ApiError> {
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
        "serverInfo": { "name": "agent-hub", "version": env!("CARGO_PKG_VERSION") },
        "instructions": INSTRUCTIONS,
    });
    answer(200, &RpcMessage::result(id, result), Some(&open.session_id))
}

/// Runs the tool; the news since the session's last call go after its answer.
async fn call_tool(hub: &AgentHub<'_>, sid: &str, id: Value, params: Value) -> Result<RpcMessage, ApiError> {
    let (status, text) =
        hub.internal(Method::Post, AgentPath::McpNews(sid.to_owned()), None).await.map_err(internal)?;
    if status == 404 {
        return Err(unknown_session());
    }
    let news: McpNews = serde_json::from_str(&text).unwrap_or_default();
    let name = params["name"].as_str().unwrap_or_default();
    let arguments = params.get("arguments").cloned().unwrap_or_default();
    let outcome = match ToolCall::parse(name, arguments) {
        Ok(call) => run::run(hub, call).await,
        Err(ToolCallError::Unknown(name)) => {
            return Ok(RpcMessage::error(Some(id), RpcError::INVALID_PARAMS, format!("No tool {name:?}")));
        }
        Err(ToolCallError::Arguments(why)) => Err(hub::ToolError(format!("arguments: {why}"))),
    };
    let (text, failed) = match outcome {
        Ok(v) => (serde_json::to_string(&v)?, false),
        Err(e) => (e.0, true),
    };
    let mut content = vec![json!({ "type": "text", "text": text })];
    if !news.news.is_empty() {
        content.push(json!({ "type": "text", "text": format!("New since your last call:\n{}", news.news.join("\n")) }));
    }
    Ok(RpcMessage::result(id, json!({ "content": content, "isError": failed })))
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

fn answer(status: u16, message: &RpcMessage, session: Option<&str>) -> Result<worker::Response, ApiError> {
    let res = worker::Response::from_json(message)?.with_status(status);
    if let Some(sid) = session {
        res.headers().set(MCP_SESSION_HEADER, sid)?;
    }
    Ok(res)
}
