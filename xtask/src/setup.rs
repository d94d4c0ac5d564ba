//! Installing what is missing, idempotently. Nothing here downloads a binary
//! from outside the package registries: the wasm-bindgen CLI and worker-build
//! are compiled from crates.io, Node 22, wrangler, esbuild and wasm-opt come
//! from npm, Chromium from Debian, the Python MCP SDK (a second client the
//! tests drive) from PyPI into `target/pyenv`.

use crate::sh::{self, cmd, output, run};

/// The wasm-bindgen CLI must match the `wasm-bindgen` crate pinned in the
/// workspace `Cargo.toml` exactly.
pub const WASM_BINDGEN: &str = "0.2.130";
pub const WORKER_BUILD: &str = "0.8.7";

/// The official Python MCP SDK the tests drive, pinned.
pub const PYTHON_MCP: &str = "2.3.0";

pub struct Needs {
    /// The test command's clients: Chromium for the portal, the Python MCP SDK.
    pub browser: bool,
}

pub fn tools(needs: Needs) -> Result<(), String> {
    wasm_target()?;
    components()?;
    cargo_tool("worker-build", "worker-build", WORKER_BUILD)?;
    cargo_tool("wasm-bindgen-cli", "wasm-bindgen", WASM_BINDGEN)?;
    node_modules()?;
    if needs.browser {
        chromium()?;
        python_sdk()?;
    }
    Ok(())
}

/// The Python interpreter of the tests' virtual environment.
pub fn python() -> std::path::PathBuf {
    sh::root().join("target/pyenv/bin/python")
}

/// `target/pyenv` with the Python MCP SDK, unless it is there.
fn python_sdk() -> Result<(), String> {
    let probe = format!("import importlib.metadata as m; assert m.version('mcp') == '{PYTHON_MCP}'");
    if output(std::process::Command::new(python()).args(["-c", &probe])).is_some() {
        return Ok(());
    }
    let env = sh::root().join("target/pyenv");
    run(cmd("python3").args(["-m", "venv"]).arg(&env))?;
    run(cmd(env.join("bin/pip").to_str().unwrap_or("pip")).args(["install", "-q", &format!("mcp=={PYTHON_MCP}")]))
}

fn wasm_target() -> Result<(), String> {
    let installed = output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    run(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// rustfmt and clippy, which the test command runs.
fn components() -> Result<(), String> {
    let present = |sub: &str| output(cmd("cargo").args([sub, "--version"])).is_some();
    if present("fmt") && present("clippy") {
        return Ok(());
    }
    run(cmd("rustup").args(["component", "add", "rustfmt", "clippy"]))
}

fn cargo_tool(krate: &str, bin: &str, version: &str) -> Result<(), String> {
    let path = sh::cargo_bin().join(bin);
    let current = output(std::process::Command::new(&path).arg("--version")).unwrap_or_default();
    if current.contains(version) {
        return Ok(());
    }
    // No --locked: wasm-bindgen-cli's lock file pins a crate the registry no
    // longer serves.
    run(cmd("cargo").args(["install", krate, "--version", version, "--force"]))
}

fn node_modules() -> Result<(), String> {
    let root = sh::root();
    let stamp = root.join("node_modules/.package-lock.json");
    let fresh = |p: &str| {
        let (Ok(a), Ok(b)) = (std::fs::metadata(root.join(p)), std::fs::metadata(&stamp)) else { return false };
        matches!((a.modified(), b.modified()), (Ok(a), Ok(b)) if a <= b)
    };
    if fresh("package.json") && fresh("package-lock.json") && root.join("node_modules/.bin/wrangler").exists() {
        return Ok(());
    }
    let mut c = cmd("npm");
    c.args(["install", "--no-audit", "--no-fund"]);
    // npm of the machine runs with the machine's Node: keep the default PATH.
    c.env("PATH", std::env::var("PATH").unwrap_or_default());
    run(&mut c)
}

fn chromium() -> Result<(), String> {
    if std::path::Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    run(cmd("apt-get").arg("update"))?;
    run(cmd("apt-get").args(["install", "-y", "chromium"]))
}
