//! The typed harness the integration tests drive the hub with.
//!
//! Tests run against a hub on `wrangler dev` that `cargo xtask test` starts
//! (`HUB_URL`). Each [`TestApp`] gets its own team, hence its own coordinator
//! object: tests are isolated without a hub each. Tests that must restart
//! the runtime or change its settings start their own [`OwnHub`].

mod app;
mod own_hub;
mod socket;

pub use app::{admin_token, segment, Reply, TestApp};
pub use own_hub::OwnHub;
pub use socket::Socket;
