//! The typed harness the integration tests drive the hub with.
//!
//! Tests run against a hub on workerd that `cargo xtask test` starts
//! (`HUB_URL`, `HUB_ADMIN_TOKEN`) and runs them with `--include-ignored`; a
//! plain `cargo test` has no hub, and reports each live test as ignored,
//! with the reason (counted by the test runner: never a silent pass). Each [`TestApp`] gets its own team, hence its own coordinator
//! object: tests are isolated without a hub each. Tests that must restart
//! the runtime or change its settings start their own [`OwnHub`].

mod app;
mod own_hub;
mod receiver;
mod socket;

pub use app::{admin_token, segment, Reply, TestApp};
pub use own_hub::OwnHub;
pub use receiver::{Received, Receiver};
pub use socket::Socket;

/// The value of `var`, which `cargo xtask test` sets. A live test run
/// without it (`--include-ignored` by hand) fails here, saying how to run
/// it: there is no hub to test.
///
/// # Panics
/// When `var` is unset.
pub fn skip_without_hub(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!(
            "no hub to test ({var} is unset): these tests drive a live hub on workerd; run them with \
             `cargo xtask test`, which starts one"
        )
    })
}
