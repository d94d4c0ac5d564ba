//! The agent's MCP sessions (`/mcp` on the Worker keeps them here, so any
//! isolate serves any session). A tool result carries the agent's news for
//! the model (`news.rs`): what any session or hook handed over is not
//! repeated.

use hub_protocol::{Ack, McpNews, McpSessionChange, McpSessionState, OpenMcpSession, Timestamp};
use serde::Deserialize;

use super::store::Store;
use super::{AgentState, Outcome, Result};
use crate::api_error::ApiError;
use crate::sql::Millis;

/// Sessions an agent may hold at once; opening one more drops the oldest.
const MAX_SESSIONS: i64 = 16;

/// Resources one session subscribes to at most.
const MAX_SUBSCRIPTIONS: usize = 32;

impl Store {
    fn open_mcp_session(&self, open: &OpenMcpSession, now: Timestamp) -> Result<()> {
        self.exec(
            "INSERT OR REPLACE INTO mcp_sessions (id, protocol, created_at, cursor) VALUES (?, ?, ?, ?)",
            vec![
                open.session_id.as_str().into(),
                open.protocol_version.as_str().into(),
                now.millis().into(),
                now.millis().into(),
            ],
        )?;
        self.exec(
            &format!("DELETE FROM mcp_sessions WHERE id NOT IN (SELECT id FROM mcp_sessions ORDER BY created_at DESC LIMIT {MAX_SESSIONS})"),
            vec![],
        )?;
        Ok(())
    }

    fn mcp_session(&self, session: &str) -> Result<Option<McpSessionState>> {
        #[derive(Deserialize)]
        struct Row {
            protocol: String,
            subscribed: String,
            log_level: Option<String>,
        }
        Ok(self
            .rows::<Row>("SELECT protocol, subscribed, log_level FROM mcp_sessions WHERE id = ?", vec![session.into()])?
            .pop()
            .map(|r| McpSessionState {
                protocol_version: r.protocol,
                subscribed: serde_json::from_str(&r.subscribed).unwrap_or_default(),
                log_level: r.log_level,
            }))
    }

    fn mcp_cursor(&self, session: &str) -> Result<Option<Timestamp>> {
        #[derive(Deserialize)]
        struct Row {
            cursor: Millis,
        }
        Ok(self
            .rows::<Row>("SELECT cursor FROM mcp_sessions WHERE id = ?", vec![session.into()])?
            .pop()
            .map(|r| r.cursor.0))
    }

    fn close_mcp_session(&self, session: &str) -> Result<bool> {
        Ok(self.exec("DELETE FROM mcp_sessions WHERE id = ?", vec![session.into()])? > 0)
    }
}

fn unknown(session: &str) -> ApiError {
    ApiError::NotFound { what: format!("No MCP session {session}: initialize again"), path: None }
}

impl AgentState {
    pub(super) fn open_mcp_session(&self, open: &OpenMcpSession, now: Timestamp) -> Result<Outcome> {
        self.store.open_mcp_session(open, now)?;
        Outcome::ok(&Ack { success: true })
    }

    pub(super) fn check_mcp_session(&self, session: &str) -> Result<Outcome> {
        Outcome::ok(&self.store.mcp_session(session)?.ok_or_else(|| unknown(session))?)
    }

    /// A subscription, or the logging level, of the session.
    pub(super) fn change_mcp_session(&self, session: &str, change: &McpSessionChange) -> Result<Outcome> {
        let mut state = self.store.mcp_session(session)?.ok_or_else(|| unknown(session))?;
        match change {
            McpSessionChange::Subscribe(uri) => {
                if !state.subscribed.contains(uri) {
                    if state.subscribed.len() >= MAX_SUBSCRIPTIONS {
                        return Err(ApiError::bad_request(format!(
                            "A session subscribes to at most {MAX_SUBSCRIPTIONS} resources"
                        )));
                    }
                    state.subscribed.push(uri.clone());
                }
            }
            McpSessionChange::Unsubscribe(uri) => state.subscribed.retain(|s| s != uri),
            McpSessionChange::LogLevel(l) => state.log_level = Some(l.as_str().to_owned()),
        }
        self.store.exec(
            "UPDATE mcp_sessions SET subscribed = ?, log_level = ? WHERE id = ?",
            vec![serde_json::to_string(&state.subscribed)?.into(), state.log_level.clone().into(), session.into()],
        )?;
        Outcome::ok(&state)
    }

    pub(super) fn close_mcp_session(&self, session: &str) -> Result<Outcome> {
        if !self.store.close_mcp_session(session)? {
            return Err(unknown(session));
        }
        Outcome::ok(&Ack { success: true })
    }

    /// The agent's news for the model (see `news.rs`), after a check that
    /// the session exists.
    pub(super) fn mcp_news(&self, session: &str, now: Timestamp) -> Result<Outcome> {
        let since = self.store.mcp_cursor(session)?.ok_or_else(|| unknown(session))?;
        let news = self.take_news(&hub_protocol::TakeNews::default(), now)?;
        Outcome::ok(&McpNews { news: news.items.into_iter().map(|i| i.text).collect(), since: Some(since) })
    }
}
