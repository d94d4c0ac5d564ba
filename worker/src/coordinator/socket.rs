//! The team WebSocket: what a client may send, and what happens when its
//! socket goes away. State lives in the socket's attachment, never in object
//! memory, so it survives hibernation.

use hub_domain::Bucket;
use hub_protocol::{
    Ack, AgentId, AgentStatus, AgentUpdate, Caller, ClientMessage, CloseSockets, Envelope, ErrorBody, Event, PostChat,
    Timestamp,
};
use serde::{Deserialize, Serialize};
use worker::{WebSocket, WebSocketIncomingMessage};

use super::request::post_chat_access;
use super::AgentCoordinator;
use crate::api_error::ApiError;
use crate::{caller, clock, config};

/// Stored with each socket: who it is, a number telling it apart from the
/// same agent's other sockets, who opened it (its messages are checked
/// like the same request over HTTP) and its write bucket.
#[derive(Debug, Serialize, Deserialize)]
pub struct Attachment {
    pub agent_id: Option<AgentId>,
    pub conn: u64,
    /// `Caller::header_value`; a socket from before this field may not write.
    #[serde(default)]
    pub caller: String,
    #[serde(default)]
    pub bucket: Option<Bucket>,
}

pub fn send(ws: &WebSocket, envelope: &Envelope) {
    if let Ok(text) = serde_json::to_string(envelope) {
        let _ = ws.send_with_str(text);
    }
}

fn attachment(ws: &WebSocket) -> Option<Attachment> {
    ws.deserialize_attachment::<Attachment>().ok().flatten()
}

impl AgentCoordinator {
    pub(super) fn on_socket_message(&self, ws: &WebSocket, message: WebSocketIncomingMessage) {
        let now = clock::now();
        let Some(mut attached) = attachment(ws) else { return };
        let agent = attached.agent_id.clone();
        let parsed = match message {
            // The same limit as an HTTP body: a message is never parsed past it.
            WebSocketIncomingMessage::String(text) if text.len() > hub_protocol::MAX_BODY_BYTES => {
                Err(ApiError::PayloadTooLarge.body().error)
            }
            WebSocketIncomingMessage::String(text) => {
                serde_json::from_str::<ClientMessage>(&text).map_err(|e| format!("Unknown or malformed message: {e}"))
            }
            WebSocketIncomingMessage::Binary(_) => Err("Binary messages are not supported; send JSON text".to_owned()),
        };
        // Every message is a write, counted in the socket's own bucket.
        if let Err(retry_after_secs) = self.take(ws, &mut attached, now) {
            let error = ApiError::TooManyRequests { retry_after_secs }.body();
            send(ws, &Envelope::new(Event::Error(error), now));
            return;
        }
        let outcome = match parsed {
            Ok(ClientMessage::Ping) => {
                if let Some(id) = &agent {
                    let _ = self.store.set_status(id, AgentStatus::Active, now);
                }
                send(ws, &Envelope::new(Event::Pong, now));
                Ok(())
            }
            Ok(ClientMessage::Chat(post)) => self.socket_chat(&attached, post, now),
            Ok(ClientMessage::AgentUpdate(change)) => match &agent {
                Some(id) => self
                    .store
                    .set_status(id, change.status, now)
                    .map(|_| {
                        self.broadcast(
                            Event::AgentUpdate(AgentUpdate::Presence { agent_id: id.clone(), status: change.status }),
                            now,
                        );
                    })
                    .map_err(|e| e.body().error),
                None => Err("Connect with ?agentId= to set a status".to_owned()),
            },
            Err(e) => Err(e),
        };
        if let Err(error) = outcome {
            send(ws, &Envelope::new(Event::Error(ErrorBody::new(error)), now));
        }
    }

    /// One write from the socket's bucket (kept in its attachment, so it
    /// survives hibernation); the seconds to wait when it is empty.
    fn take(&self, ws: &WebSocket, attached: &mut Attachment, now: Timestamp) -> Result<(), u64> {
        let limit = config::write_limit(&self.env);
        if limit.is_off() {
            return Ok(());
        }
        let taken = attached.bucket.get_or_insert_with(|| Bucket::full(limit, now.millis())).take(limit, now.millis());
        let _ = ws.serialize_attachment(&*attached);
        taken
    }

    /// A chat message over the socket passes the same gate as
    /// `POST /coordinator/chat`: who opened the socket and the access table.
    fn socket_chat(&self, attached: &Attachment, post: PostChat, now: Timestamp) -> Result<(), String> {
        let who = Caller::from_header(&attached.caller).unwrap_or(Caller::Anonymous);
        caller::check(&who, [post_chat_access(&post)]).map_err(|e| e.body().error)?;
        self.post_chat(post, now).map(|_| ()).map_err(|e| e.body().error)
    }

    /// Closes the sockets opened with these (revoked) tokens, here and on
    /// the agent's own object. A failure there is logged: the token is
    /// revoked already, and the object's socket dies with its next check.
    pub(super) async fn close_sockets(&self, team: &str, agent: &AgentId, token_ids: &[String]) {
        if token_ids.is_empty() {
            return;
        }
        for id in token_ids {
            for ws in self.state.get_websockets_with_tag(&format!("token:{id}")) {
                let _ = ws.close(Some(1008), Some("token revoked"));
                self.on_socket_gone(&ws);
            }
        }
        let body = CloseSockets { token_ids: token_ids.to_vec() };
        if let Err(e) = crate::objects::post_agent::<Ack, _>(&self.env, team, agent, "/sockets/close", &body).await {
            worker::console_error!("could not close {agent}'s sockets: {e}");
        }
    }

    /// A socket closed or failed: if it was its agent's last one, the agent
    /// goes offline and the team hears of it.
    pub(super) fn on_socket_gone(&self, ws: &WebSocket) {
        let _ = ws.close(Some(1000), Some("closed"));
        let Some(Attachment { agent_id: Some(id), conn, .. }) = attachment(ws) else { return };
        let others =
            self.state.get_websockets_with_tag(id.as_str()).iter().filter_map(attachment).any(|a| a.conn != conn);
        if others {
            return;
        }
        let now = clock::now();
        if self.store.set_status(&id, AgentStatus::Offline, now).is_ok() {
            self.broadcast(
                Event::AgentUpdate(AgentUpdate::Presence { agent_id: id, status: AgentStatus::Offline }),
                now,
            );
        }
    }
}
