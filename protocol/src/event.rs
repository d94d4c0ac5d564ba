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
    /// An agent asked the humans, or a human answered (new).
    Approval(crate::Approval),
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
    /// Several agents' presence changed within a moment (a team
    /// reconnecting): one message to each socket instead of one per agent.
    PresenceBatch { presence: Vec<PresenceChange> },
}

/// One agent's presence in a [`AgentUpdate::PresenceBatch`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceChange {
    pub agent_id: AgentId,
    pub status: AgentStatus,
}

/// `task-update` carries a task, or a handoff transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TaskUpdate {
    Handoff(HandoffEvent),
    /// The hub moved a task (ready, returned to the queue).
    Moved(crate::TaskEvent),
    Task(Task),
}

/// `{type, payload, timestamp, seq?, log?}`: `E` is [`Event`] on the team
/// socket and [`crate::AgentEvent`] on an agent's own socket.
///
/// A logged event (see [`Event::is_logged`]) carries its place in its
/// object's log: `log` names the log (`team`: the coordinator's; `agent`:
/// the agent object's), `seq` rises by one per event of that log, so a
/// client that kept the last `seq` it saw resumes from there (`?since=`).
/// Presence and replies to the client are never logged: they carry neither.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<E = Event> {
    #[serde(flatten)]
    pub event: E,
    pub timestamp: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<EventLog>,
}

wire_enum! {
    /// Which object's log an event's `seq` counts in.
    EventLog {
        Team = "team",
        Agent = "agent",
    }
}

impl<E> Envelope<E> {
    /// An event outside any log.
    pub fn new(event: E, timestamp: Timestamp) -> Self {
        Self { event, timestamp, seq: None, log: None }
    }

    /// An event at `seq` of `log`.
    pub fn logged(event: E, timestamp: Timestamp, log: EventLog, seq: u64) -> Self {
        Self { event, timestamp, seq: Some(seq), log: Some(log) }
    }
}

impl Event {
    /// Whether the event has a place in the team's log: chat, tasks (and
    /// handoffs), locks, escalations and approvals. Presence is not (a resuming client
    /// gets a fresh roster), nor are replies to one client.
    pub fn is_logged(&self) -> bool {
        matches!(
            self,
            Event::Chat(_) | Event::TaskUpdate(_) | Event::LockUpdate(_) | Event::Escalation(_) | Event::Approval(_)
        )
    }
}

/// What a client may send on `WS /coordinator`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "payload", rename_all = "kebab-case")]
pub enum ClientMessage {
    Ping,
    Chat(PostChat),
    AgentUpdate(StatusChange),
}

impl<'de> Deserialize<'de> for ClientMessage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let message = crate::tagged::Tagged::read(d)?;
        match message.kind.as_str() {
            "ping" => Ok(ClientMessage::Ping),
            "chat" => message.payload().map(ClientMessage::Chat),
            "agent-update" => message.payload().map(ClientMessage::AgentUpdate),
            other => Err(serde::de::Error::unknown_variant(other, &["ping", "chat", "agent-update"])),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: AgentStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ping_may_carry_an_empty_payload_as_the_original_client_sends_it() {
        for text in [r#"{"type":"ping"}"#, r#"{"type":"ping","payload":{},"timestamp":"2026-01-01T00:00:00Z"}"#] {
            assert_eq!(serde_json::from_str::<ClientMessage>(text).unwrap(), ClientMessage::Ping, "{text}");
        }
        let chat = r#"{"type":"chat","payload":{"author":"a","message":"hi"}}"#;
        assert!(matches!(serde_json::from_str::<ClientMessage>(chat).unwrap(), ClientMessage::Chat(_)));
        let err = serde_json::from_str::<ClientMessage>(r#"{"type":"chat","payload":{}}"#).unwrap_err();
        assert!(err.to_string().contains("chat payload"), "{err}");
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"dance"}"#).is_err());
    }

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
    fn a_presence_batch_round_trips_and_is_no_other_shape() {
        let change = |id: &str, status| PresenceChange { agent_id: AgentId::parse(id).unwrap(), status };
        let e = Envelope::new(
            Event::AgentUpdate(AgentUpdate::PresenceBatch {
                presence: vec![change("a", AgentStatus::Active), change("b", AgentStatus::Offline)],
            }),
            Timestamp::from_millis(5),
        );
        let text = serde_json::to_string(&e).unwrap();
        assert!(
            text.contains(
                r#""payload":{"presence":[{"agentId":"a","status":"active"},{"agentId":"b","status":"offline"}]}"#
            ),
            "{text}"
        );
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
