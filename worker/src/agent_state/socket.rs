//! The agent's own WebSocket: opened (within the per-agent cap, tagged by
//! the token it was opened with), its messages (each a write from the
//! socket's own bucket), and pushes, which find the sockets again with
//! `get_websockets()` every time, so they reach them after hibernation
//! (`news.rs`); a socket opened with `?since=<seq>` first gets what the
//! agent's log holds after it.

use hub_protocol::{AgentClientMessage, AgentEvent, AgentId, Envelope, ErrorBody, Timestamp};
use worker::{Response, WebSocket, WebSocketIncomingMessage};

use super::{AgentState, Result};
use crate::api_error::ApiError;
use crate::clock;

fn send(ws: &WebSocket, envelope: &Envelope<AgentEvent>) {
    if let Ok(text) = serde_json::to_string(envelope) {
        let _ = ws.send_with_str(text);
    }
}

impl AgentState {
    pub(super) fn on_socket_message(&self, ws: &WebSocket, message: WebSocketIncomingMessage) {
        let now = clock::now();
        // Every message is a write, counted in the budget of the credential
        // that opened the socket (its tag; tokenless ones share one).
        let key =
            self.state.get_tags(ws).into_iter().find(|t| t.starts_with("token:")).unwrap_or_else(|| "legacy".into());
        if let Err(e) = crate::limits::take(&key, crate::config::write_limit(&self.env), now.millis()) {
            send(ws, &Envelope::new(AgentEvent::Error(e.body()), now));
            return;
        }
        let reply = match message {
            // The same limit as an HTTP body: a message is never parsed past it.
            WebSocketIncomingMessage::String(text) if text.len() > hub_protocol::MAX_BODY_BYTES => {
                AgentEvent::Error(ApiError::PayloadTooLarge.body())
            }
            WebSocketIncomingMessage::String(text) => match serde_json::from_str::<AgentClientMessage>(&text) {
                Ok(AgentClientMessage::Ping) => AgentEvent::Pong,
                Ok(AgentClientMessage::CheckpointSave(save)) => match self.save_checkpoint(save, now) {
                    Ok(c) => AgentEvent::CheckpointSaved(c),
                    Err(e) => AgentEvent::Error(e.body()),
                },
                Err(e) => AgentEvent::Error(ErrorBody::new(format!("Unknown or malformed message: {e}"))),
            },
            WebSocketIncomingMessage::Binary(_) => AgentEvent::Error(ErrorBody::new("Send JSON text")),
        };
        send(ws, &Envelope::new(reply, now));
    }

    pub(super) fn open_socket(
        &self,
        agent: &AgentId,
        since: Option<u64>,
        token: Option<&str>,
        now: Timestamp,
    ) -> Result<Response> {
        let cap = crate::config::sockets_per_agent(&self.env);
        if self.state.get_websockets().len() >= cap {
            return Err(ApiError::TooManySockets(format!(
                "{agent} has {cap} sockets open, its limit: close one first"
            )));
        }
        let pair = worker::WebSocketPair::new()?;
        // Tagged by token, so revoking it closes the socket.
        let tag = token.map(|t| format!("token:{t}"));
        self.state.accept_websocket_with_tags(&pair.server, &tag.iter().map(String::as_str).collect::<Vec<_>>());
        send(&pair.server, &Envelope::new(AgentEvent::StateSync(self.view(agent)?), now));
        // What it missed, in order, before any live event.
        if let Some(since) = since {
            let error = |e| serde_json::to_string(&Envelope::new(AgentEvent::Error(e), now)).unwrap_or_default();
            for text in self.log.replay(since, error)? {
                let _ = pair.server.send_with_str(text);
            }
        }
        self.store.set_seen(now)?;
        Ok(Response::from_websocket(pair.client)?)
    }
}
