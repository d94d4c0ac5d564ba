//! `cargo xtask <command>`: the one entry point for working on agent-hub.
//!
//! - `dev`: install what is missing, build, and run the hub with the portal
//!   on http://127.0.0.1:8787 (data persisted in `.hub-data/`).
//! - `test`: install what is missing, build, and run every test: unit tests,
//!   integration tests against `wrangler dev`, and Playwright in Chromium.
//! - `bench`: a fresh hub, then the load generator; prints a table and
//!   writes `target/bench/results.json`.
//! - `build`, `setup`: the steps on their own.
//!
//! Every step checks before it acts, so a second run is quick.
//! Std only, so `cargo xtask` itself compiles in seconds.

mod build;
mod hub;
mod setup;
mod sh;
mod test;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::tools(setup::Needs { browser: true }),
        Some("build") => setup::tools(setup::Needs { browser: false }).and_then(|()| build::all()),
        Some("dev") => dev(),
        Some("test") => test::all(),
        Some("bench") => bench(args.iter().any(|a| a == "--quick")),
        _ => {
            eprintln!("usage: cargo xtask <dev|test|bench [--quick]|build|setup>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dev() -> Result<(), String> {
    setup::tools(setup::Needs { browser: false })?;
    build::all()?;
    let hub = hub::Hub::start(8787, &sh::root().join(".hub-data"))?;
    println!("\nagent-hub is running: portal and API on {}  (Ctrl-C stops it)\n", hub.url());
    hub.wait()
}

/// `cargo xtask bench`: a fresh hub on its own port and data, then the load
/// generator (release build). Loopback only; bounded in time.
fn bench(quick: bool) -> Result<(), String> {
    setup::tools(setup::Needs { browser: false })?;
    build::all()?;
    let data = sh::root().join(".hub-bench");
    let _ = std::fs::remove_dir_all(&data);
    let started = std::time::Instant::now();
    let hub = hub::Hub::start(8799, &data)?;
    let start_ms = started.elapsed().as_millis().to_string();
    let mut c = sh::cmd("cargo");
    c.args(["run", "--release", "-q", "-p", "hub-bench", "--", "--url", &hub.url(), "--root"])
        .arg(sh::root())
        .args(["--start-ms", &start_ms]);
    if quick {
        c.arg("--quick");
    }
    sh::run(&mut c)
}
