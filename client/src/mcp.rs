//! `hub mcp`: agent-hub as a Model Context Protocol server on stdio, for
//! clients that start a command rather than open a URL.
//!
//! A relay: each JSON-RPC line from stdin goes to the hub's `/mcp` (see
//! the Worker's `mcp` module: the tool table lives there, once), and the
//! answer goes to stdout. In the handshake era the session is the hub's,
//! kept across lines; at 2026-07-28 there is none. A `subscriptions/listen`
//! answers with a stream: its messages go to stdout as they come, beside
//! other answers, until the client cancels it (`notifications/cancelled`)
//! or the hub ends it.

use std::collections::HashMap;
use std::sync::Arc;

use futures_util::StreamExt;
use hub_client::{HubClient, HubError, McpReply};
use hub_protocol::{RpcMessage, RpcRequest};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

use crate::failure::Failure;

/// JSON-RPC's code for a failure of the server itself.
const SERVER_ERROR: i64 = -32000;

type Out = Arc<Mutex<tokio::io::Stdout>>;

/// Serves until the client closes stdin.
pub async fn serve(hub: HubClient) -> Result<(), Failure> {
    if hub.token().is_none() {
        return Err(Failure { code: 2, message: "hub mcp needs the agent's token (HUB_TOKEN, or hub join)".into() });
    }
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let out: Out = Arc::new(Mutex::new(tokio::io::stdout()));
    let mut session: Option<String> = None;
    let mut streams: HashMap<String, JoinHandle<()>> = HashMap::new();
    while let Some(line) = lines.next_line().await.map_err(|e| Failure { code: 1, message: e.to_string() })? {
        if line.trim().is_empty() {
            continue;
        }
        let request = serde_json::from_str::<RpcRequest>(&line).ok();
        if let Some(r) = request.as_ref().filter(|r| r.method == "notifications/cancelled") {
            let id = r.params.as_ref().map(|p| p["requestId"].to_string()).unwrap_or_default();
            if let Some(stream) = streams.remove(&id) {
                stream.abort();
            }
        }
        let id = request.and_then(|r| r.id);
        match relay(&hub, &mut session, &id, line).await {
            Relayed::Answer(reply) => write(&out, &reply).await?,
            Relayed::Stream(res) => {
                streams.retain(|_, s| !s.is_finished());
                let key = id.as_ref().map(ToString::to_string).unwrap_or_default();
                streams.insert(key, tokio::spawn(forward(res, out.clone())));
            }
            Relayed::Nothing => {}
        }
    }
    for stream in streams.into_values() {
        stream.abort();
    }
    Ok(())
}

async fn write(out: &Out, message: &RpcMessage) -> Result<(), Failure> {
    let mut text = serde_json::to_string(message).unwrap_or_default();
    text.push('\n');
    let mut out = out.lock().await;
    out.write_all(text.as_bytes()).await.map_err(|e| Failure { code: 1, message: e.to_string() })?;
    out.flush().await.map_err(|e| Failure { code: 1, message: e.to_string() })
}

/// Each `data:` of the event stream, as one line on stdout.
async fn forward(res: reqwest::Response, out: Out) {
    let mut body = res.bytes_stream();
    let mut pending = String::new();
    while let Some(Ok(chunk)) = body.next().await {
        pending.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = pending.find('\n') {
            let line: String = pending.drain(..=end).collect();
            let Some(data) = line.trim_end().strip_prefix("data:") else { continue };
            let Ok(message) = serde_json::from_str::<RpcMessage>(data.trim()) else { continue };
            if write(&out, &message).await.is_err() {
                return;
            }
        }
    }
}

enum Relayed {
    Answer(RpcMessage),
    Stream(reqwest::Response),
    Nothing,
}

/// One message to the hub: its answer, a stream, or nothing for a
/// notification.
async fn relay(hub: &HubClient, session: &mut Option<String>, id: &Option<serde_json::Value>, line: String) -> Relayed {
    let failed = |message: String| Relayed::Answer(RpcMessage::error(id.clone(), SERVER_ERROR, message));
    match hub.mcp(session.as_deref(), line).await {
        Err(HubError::Unreachable(e)) => failed(format!("the hub is unreachable: {e}")),
        Err(e) => failed(e.to_string()),
        Ok(McpReply::Stream(res)) => Relayed::Stream(res),
        Ok(McpReply::Whole { status: 202, .. }) => Relayed::Nothing,
        Ok(McpReply::Whole { status, session: named, body }) => {
            if named.is_some() {
                *session = named;
            }
            match serde_json::from_str::<RpcMessage>(&body) {
                Ok(m) if m.jsonrpc == "2.0" => Relayed::Answer(m),
                _ => {
                    let why = serde_json::from_str::<hub_protocol::ErrorBody>(&body).map_or(body, |b| b.error);
                    failed(format!("the hub answered {status}: {why}"))
                }
            }
        }
    }
}
