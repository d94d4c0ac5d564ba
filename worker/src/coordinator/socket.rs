//! The team WebSocket: what a client may send, and what happens when its
//! socket goes away. State lives in the socket's attachment, never in object
//! memory, so it survives hibernation.

use hub_protocol::{AgentId, AgentStatus, AgentUpdate, ClientMessage, Envelope, ErrorBody, Event};
use serde::{Deserialize, Serialize};
use worker::{WebSocket, WebSocketIncomingMessage};

use super::AgentCoordinator;
use crate::clock;

/// Stored with each socket: who it is, and a number telling it apart from the
/// same agent's other sockets.
#[derive(Debug, Serialize, Deserialize)]
pub struct Attachment {
    pub agent_id: Option<AgentId>,
    pub conn: u64,
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
        let agent = attachment(ws).and_then(|a| a.agent_id);
        let parsed = match message {
            WebSocketIncomingMessage::String(text) => serde_json::from_str::<ClientMessage>(&text)
                .map_err(|e| format!("Unknown or malformed message: {e}")),
            WebSocketIncomingMessage::Binary(_) => Err("Binary messages are not supported; send JSON text".to_owned()),
        };
        let outcome = match parsed {
            Ok(ClientMessage::Ping) => {
                if let Some(id) = &agent {
                    let _ = self.store.set_status(id, AgentStatus::Active, now);
                }
                send(ws, &Envelope::new(Event::Pong, now));
                Ok(())
            }
            Ok(ClientMessage::Chat(post)) => self.post_chat(post, now).map(|_| ()).map_err(|e| e.body().error),
            Ok(ClientMessage::AgentUpdate(change)) => match &agent {
                Some(id) => self
                    .store
                    .set_status(id, change.status, now)
                    .map(|_| {
                        self.broadcast(
                            Event::AgentUpdate(AgentUpdate::Presence { agent_id: id.clone(), status: change.status }),
                            now,
                        )
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

    /// A socket closed or failed: if it was its agent's last one, the agent
    /// goes offline and the team hears of it.
    pub(super) fn on_socket_gone(&self, ws: &WebSocket) {
        let _ = ws.close(Some(1000), Some("closed"));
        let Some(Attachment { agent_id: Some(id), conn }) = attachment(ws) else { return };
        let others = self
            .state
            .get_websockets_with_tag(id.as_str())
            .iter()
            .filter_map(attachment)
            .any(|a| a.conn != conn);
        if others {
            return;
        }
        let now = clock::now();
        if self.store.set_status(&id, AgentStatus::Offline, now).is_ok() {
            self.broadcast(Event::AgentUpdate(AgentUpdate::Presence { agent_id: id, status: AgentStatus::Offline }), now);
        }
    }
}
