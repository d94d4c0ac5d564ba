//! `hub mcp`: agent-hub as a Model Context Protocol server on stdio, for
//! clients that start a command rather than open a URL.
//!
//! A relay: each JSON-RPC line from stdin goes to the hub's `/mcp` (see
//! the Worker's `mcp` module: the tool table lives there, once), and the
//! answer goes to stdout. The session is the hub's, kept across lines.

use hub_client::{HubClient, HubError};
use hub_protocol::{RpcMessage, RpcRequest};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::failure::Failure;

/// JSON-RPC's code for a failure of the server itself.
const SERVER_ERROR: i64 = -32000;

/// Serves until the client closes stdin.
pub async fn serve(hub: HubClient) -> Result<(), Failure> {
    if hub.token().is_none() {
        return Err(Failure { code: 2, message: "hub mcp needs the agent's token (HUB_TOKEN, or hub join)".into() });
    }
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut out = tokio::io::stdout();
    let mut session: Option<String> = None;
    while let Some(line) = lines.next_line().await.map_err(|e| Failure { code: 1, message: e.to_string() })? {
        if line.trim().is_empty() {
            continue;
        }
        let Some(reply) = relay(&hub, &mut session, line).await else { continue };
        let mut text = serde_json::to_string(&reply).unwrap_or_default();
        text.push('\n');
        out.write_all(text.as_bytes()).await.map_err(|e| Failure { code: 1, message: e.to_string() })?;
        out.flush().await.map_err(|e| Failure { code: 1, message: e.to_string() })?;
    }
    Ok(())
}

/// One message to the hub; its answer, or none for a notification.
async fn relay(hub: &HubClient, session: &mut Option<String>, line: String) -> Option<RpcMessage> {
    let id = serde_json::from_str::<RpcRequest>(&line).ok().and_then(|r| r.id);
    let failed = |message: String| Some(RpcMessage::error(id.clone(), SERVER_ERROR, message));
    match hub.mcp(session.as_deref(), line).await {
        Err(HubError::Unreachable(e)) => failed(format!("the hub is unreachable: {e}")),
        Err(e) => failed(e.to_string()),
        Ok((202, ..)) => None,
        Ok((status, named, body)) => {
            if named.is_some() {
                *session = named;
            }
            match serde_json::from_str::<RpcMessage>(&body) {
                Ok(m) if m.jsonrpc == "2.0" => Some(m),
                _ => {
                    let why = serde_json::from_str::<hub_protocol::ErrorBody>(&body).map_or(body, |b| b.error);
                    failed(format!("the hub answered {status}: {why}"))
                }
            }
        }
    }
}
