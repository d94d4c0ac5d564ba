//! `tools/call`, the same in both eras: the arguments read by the typed
//! table, the write budget spent only by a call that writes, the tool run
//! as the agent through the API's own paths, and the agent's news (what it
//! has not been shown yet) after the answer.

use std::future::Future;

use hub_protocol::{RpcError, RpcMessage, ToolCall, ToolCallError};
use serde_json::{json, Value};

use super::hub::AgentHub;
use super::run;
use crate::api_error::ApiError;

/// Runs the call in `params`. `news` hands the agent's news over; it runs
/// beside the tool (two objects, no reason to wait for one then the
/// other), and only once the call is known to be valid.
pub async fn tool(
    hub: &AgentHub<'_>,
    id: Value,
    params: &Value,
    spend: impl FnOnce() -> Result<(), ApiError>,
    news: impl Future<Output = Vec<String>>,
) -> Result<RpcMessage, ApiError> {
    let name = params["name"].as_str().unwrap_or_default();
    let arguments = params.get("arguments").cloned().unwrap_or_default();
    let (outcome, news) = match ToolCall::parse(name, arguments) {
        Ok(call) => {
            if call.writes() {
                spend()?;
            }
            futures_util::join!(run::run(hub, call), news)
        }
        Err(ToolCallError::Unknown(name)) => {
            let known: Vec<&str> = hub_protocol::ToolName::ALL.iter().map(|t| t.as_str()).collect();
            let why = format!("No tool {name:?}: the tools are {}", known.join(", "));
            return Ok(RpcMessage::error(Some(id), RpcError::INVALID_PARAMS, why));
        }
        Err(ToolCallError::Arguments(why)) => (Err(super::hub::ToolError(format!("arguments: {why}"))), Vec::new()),
    };
    let (text, failed) = match outcome {
        Ok(v) => (serde_json::to_string(&v)?, false),
        Err(e) => (e.0, true),
    };
    let mut content = vec![json!({ "type": "text", "text": text })];
    if !news.is_empty() {
        content.push(json!({ "type": "text", "text": format!("New since your last call:\n{}", news.join("\n")) }));
    }
    Ok(RpcMessage::result(id, json!({ "content": content, "isError": failed })))
}
