//! The typed harness the integration tests drive the hub with.
//!
//! Tests run against a hub on workerd that `cargo xtask test` starts
//! (`HUB_URL`, `HUB_ADMIN_TOKEN`); a plain `cargo test` gives none, and the
//! live suites then skip with a message (see [`skip_without_hub`]). Each [`TestApp`] gets its own team, hence its own coordinator
//! object: tests are isolated without a hub each. Tests that must restart
//! the runtime or change its settings start their own [`OwnHub`].

mod app;
mod own_hub;
mod socket;

pub use app::{admin_token, segment, Reply, TestApp};
pub use own_hub::OwnHub;
pub use socket::Socket;

/// The value of `var`, which `cargo xtask test` sets; without it there is no
/// hub to test, so the live suites stop here and pass, saying why. (The test
/// harness has no "skipped" outcome to report instead.)
pub fn skip_without_hub(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        // Straight to stderr: the harness captures `eprintln!` and would drop it on exit.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!(
                "\nhub-tests: skipped, no hub given ({var} is unset). These suites drive a live hub on workerd: \
                 run them with `cargo xtask test`, which starts one.\n"
            )
            .as_bytes(),
        );
        std::process::exit(0)
    })
}
