//! The stateless revision (2026-07-28): no handshake and no session. Each
//! POST is one request that names its version and carries its own bearer
//! token (checked for this request, like any REST call); `server/discover`
//! says what the hub speaks; change notifications ride the response stream
//! of `subscriptions/listen`. The tools and resources are the handshake
//! era's own (one table, one reader), so a `tools/call` here costs what the
//! REST call it stands for costs; the news is asked for beside it, when
//! there may be some (`recheck.rs`).

use hub_protocol::{
    AgentPath, NewsResponse, RpcError, RpcMessage, RpcRequest, TakeNews, MCP_ALL_VERSIONS, MCP_METHOD_HEADER,
    MCP_NAME_HEADER, META_SERVER_INFO,
};
use serde_json::{json, Value};

use super::hub::AgentHub;
use super::{answer, resources, stream, Spend};
use crate::api_error::ApiError;
use crate::head::Head;

/// How long a client may keep what does not change while the hub runs
/// (the tool and resource lists, the discovery).
const STATIC_TTL_MS: u64 = 3_600_000;

pub async fn post(
    hub: &AgentHub<'_>,
    head: &Head,
    request: RpcRequest,
    spend: Spend<'_>,
) -> Result<worker::Response, ApiError> {
    let Some(id) = request.id else { return super::nothing(202) };
    let params = request.params.unwrap_or_default();
    if let Err(why) = headers_agree(head, &request.method, &params) {
        return answer(400, &RpcMessage::error(Some(id), RpcError::HEADER_MISMATCH, why), None);
    }
    let message = match request.method.as_str() {
        "server/discover" => complete(id, discover(), Some((STATIC_TTL_MS, "public"))),
        "tools/list" => complete(id, hub_protocol::tools_list(), Some((STATIC_TTL_MS, "public"))),
        "resources/list" => complete(id, resources::list(), Some((STATIC_TTL_MS, "public"))),
        "resources/templates/list" => complete(id, json!({ "resourceTemplates": [] }), Some((STATIC_TTL_MS, "public"))),
        "resources/read" => match resources::read(hub, params["uri"].as_str().unwrap_or_default()).await {
            // The agent's own state, changing: never reuse it.
            Ok(r) => complete(id, r, Some((0, "private"))),
            Err(e) => RpcMessage::error(Some(id), RpcError::INVALID_PARAMS, e.0),
        },
        "tools/call" => {
            let mut message = super::call::tool(hub, id, &params, spend, news(hub)).await?;
            if let Some(Value::Object(result)) = message.result.as_mut() {
                result.insert("resultType".into(), "complete".into());
            }
            message
        }
        "subscriptions/listen" => {
            let asked: Vec<String> =
                serde_json::from_value(params["notifications"]["resourceSubscriptions"].clone()).unwrap_or_default();
            return stream::listen(hub, id, &asked).await;
        }
        other => {
            let why = format!("No method {other} at 2026-07-28 (initialize, ping and logging/setLevel are gone)");
            return answer(404, &RpcMessage::error(Some(id), RpcError::METHOD_NOT_FOUND, why), None);
        }
    };
    answer(200, &message, None)
}

fn discover() -> Value {
    json!({
        "supportedVersions": MCP_ALL_VERSIONS,
        "capabilities": {
            "tools": { "listChanged": false },
            "resources": { "subscribe": true, "listChanged": false },
        },
        "_meta": { META_SERVER_INFO: super::server_info() },
        "instructions": super::INSTRUCTIONS,
    })
}

/// A result as the revision wants it: `resultType`, and how long a client
/// may cache it.
fn complete(id: Value, mut result: Value, cache: Option<(u64, &str)>) -> RpcMessage {
    if let Value::Object(fields) = &mut result {
        fields.insert("resultType".into(), "complete".into());
        if let Some((ttl, scope)) = cache {
            fields.insert("ttlMs".into(), ttl.into());
            fields.insert("cacheScope".into(), scope.into());
        }
    }
    RpcMessage::result(id, result)
}

/// The agent's news, handed over (the same *shown* mark as hooks), when
/// this isolate has reason to ask (`recheck.rs`).
async fn news(hub: &AgentHub<'_>) -> Vec<String> {
    if !super::recheck::due(&hub.team, &hub.me, crate::clock::now().millis()) {
        return Vec::new();
    }
    let taken: Result<NewsResponse, _> = hub.post(hub.mine(AgentPath::News), &TakeNews::default()).await;
    taken.map(|n| n.items.into_iter().map(|i| i.text).collect()).unwrap_or_default()
}

/// `Mcp-Method` and `Mcp-Name`, when sent, must say what the body says
/// (an intermediary may have routed on them).
fn headers_agree(head: &Head, method: &str, params: &Value) -> Result<(), String> {
    let header = |name: &str| head.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(m) = header(MCP_METHOD_HEADER) {
        if m != method {
            return Err(format!("Header mismatch: Mcp-Method {m} but the body's method is {method}"));
        }
    }
    let body_name = match method {
        "tools/call" => params["name"].as_str(),
        "resources/read" => params["uri"].as_str(),
        _ => None,
    };
    if let (Some(sent), Some(body)) = (header(MCP_NAME_HEADER), body_name) {
        let sent = hub_protocol::mcp_header_value(&sent).ok_or("Header mismatch: Mcp-Name is not valid base64")?;
        if sent != body {
            return Err(format!("Header mismatch: Mcp-Name {sent} but the body names {body}"));
        }
    }
    Ok(())
}
