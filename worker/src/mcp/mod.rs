//! `/mcp`: the Model Context Protocol over streamable HTTP, both eras on
//! one URL. A request whose `MCP-Protocol-Version` (or `_meta`) names
//! 2026-07-28 is served statelessly (`stateless.rs`); any other keeps the
//! handshake (`session.rs`: 2025-11-25, and 2025-06-18, 2025-03-26 and
//! 2024-11-05 clients). The caller is the agent of its bearer token, and
//! every tool acts as that agent through the API's own roles and paths
//! (`call.rs`, `run.rs`). Resources (`resources.rs`): the agent's inbox,
//! locks and tasks, read from stored state; their changes are notified on
//! the session's stream or a `subscriptions/listen` stream (`stream.rs`).
//!
//! The agent's news since it last saw any (a hook or an earlier result
//! handed over) is appended to the next tool result ("New since your last
//! call").

mod args;
mod call;
pub(crate) mod hub;
pub(crate) mod recheck;
mod resources;
mod run;
mod session;
mod stateless;
mod stream;
mod work;

use hub_protocol::{
    AgentPath, Caller, McpEra, RpcError, RpcMessage, RpcRequest, MCP_SESSION_HEADER, MCP_VERSION_HEADER,
    META_PROTOCOL_VERSION,
};
use serde_json::{json, Value};
use worker::{Env, Method};

use crate::api_error::ApiError;
use crate::head::Head;
use crate::{body, clock, config, limits, route};
use hub::AgentHub;

const INSTRUCTIONS: &str = "Coordinate with the other agents on this codebase: call hub_start first, lock files before editing, log your steps, checkpoint before you stop.";

/// Spends one write of the caller's budget; called only by requests that
/// write (a tool call that changes state, a new session).
type Spend<'a> = &'a dyn Fn() -> Result<(), ApiError>;

fn server_info() -> Value {
    json!({ "name": "agent-hub", "version": env!("CARGO_PKG_VERSION") })
}

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
            // Read as the runtime's string: no copy of the request first.
            let text = body::js_text(req.inner()).await?.as_string().unwrap_or_default();
            let request: RpcRequest = match serde_json::from_str(&text) {
                Ok(r) => r,
                Err(e) => {
                    let error = RpcMessage::error(None, RpcError::PARSE, format!("Not one JSON-RPC message: {e}"));
                    return answer(400, &error, None);
                }
            };
            if request.id.is_none() {
                // A notification (initialized, cancelled...): either era has
                // nothing to answer (a stream is cancelled by closing it).
                return nothing(202);
            }
            let key = credential.limit_key.clone();
            let spend = move || limits::take(&key, config::write_limit(env), clock::now().millis());
            let header = head.headers().get(MCP_VERSION_HEADER).and_then(|v| v.to_str().ok());
            let meta = request.params.as_ref().and_then(|p| p["_meta"][META_PROTOCOL_VERSION].as_str());
            match McpEra::of(header, meta) {
                Ok(McpEra::Stateless) => stateless::post(&hub, head, request, &spend).await,
                Ok(McpEra::Handshake) => session::post(&hub, session, request, &spend).await,
                Err(why) => answer(400, &why.to_rpc(request.id), None),
            }
        }
        http::Method::GET => {
            let sid = session.ok_or_else(|| ApiError::bad_field(MCP_SESSION_HEADER, "is required"))?;
            if !session::exists(&hub, &sid).await? {
                return Err(session::unknown_session());
            }
            let last = head.headers().get("last-event-id").and_then(|v| v.to_str().ok());
            stream::open(&hub, &sid, last.and_then(stream::resume_from)).await
        }
        http::Method::DELETE => {
            let sid = session.ok_or_else(|| ApiError::bad_field(MCP_SESSION_HEADER, "is required"))?;
            let (status, _) =
                hub.internal(Method::Delete, AgentPath::McpSession(sid.clone()), None).await.map_err(internal)?;
            if status == 404 {
                return Err(session::unknown_session());
            }
            nothing(204)
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

/// A JSON-RPC answer. Built on the isolate's hardened JSON headers (the
/// Worker adds nothing on the way out), except the one that names a new
/// session: its headers are its own.
fn answer(status: u16, message: &RpcMessage, session: Option<&str>) -> Result<worker::Response, ApiError> {
    let Some(sid) = session else { return Ok(crate::reply::json(status, serde_json::to_vec(message)?)) };
    let res = worker::Response::from_json(message)?.with_status(status);
    res.headers().set(MCP_SESSION_HEADER, sid)?;
    crate::hardening::apply(res.headers())?;
    Ok(res)
}

/// An answer without a body (202 for a notification, 204).
fn nothing(status: u16) -> Result<worker::Response, ApiError> {
    let res = worker::Response::empty()?.with_status(status);
    crate::hardening::apply(res.headers())?;
    Ok(res)
}
