//! The agent's news as server-sent events, in both eras. The Worker
//! listens to the agent's own socket, as the hub's internal caller, tagged
//! with the agent's token: revoking the token closes the socket and ends
//! the stream. The stream ends too when the client goes away (the next
//! event finds no reader).
//!
//! - `GET /mcp` (handshake era, [`open`]): each event of the agent's log
//!   that is news (DMs, mentions, locks handed over, handoffs, resolved
//!   escalations, receipts) becomes an MCP logging notification (unless
//!   `logging/setLevel` asked for more severe ones only), led by
//!   `notifications/resources/updated` for a resource the session
//!   subscribed to that the event changes. The SSE `id` is the event's place
//!   in the log (`a<seq>`): a client reconnecting with `Last-Event-ID` gets
//!   what it missed, in order, then live events.
//! - `subscriptions/listen` (2026-07-28, [`listen`]): the acknowledgement,
//!   then `notifications/resources/updated` for the resources it named, each
//!   tagged with the subscription's id. Updates are level triggers (read the
//!   resource again), so the stream needs no replay: a listener that
//!   reconnects re-reads the resources.

use futures_util::StreamExt;
use hub_protocol::{
    AgentEvent, AgentId, AgentPath, ApiPath, Caller, Envelope, LogLevel, McpResource, McpSessionState, RpcMessage,
    TeamId, META_SUBSCRIPTION_ID,
};
use serde_json::{json, Value};
use worker::{Env, Method, WebSocket, WebsocketEvent};

use super::hub::AgentHub;
use crate::api_error::ApiError;

/// The log position a `Last-Event-ID` names (`a<seq>`, or a bare number).
pub fn resume_from(last_event_id: &str) -> Option<u64> {
    let id = last_event_id.trim();
    id.strip_prefix('a').unwrap_or(id).parse().ok()
}

/// Opens the socket (resuming after `since`) and answers with the stream.
pub async fn open(hub: &AgentHub<'_>, sid: &str, since: Option<u64>) -> Result<worker::Response, ApiError> {
    let mut path = hub.mine(AgentPath::Socket).to_string();
    if let Some(since) = since {
        path.push_str(&format!("?since={since}"));
    }
    let socket = connect(hub, &path).await?;
    let session = Session { env: hub.env.clone(), team: hub.team.clone(), me: hub.me.clone(), sid: sid.to_owned() };
    // A comment first, so the client sees the stream open at once.
    respond(socket, Reader::Session(session), ": agent-hub events\n\n".to_owned())
}

/// `subscriptions/listen` (request `id`), for the agent's resources among
/// `asked`: acknowledged with the ones it honours, then their updates.
pub async fn listen(hub: &AgentHub<'_>, id: Value, asked: &[String]) -> Result<worker::Response, ApiError> {
    let honoured: Vec<McpResource> = asked.iter().filter_map(|u| McpResource::parse(u)).collect();
    let socket = connect(hub, hub.mine(AgentPath::Socket).to_string().as_str()).await?;
    let uris: Vec<&str> = honoured.iter().map(|r| r.as_str()).collect();
    let ack = RpcMessage::notification(
        "notifications/subscriptions/acknowledged",
        json!({ "_meta": { META_SUBSCRIPTION_ID: id }, "notifications": { "resourceSubscriptions": uris } }),
    );
    let first = sse(&ack, None).unwrap_or_default();
    respond(socket, Reader::Listen { id, honoured }, first)
}

/// The stream: `first`, then what [`forward`] makes of the socket's messages,
/// with a comment every 20 s so no proxy or client times a quiet one out.
fn respond(socket: WebSocket, reader: Reader, first: String) -> Result<worker::Response, ApiError> {
    let (tx, rx) = futures_channel::mpsc::unbounded::<String>();
    worker::wasm_bindgen_futures::spawn_local(keep_alive(tx.clone()));
    worker::wasm_bindgen_futures::spawn_local(forward(socket, tx, reader));
    let body = futures_util::stream::once(async { first })
        .chain(rx)
        .map(|chunk| Ok::<Vec<u8>, worker::Error>(chunk.into_bytes()));
    let res = worker::Response::from_stream(body)?;
    res.headers().set("content-type", "text/event-stream")?;
    res.headers().set("cache-control", "no-store")?;
    res.headers().set("x-accel-buffering", "no")?;
    crate::hardening::apply(res.headers())?;
    Ok(res)
}

async fn keep_alive(tx: futures_channel::mpsc::UnboundedSender<String>) {
    loop {
        worker::Delay::from(std::time::Duration::from_secs(20)).await;
        if tx.unbounded_send(":\n\n".to_owned()).is_err() {
            return;
        }
    }
}

/// A WebSocket to the agent's object at `path`, as the hub itself, tagged
/// with the agent's token (revocation closes it; the socket cap counts it).
async fn connect(hub: &AgentHub<'_>, path: &str) -> Result<WebSocket, ApiError> {
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
    // Accepted by `forward`, once it listens: what the object sent first
    // (the replay) would be dispatched to no listener.
    res.websocket().ok_or_else(|| ApiError::internal("the object did not open a socket"))
}

/// Who reads the stream.
enum Reader {
    /// A handshake-era session, read again at each event (its
    /// subscriptions and logging level may change while it is open).
    Session(Session),
    /// A `subscriptions/listen` request: its id and the resources it wants.
    Listen { id: Value, honoured: Vec<McpResource> },
}

struct Session {
    env: Env,
    team: TeamId,
    me: AgentId,
    sid: String,
}

impl Session {
    async fn state(&self) -> McpSessionState {
        let path = ApiPath::Agent(self.me.clone(), AgentPath::McpSession(self.sid.clone()));
        match crate::objects::call_api(&self.env, &self.team, &Caller::Internal, Method::Get, &path, None).await {
            Ok((200, text)) => serde_json::from_str(&text).unwrap_or_default(),
            _ => McpSessionState::default(),
        }
    }
}

fn sse(message: &RpcMessage, id: Option<u64>) -> Option<String> {
    let json = serde_json::to_string(message).ok()?;
    Some(match id {
        Some(seq) => format!("id: a{seq}\nevent: message\ndata: {json}\n\n"),
        None => format!("event: message\ndata: {json}\n\n"),
    })
}

/// The SSE events for one socket message: the resource it changes (when
/// subscribed), then its news (at the level asked); the last carries the
/// event's place in the log as its id.
async fn events_of(text: &str, session: &Session) -> Vec<String> {
    let Ok(envelope) = serde_json::from_str::<Envelope<AgentEvent>>(text) else { return Vec::new() };
    let words = match &envelope.event {
        AgentEvent::Error(e) => Some(format!("agent-hub: {}", e.error)),
        event => hub_domain::news_line(event),
    };
    let touched = hub_domain::resource_touched(&envelope.event);
    if words.is_none() && touched.is_none() {
        return Vec::new();
    }
    let state = session.state().await;
    let mut out: Vec<RpcMessage> = Vec::new();
    if let Some(r) = touched.filter(|r| state.subscribed.iter().any(|s| s == r.as_str())) {
        out.push(RpcMessage::notification("notifications/resources/updated", json!({ "uri": r.as_str() })));
    }
    let wanted = state.log_level.as_deref().and_then(LogLevel::parse);
    if let Some(words) = words.filter(|_| LogLevel::Info.passes(wanted)) {
        out.push(RpcMessage::notification(
            "notifications/message",
            json!({ "level": "info", "logger": "agent-hub", "data": words }),
        ));
    }
    let last = out.len().saturating_sub(1);
    out.iter().enumerate().filter_map(|(i, m)| sse(m, envelope.seq.filter(|_| i == last))).collect()
}

/// A listener's updates for one socket message: the resource it changes,
/// if the listener named it.
fn updates_of(text: &str, id: &Value, honoured: &[McpResource]) -> Option<String> {
    let envelope = serde_json::from_str::<Envelope<AgentEvent>>(text).ok()?;
    let touched = hub_domain::resource_touched(&envelope.event).filter(|r| honoured.contains(r))?;
    let update = RpcMessage::notification(
        "notifications/resources/updated",
        json!({ "_meta": { META_SUBSCRIPTION_ID: id }, "uri": touched.as_str() }),
    );
    sse(&update, None)
}

/// Each message of `ws` that is news goes out as SSE events. A listener
/// whose socket the hub closed gets the answer to its request: complete, or
/// an error when its token was revoked.
async fn forward(ws: WebSocket, tx: futures_channel::mpsc::UnboundedSender<String>, reader: Reader) {
    let Ok(mut events) = ws.events() else { return };
    if ws.accept().is_err() {
        return;
    }
    let mut closed_by_hub = None;
    'read: while let Some(Ok(event)) = events.next().await {
        let text = match event {
            WebsocketEvent::Message(m) => m.text(),
            WebsocketEvent::Close(c) => {
                closed_by_hub = Some(c.reason());
                break;
            }
        };
        let Some(text) = text else { continue };
        let chunks = match &reader {
            Reader::Session(session) => events_of(&text, session).await,
            Reader::Listen { id, honoured } => updates_of(&text, id, honoured).into_iter().collect(),
        };
        for chunk in chunks {
            if tx.unbounded_send(chunk).is_err() {
                break 'read;
            }
        }
    }
    if let (Reader::Listen { id, .. }, Some(reason)) = (&reader, closed_by_hub) {
        let meta = json!({ META_SUBSCRIPTION_ID: id });
        let end = if reason.contains("revoked") {
            let why = "The token was revoked: this subscription ended (get a new token, then listen again)";
            RpcMessage::error_with_data(Some(id.clone()), -32001, why, json!({ "_meta": meta }))
        } else {
            RpcMessage::result(id.clone(), json!({ "resultType": "complete", "_meta": meta }))
        };
        if let Some(chunk) = sse(&end, None) {
            let _ = tx.unbounded_send(chunk);
        }
    }
    // Ends the stream for every sender (the keep-alive's too).
    tx.close_channel();
    let _ = ws.close(Some(1000), Some("stream closed"));
}

#[cfg(test)]
mod tests {
    use super::resume_from;

    #[test]
    fn a_last_event_id_names_a_place_in_the_agents_log() {
        assert_eq!(resume_from("a42"), Some(42));
        assert_eq!(resume_from(" 7 "), Some(7));
        assert_eq!(resume_from("c1.a2"), None);
    }
}
