//! Every test, in order of speed: unit tests, then the real HTTP and
//! WebSocket API on workerd, the wire contract with the original's client,
//! then the portal in headless Chromium.

use crate::hub::Hub;
use crate::sh::{self, cmd, run};
use crate::{build, contract, deploy, setup, workerd};

/// The shared test hub; 8787 stays free for `cargo xtask dev`.
const TEST_PORT: u16 = 8788;

pub fn all() -> Result<(), String> {
    setup::tools(setup::Needs { browser: true })?;
    lint()?;
    build::all()?;
    deploy::check()?;
    // The Worker's pure pieces (asset types, row field names) natively, too.
    run(cmd("cargo").args([
        "test",
        "-p",
        "hub-protocol",
        "-p",
        "hub-domain",
        "-p",
        "hub-app",
        "-p",
        "xtask",
        "-p",
        "hub-worker",
        "--lib",
    ]))?;

    let data = sh::root().join(".hub-test");
    let _ = std::fs::remove_dir_all(&data);
    // A secret of its own (never the developer's .dev.vars), and a write
    // limit high enough for tests that hammer one credential; the limit
    // itself is tested on a hub of its own.
    let admin = crate::secrets::random_hex(24);
    let join = crate::secrets::random_hex(16);
    let env = [
        ("HUB_ADMIN_TOKEN", admin.as_str()),
        ("HUB_JOIN_SECRET", join.as_str()),
        ("HUB_WRITE_BURST", "100000"),
        ("HUB_WRITES_PER_SEC", "100000"),
        // Webhook tests run their receivers on loopback, and retry fast.
        (workerd::LOCAL_SWITCH, "allow"),
        ("HUB_WEBHOOK_RETRY_SECS", "1,2,3"),
        ("HUB_PUBLIC_URL", "http://127.0.0.1:8788"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let hub = Hub::start(TEST_PORT, &data.join("shared"), &env)?;
    run(cmd("cargo")
        // The live tests are `#[ignore]`d for a plain `cargo test`, which has no hub.
        .args(["test", "-p", "hub-tests", "-p", "hub-client", "--", "--test-threads", "4", "--include-ignored"])
        .env("HUB_URL", hub.url())
        // Tests that restart the runtime start their own workerd the same way.
        .env("HUB_WORKERD", workerd::binary())
        .env("HUB_WORKERD_CONFIG", workerd::config_path(true))
        .env("HUB_SITE", sh::root().join("site"))
        .env("HUB_ADMIN_TOKEN", &admin)
        .env("HUB_JOIN_SECRET", &join)
        .env("HUB_TEST_DATA", &data))?;
    // The official MCP SDK against both transports (`/mcp`, `hub mcp`).
    run(cmd("node")
        .arg(sh::root().join("tests/mcp/sdk.mjs"))
        .env("HUB_URL", hub.url())
        .env("HUB_ADMIN_TOKEN", &admin)
        .env("HUB_BIN", sh::root().join("target/debug/hub")))?;
    // The official TypeScript SDK v2 client, at the stateless revision.
    run(cmd("node")
        .arg(sh::root().join("tests/mcp/sdk_v2.mjs"))
        .env("HUB_URL", hub.url())
        .env("HUB_ADMIN_TOKEN", &admin)
        .env("HUB_BIN", sh::root().join("target/debug/hub")))?;
    // The official conformance suite, as an agent (a proxy adds the token).
    run(cmd("node")
        .arg(sh::root().join("tests/mcp/conformance.mjs"))
        .env("HUB_URL", hub.url())
        .env("HUB_ADMIN_TOKEN", &admin))?;
    // A second, independent client: the official Python SDK.
    run(cmd(setup::python().to_str().unwrap_or("python3"))
        .arg(sh::root().join("tests/mcp/python_client.py"))
        .env("HUB_URL", hub.url())
        .env("HUB_ADMIN_TOKEN", &admin))?;
    contract::check(&data.join("contract"))?;
    let mut pw = cmd("npx");
    pw.current_dir(sh::root().join("end2end"))
        .args(["playwright", "test"])
        .env("HUB_ADMIN_TOKEN", &admin)
        .env("HUB_URL", hub.url());
    run(&mut pw)?;
    drop(hub);
    println!("xtask test: all suites passed");
    Ok(())
}

/// The house rules, enforced: rustfmt's layout, and clippy with the
/// workspace lints as errors, natively and for the two wasm32 halves
/// (checked apart: the Worker renders the portal with `ssr`, the browser
/// hydrates it with `hydrate`, and one check would unify the features).
fn lint() -> Result<(), String> {
    run(cmd("cargo").args(["fmt", "--all", "--check"]))?;
    let deny = ["--", "-D", "warnings"];
    run(cmd("cargo")
        .args(["clippy", "--workspace", "--all-targets", "--exclude", "hub-worker", "--exclude", "hub-frontend"])
        .args(deny))?;
    for krate in ["hub-worker", "hub-frontend"] {
        run(cmd("cargo").args(["clippy", "-p", krate, "--target", "wasm32-unknown-unknown"]).args(deny))?;
    }
    Ok(())
}
