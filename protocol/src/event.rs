//! WebSocket messages. Server to client: an [`Envelope`] `{type, payload,
//! timestamp}`; client to server: a [`ClientMessage`] `{type, payload?}`.

use serde::{Deserialize, Serialize};

use crate::{
    Agent, AgentEscalation, AgentId, AgentStatus, ChatMessage, ErrorBody, HandoffEvent, LockUpdate, PostChat, Task,
    Timestamp,
};

/// What the hub pushes. `type` names the variant, `payload` carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload", rename_all = "kebab-case")]
pub enum Event {
    AgentUpdate(AgentUpdate),
    Chat(ChatMessage),
    TaskUpdate(TaskUpdate),
    LockUpdate(LockUpdate),
    /// An agent's escalation opened, rose or was resolved.
    Escalation(AgentEscalation),
    Pong,
    Ping,
    /// A client message the hub could not use (new; the original ignored it).
    Error(ErrorBody),
}

/// The three shapes the original sent as `agent-update`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AgentUpdate {
    /// To a socket that just connected: who is around.
    Welcome { agents: Vec<Agent>, message: String },
    /// An agent registered or changed.
    Agent(Agent),
    /// An agent's presence changed (e.g. its socket closed).
    #[serde(rename_all = "camelCase")]
    Presence { agent_id: AgentId, status: AgentStatus },
}

/// `task-update` carries a task, or a handoff transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TaskUpdate {
    Handoff(HandoffEvent),
    Task(Task),
}

/// `{type, payload, timestamp}`: `E` is [`Event`] on the team socket and
/// [`crate::AgentEvent`] on an agent's own socket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<E = Event> {
    #[serde(flatten)]
    pub event: E,
    pub timestamp: Timestamp,
}

impl<E> Envelope<E> {
    pub fn new(event: E, timestamp: Timestamp) -> Self {
        Self { event, timestamp }
    }
}

/// What a client may send on `WS /coordinator`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload", rename_all = "kebab-case")]
pub enum ClientMessage {
    Ping,
    Chat(PostChat),
    AgentUpdate(StatusChange),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: AgentStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pong_has_the_original_shape() {
        let json = serde_json::to_value(Envelope::new(Event::Pong, Timestamp::from_millis(0))).unwrap();
        assert_eq!(json, serde_json::json!({"type": "pong", "timestamp": "1970-01-01T00:00:00.000Z"}));
    }

    #[test]
    fn presence_round_trips() {
        let e = Envelope::new(
            Event::AgentUpdate(AgentUpdate::Presence {
                agent_id: AgentId::parse("a").unwrap(),
                status: AgentStatus::Offline,
            }),
            Timestamp::from_millis(5),
        );
        let text = serde_json::to_string(&e).unwrap();
        assert!(text.contains(r#""payload":{"agentId":"a","status":"offline"}"#), "{text}");
        assert_eq!(serde_json::from_str::<Envelope>(&text).unwrap(), e);
    }

    #[test]
    fn client_messages_parse() {
        assert_eq!(serde_json::from_str::<ClientMessage>(r#"{"type":"ping"}"#).unwrap(), ClientMessage::Ping);
        let chat: ClientMessage =
            serde_json::from_str(r#"{"type":"chat","payload":{"author":"a","message":"hi"}}"#).unwrap();
        assert!(matches!(chat, ClientMessage::Chat(_)));
    }
}
