//! A typed async client for agent-hub, on the shared wire types.
//!
//! ```no_run
//! # async fn demo() -> Result<(), hub_client::HubError> {
//! let hub = hub_client::HubClient::new("http://127.0.0.1:8787")?.as_agent("claude-1")?;
//! let work = hub.work().await?;
//! println!("{} todo tasks", work.summary.todo_tasks);
//! hub.chat("@all picking up the parser").await?;
//! # Ok(()) }
//! ```
//!
//! - [`HubClient`]: one method per endpoint, errors as [`HubError`].
//! - [`events`]: the team and agent WebSockets as typed streams that
//!   reconnect by themselves.
//! - `mcp` (in the `hub` binary): the Model Context Protocol on stdio, relayed
//!   to the hub's `/mcp`.

mod client;
mod error;
pub mod events;
mod locks;
mod own;
mod team;

pub use client::{text, HubClient, McpReply};
pub use error::HubError;
