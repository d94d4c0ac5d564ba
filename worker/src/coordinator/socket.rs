//! The team WebSocket: opening one, what a client may send, sending to
//! every socket, and what happens when a socket goes away. State lives in the socket's attachment, never in object
//! memory, so it survives hibernation.

use hub_protocol::{
    Ack, AgentId, AgentStatus, AgentUpdate, Caller, ClientMessage, CloseSockets, Envelope, ErrorBody, Event,
    LockAction, PostChat, Timestamp,
};
use serde::{Deserialize, Serialize};
use worker::{WebSocket, WebSocketIncomingMessage};

use super::request::post_chat_access;
use super::AgentCoordinator;
use crate::api_error::ApiError;
use crate::{caller, clock, config};
use std::collections::HashSet;
use worker::Response;

/// Stored with each socket: who it is, a number telling it apart from the
/// same agent's other sockets, and who opened it (its messages are checked
/// like the same request over HTTP, and counted in that credential's write
/// budget).
#[derive(Debug, Serialize, Deserialize)]
pub struct Attachment {
    pub agent_id: Option<AgentId>,
    pub conn: u64,
    /// `Caller::header_value`; a socket from before this field may not write.
    #[serde(default)]
    pub caller: String,
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
    /// From a lock shard: what changed, told to the team's sockets when it
    /// is news (a report may come twice).
    pub(super) fn lock_events(
        &self,
        updates: Vec<hub_protocol::LockUpdate>,
        now: hub_protocol::Timestamp,
    ) -> Result<hub_protocol::Ack, ApiError> {
        // A grant right after another agent's lock on the path ended is a
        // hand-over from the wait queue: news for the agent that waited.
        let mut ended: Option<(hub_protocol::ResourcePath, AgentId)> = None;
        for u in updates {
            if !self.store.apply_lock_update(&u)? {
                continue;
            }
            self.lock_wait_news(&u, now)?;
            let handed = u.action == LockAction::Granted
                && ended.as_ref().is_some_and(|(path, by)| *path == u.resource_path && *by != u.agent_id);
            ended = matches!(u.action, LockAction::Released | LockAction::Expired | LockAction::Stolen)
                .then(|| (u.resource_path.clone(), u.agent_id.clone()));
            let told = handed.then(|| (u.agent_id.clone(), u.clone()));
            let seq = self.broadcast(hub_protocol::Event::LockUpdate(u), now);
            if let (Some((agent, update)), Some(seq)) = (told, seq) {
                self.tell(&agent, format!("team:{seq}"), hub_protocol::AgentEvent::LockGranted(update), now)?;
            }
        }
        Ok(hub_protocol::Ack { success: true })
    }

    pub(super) fn on_socket_message(&self, ws: &WebSocket, message: WebSocketIncomingMessage) {
        let now = clock::now();
        let Some(attached) = attachment(ws) else { return };
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
        // Every message is a write, counted in its credential's budget.
        if let Err(retry_after_secs) = self.take(ws, &attached, now) {
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

    /// One write from the budget of the credential that opened the socket:
    /// the same bucket its HTTP calls and other sockets draw on
    /// ([`crate::limits`]); the seconds to wait when it is empty.
    fn take(&self, ws: &WebSocket, attached: &Attachment, now: Timestamp) -> Result<(), u64> {
        let key = self.state.get_tags(ws).into_iter().find(|t| t.starts_with("token:")).unwrap_or_else(|| {
            Caller::from_header(&attached.caller).map_or_else(|| "anonymous".to_owned(), |c| crate::limits::key_of(&c))
        });
        crate::limits::take(&key, config::write_limit(&self.env), now.millis()).map_err(|e| match e {
            ApiError::TooManyRequests { retry_after_secs } => retry_after_secs,
            _ => 1,
        })
    }

    /// A chat message over the socket passes the same gate as
    /// `POST /coordinator/chat`: who opened the socket and the access table.
    fn socket_chat(&self, attached: &Attachment, post: PostChat, now: Timestamp) -> Result<(), String> {
        let who = Caller::from_header(&attached.caller).unwrap_or(Caller::Anonymous);
        caller::check(&who, [post_chat_access(&post)]).map_err(|e| e.body().error)?;
        self.post_chat(post, &who, now).map(|_| ()).map_err(|e| e.body().error)
    }

    /// Closes the sockets opened with these (revoked) tokens, here and on
    /// the agent's own object. A failure there is logged: the token is
    /// revoked already, and the object's socket dies with its next check.
    pub(super) async fn close_sockets(&self, team: &str, agent: &AgentId, token_ids: &[String]) {
        if token_ids.is_empty() {
            return;
        }
        self.close_own_sockets(token_ids);
        let body = CloseSockets { token_ids: token_ids.to_vec() };
        if let Err(e) = crate::objects::post_agent::<Ack, _>(&self.env, team, agent, "/sockets/close", &body).await {
            worker::console_error!("could not close {agent}'s sockets: {e}");
        }
    }

    /// Closes this object's sockets opened with these (revoked) tokens.
    pub(super) fn close_own_sockets(&self, token_ids: &[String]) {
        for id in token_ids {
            for ws in self.state.get_websockets_with_tag(&format!("token:{id}")) {
                let _ = ws.close(Some(1008), Some("token revoked"));
                self.on_socket_gone(&ws);
            }
        }
    }

    /// A socket closed or failed: if it was its agent's last one, the agent
    /// goes offline and the team hears of it. Whether that made a task
    /// return sweep due (the caller sets the alarm).
    pub(super) fn on_socket_gone(&self, ws: &WebSocket) -> bool {
        let _ = ws.close(Some(1000), Some("closed"));
        let Some(Attachment { agent_id: Some(id), conn, .. }) = attachment(ws) else { return false };
        let others =
            self.state.get_websockets_with_tag(id.as_str()).iter().filter_map(attachment).any(|a| a.conn != conn);
        if others {
            return false;
        }
        let now = clock::now();
        if self.store.set_status(&id, AgentStatus::Offline, now).is_ok() {
            self.announce(id.clone(), AgentStatus::Offline);
        }
        // Its taken tasks go back once it has been gone long enough.
        let holds = self.store.in_progress_of(&id).unwrap_or(0) > 0;
        holds && self.schedule_return(now, true).is_ok()
    }
}

/// What a socket asked for when it opened.
pub struct Opening {
    /// Replay the team's log after this `seq`.
    pub since: Option<u64>,
    /// The roster in the welcome.
    pub roster: bool,
}

/// Opening sockets and sending to them.
impl AgentCoordinator {
    pub(super) fn open_socket(
        &self,
        agent: Option<AgentId>,
        opening: Opening,
        caller: &Caller,
        token: Option<&str>,
        now: Timestamp,
    ) -> Result<Response, ApiError> {
        let per_team = config::sockets_per_team(&self.env);
        if self.state.get_websockets().len() >= per_team {
            return Err(ApiError::TooManySockets(format!("The team has {per_team} sockets open, its limit")));
        }
        // The cap holds per credential, whatever `?agentId=` says: a token
        // is one agent's (or one human's, with its own cap for portal tabs).
        // Tokenless loopback clients are counted by their agent id.
        let (cap_tag, cap) = match (token, caller) {
            (Some(t), Caller::NamedHuman(_)) => (format!("token:{t}"), config::sockets_per_human(&self.env)),
            (Some(t), _) => (format!("token:{t}"), config::sockets_per_agent(&self.env)),
            (None, Caller::Human) => ("human".to_owned(), config::sockets_per_human(&self.env)),
            (None, _) => (
                agent.as_ref().map_or_else(|| "anon".to_owned(), ToString::to_string),
                config::sockets_per_agent(&self.env),
            ),
        };
        if self.state.get_websockets_with_tag(&cap_tag).len() >= cap {
            return Err(ApiError::TooManySockets(format!(
                "This credential has {cap} team sockets open, its limit: close one first"
            )));
        }
        let pair = worker::WebSocketPair::new()?;
        let tag = agent.as_ref().map_or_else(|| format!("anon-{}", now.millis()), std::string::ToString::to_string);
        if let Some(id) = &agent {
            let policy = config::presence(&self.env);
            let seen_active = self.store.agent(id)?.is_some_and(|rec| {
                let a = rec.agent;
                hub_domain::effective_status(a.status, a.last_seen, false, now, policy) == AgentStatus::Active
            });
            self.mark_active(id, now)?;
            // Tell the others, unless they already see it active: a team
            // that reconnects after a blip then costs no broadcast per socket.
            if !seen_active {
                self.announce(id.clone(), AgentStatus::Active);
            }
        }
        // Tagged by agent (presence) and by credential (revocation closes
        // it; the cap above counts it).
        let tags: Vec<&str> = if cap_tag == tag { vec![tag.as_str()] } else { vec![tag.as_str(), cap_tag.as_str()] };
        self.state.accept_websocket_with_tags(&pair.server, &tags);
        let attachment = Attachment { agent_id: agent.clone(), conn: clock::entropy(), caller: caller.header_value() };
        pair.server.serialize_attachment(attachment)?;
        // The roster from storage and this socket alone: reading every other
        // socket's attachment on each connect made a reconnecting team's N
        // connects cost N² (an agent whose socket has been quiet for longer
        // than the presence timeout shows offline here until it pings).
        // A resuming client (or one that says `roster=0`) knows who is
        // around and gets presence news from here on: an empty roster spares
        // a reconnecting team one roster read and one big message per socket.
        let this: HashSet<String> = agent.iter().map(ToString::to_string).collect();
        let agents = if opening.roster {
            self.agents_with(&hub_protocol::AgentsQuery::default(), now, &this)?
        } else {
            Vec::new()
        };
        let welcome = Event::AgentUpdate(AgentUpdate::Welcome { agents, message: format!("Welcome {tag}!") });
        send(&pair.server, &Envelope::new(welcome, now));
        // What it missed, in order, before any live event.
        if let Some(since) = opening.since {
            for text in self.replay(since, now)? {
                let _ = pair.server.send_with_str(text);
            }
        }
        Ok(Response::from_websocket(pair.client)?)
    }

    /// `agent`'s presence, for the team in a moment (see [`super::presence`]).
    fn announce(&self, agent: AgentId, status: AgentStatus) {
        if let super::presence::Next::FlushNow = self.presence.add(agent, status) {
            self.flush();
        }
    }

    /// Sends `event` to every socket; its `seq` when it is logged.
    pub(super) fn broadcast(&self, event: Event, now: Timestamp) -> Option<u64> {
        let (envelope, text) = self.enter(event, now);
        let seq = envelope.seq;
        let broadcast = match text {
            Some(text) => Some(crate::broadcast::Broadcast::text(&text)),
            None => crate::broadcast::Broadcast::of(&envelope),
        };
        if let Some(broadcast) = broadcast {
            match &*self.send_all.borrow() {
                Some(send_all) => broadcast.by(send_all),
                None => broadcast.to(&self.state.get_websockets()),
            }
        }
        seq
    }

    /// Agents with at least one open socket: each socket's first tag is its
    /// agent (an anonymous one's names no registered agent), read without
    /// deserialising every socket's attachment.
    pub(super) fn connected_agents(&self) -> HashSet<String> {
        self.state.get_websockets().iter().filter_map(|ws| self.state.get_tags(ws).into_iter().next()).collect()
    }
}
