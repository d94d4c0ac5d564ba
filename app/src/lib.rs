//! The agent-hub portal: where the humans who steer a team of agents see
//! what is going on.
//!
//! Pages render on the Worker (SSR, feature `ssr`) and hydrate in the browser
//! (feature `hydrate`). Data comes from the hub through server functions that
//! call the Durable Objects and return the shared `hub_protocol` types.
//!
//! **Invariant:** the portal never defines its own copy of an API type.

mod api;
mod app;
mod codec;
mod components;
#[cfg(feature = "ssr")]
mod hub;
mod live;
mod pages;
mod time;

pub use app::{shell, App};
#[cfg(feature = "ssr")]
pub use hub::{ApiLink, LinkFuture, OnRevoke};
/// How the portal writes a duration; the Worker's charts label with it too.
pub use time::span;

/// Name of the portal's JS/WASM bundle: `/pkg/hub.js`, `/pkg/hub.wasm`, `/pkg/hub.css`.
pub const OUTPUT_NAME: &str = "hub";
