//! `GET /mcp`: the session's event stream (server-sent events). The Worker
//! listens to the agent's own socket and its team's, as the hub's internal
//! caller, and turns what concerns the agent into MCP logging
//! notifications: DMs, mentions, resolved escalations, locks handed over.
//! The stream ends when the client goes away (the next event finds no
//! reader) or a socket closes: the sockets carry the agent's token, so
//! revoking it closes them and ends the stream.

use futures_util::StreamExt;
use hub_protocol::{AgentEvent, AgentPath, ApiPath, Caller, CoordinatorPath, Envelope, Event, LockAction, RpcMessage};
use worker::{Method, WebSocket, WebsocketEvent};

use super::hub::AgentHub;
use crate::api_error::ApiError;

/// Opens the sockets and answers with the stream.
pub async fn open(hub: &AgentHub<'_>) -> Result<worker::Response, ApiError> {
    let me = hub.me.clone();
    let mine = connect(hub, &hub.mine(AgentPath::Socket)).await?;
    let team = connect(hub, &CoordinatorPath::Socket(Some(me.clone())).into()).await?;
    let (tx, rx) = futures_channel::mpsc::unbounded::<String>();
    worker::wasm_bindgen_futures::spawn_local(forward(mine, tx.clone(), |text| {
        let envelope: Envelope<AgentEvent> = serde_json::from_str(text).ok()?;
        match envelope.event {
            AgentEvent::Chat(dm) => Some(format!("DM from {}: {}", dm.from, dm.message)),
            AgentEvent::Escalation(e) if e.resolved_by.is_some() => Some(hub_domain::resolved_note(&e)),
            _ => None,
        }
    }));
    worker::wasm_bindgen_futures::spawn_local(forward(team, tx, move |text| {
        let envelope: Envelope<Event> = serde_json::from_str(text).ok()?;
        match envelope.event {
            Event::Chat(m) if m.author != me.as_str() && hub_domain::mentions(&m.message, me.as_str()) => {
                Some(format!("mention from {}: {}", m.author, m.message))
            }
            Event::LockUpdate(u) if u.action == LockAction::Granted && u.agent_id == me => {
                Some(format!("the lock on {} is yours now", u.resource_path))
            }
            _ => None,
        }
    }));
    // A comment first, so the client sees the stream open at once.
    let body = futures_util::stream::once(async { ": agent-hub events\n\n".to_owned() })
        .chain(rx)
        .map(|chunk| Ok::<Vec<u8>, worker::Error>(chunk.into_bytes()));
    let res = worker::Response::from_stream(body)?;
    res.headers().set("content-type", "text/event-stream")?;
    res.headers().set("cache-control", "no-store")?;
    Ok(res)
}

/// A WebSocket to the object at `path`, as the hub itself, tagged with the
/// agent's token (revocation closes it; the socket cap counts it).
async fn connect(hub: &AgentHub<'_>, path: &ApiPath) -> Result<WebSocket, ApiError> {
    let path = &path.to_string();
    let req = crate::objects::request_as(hub.team.as_str(), &Caller::Internal, Method::Get, path, None)?;
    req.headers().set("upgrade", "websocket")?;
    if let Some(id) = &hub.token_id {
        req.headers().set(Caller::TOKEN_HEADER, id)?;
    }
    let route = path.split('?').next().unwrap_or(path);
    let Some(Ok(address)) = hub_protocol::object_for_path(&hub.team, route) else {
        return Err(ApiError::internal("no object for the event stream"));
    };
    let stub = hub.env.durable_object(address.binding)?.id_from_name(&address.name)?.get_stub()?;
    let res = stub.fetch_with_request(req).await?;
    let ws = res.websocket().ok_or_else(|| ApiError::internal("the object did not open a socket"))?;
    ws.accept()?;
    Ok(ws)
}

/// Each message of `ws` that `line` turns into words goes out as one SSE event.
async fn forward(
    ws: WebSocket,
    tx: futures_channel::mpsc::UnboundedSender<String>,
    line: impl Fn(&str) -> Option<String>,
) {
    let Ok(mut events) = ws.events() else { return };
    while let Some(Ok(event)) = events.next().await {
        let WebsocketEvent::Message(m) = event else { break };
        let Some(words) = m.text().as_deref().and_then(&line) else { continue };
        let note = RpcMessage::notification(
            "notifications/message",
            serde_json::json!({ "level": "info", "logger": "agent-hub", "data": words }),
        );
        let Ok(json) = serde_json::to_string(&note) else { continue };
        if tx.unbounded_send(format!("event: message\ndata: {json}\n\n")).is_err() {
            break;
        }
    }
    let _ = ws.close(Some(1000), Some("stream closed"));
}
