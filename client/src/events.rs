//! The hub's WebSockets as typed streams that reconnect by themselves.
//!
//! Each subscription runs in a background task: it connects, forwards every
//! event it can decode, and after a drop reconnects (and so resubscribes)
//! with backoff from 0.5 s to 30 s. It ends when the receiver is dropped.
//! A reconnect resumes after the last logged event it forwarded
//! (`?since=<seq>`): what the hub logged meanwhile (chat, tasks, locks,
//! DMs, mentions...) comes first, in order, once. Presence is not logged:
//! the roster on reconnect is fresh.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hub_protocol::{AgentEvent, Envelope, Event};
use serde::de::DeserializeOwned;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::{HubClient, HubError};

/// Events of the team socket (`WS /coordinator?agentId=`): chat, presence,
/// tasks, locks, escalations. Connecting with an agent id marks it present.
///
/// # Errors
/// When no agent id is set.
pub fn team(client: &HubClient) -> Result<mpsc::Receiver<Envelope<Event>>, HubError> {
    let url = client.ws_url(&format!("/coordinator?agentId={}", client.agent()?));
    Ok(subscribe(url, client.token().map(str::to_owned)))
}

/// Events of this agent's own socket (`WS /agent/{id}`): DMs, escalations,
/// level-ups, checkpoint saves, steps.
///
/// # Errors
/// When no agent id is set.
pub fn agent(client: &HubClient) -> Result<mpsc::Receiver<Envelope<AgentEvent>>, HubError> {
    agent_since(client, None)
}

/// [`agent`], starting after `since` (a `seq` of the agent's log).
///
/// # Errors
/// When no agent id is set.
pub fn agent_since(client: &HubClient, since: Option<u64>) -> Result<mpsc::Receiver<Envelope<AgentEvent>>, HubError> {
    let url = client.ws_url(&format!("/agent/{}", client.agent()?));
    Ok(subscribe_from(url, client.token().map(str::to_owned), since))
}

/// The handshake, with the token in the Authorization header.
fn handshake(url: &str, token: Option<&str>) -> Option<tokio_tungstenite::tungstenite::handshake::client::Request> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = url.into_client_request().ok()?;
    if let Some(t) = token {
        req.headers_mut().insert("authorization", format!("Bearer {t}").parse().ok()?);
    }
    Some(req)
}

fn subscribe<E: DeserializeOwned + Send + 'static>(url: String, token: Option<String>) -> mpsc::Receiver<Envelope<E>> {
    subscribe_from(url, token, None)
}

fn subscribe_from<E: DeserializeOwned + Send + 'static>(
    url: String,
    token: Option<String>,
    mut since: Option<u64>,
) -> mpsc::Receiver<Envelope<E>> {
    let (tx, rx) = mpsc::channel(256);
    tokio::spawn(async move {
        let mut backoff = Duration::from_millis(500);
        loop {
            let at = since.map(|s| format!("{}since={s}", if url.contains('?') { '&' } else { '?' }));
            let connected = match handshake(&format!("{url}{}", at.unwrap_or_default()), token.as_deref()) {
                Some(req) => tokio_tungstenite::connect_async(req).await.ok(),
                None => None,
            };
            if let Some((mut ws, _)) = connected {
                backoff = Duration::from_millis(500);
                let mut ping = tokio::time::interval(Duration::from_secs(30));
                loop {
                    tokio::select! {
                        msg = ws.next() => match msg {
                            Some(Ok(Message::Text(text))) => {
                                if let Ok(e) = serde_json::from_str::<Envelope<E>>(&text) {
                                    if e.seq.is_some() {
                                        since = e.seq;
                                    }
                                    if tx.send(e).await.is_err() {
                                        return;
                                    }
                                }
                            }
                            Some(Ok(_)) => {}
                            _ => break,
                        },
                        _ = ping.tick() => {
                            if ws.send(Message::text(r#"{"type":"ping"}"#)).await.is_err() {
                                break;
                            }
                        }
                        () = tx.closed() => return,
                    }
                }
            }
            if tx.is_closed() {
                return;
            }
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(30));
        }
    });
    rx
}
