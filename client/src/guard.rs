//! Guards that make locks more than advice.
//!
//! - `hub guard install` writes a git pre-commit hook that runs `hub guard
//!   check`: a commit touching a path another agent holds (a lock, or a
//!   zone that covers it) is refused, naming holder and expiry.
//!   `HUB_GUARD=warn` only warns; `git commit --no-verify` bypasses once.
//!   When the hub cannot be reached the commit goes through with a warning,
//!   unless `HUB_GUARD_OFFLINE=refuse`; when it refuses the token (401/403)
//!   the commit is refused, saying how to fix the token (warn mode warns).
//! - `hub hook` speaks Claude Code's hook protocol (see [`crate::hook`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use hub_client::{HubClient, HubError};
use hub_protocol::Timestamp;

use crate::failure::Failure;

/// A path another agent holds.
pub struct Held {
    pub path: String,
    pub holder: String,
    /// When the hold ends (a zone has no end).
    pub until: Option<Timestamp>,
    pub zone: Option<String>,
}

impl Held {
    pub fn describe(&self, now: Timestamp) -> String {
        match (&self.zone, self.until) {
            (Some(zone), _) => format!("{} is in zone {zone} of {}", self.path, self.holder),
            (None, Some(until)) => format!(
                "{} is locked by {} until {} (in {} min)",
                self.path,
                self.holder,
                until,
                hub_domain::minutes_until(until, now)
            ),
            (None, None) => format!("{} is locked by {}", self.path, self.holder),
        }
    }
}

/// Which of `paths` (relative to the repository root) another agent holds.
///
/// # Errors
/// When the hub cannot be asked.
pub async fn held_by_others(hub: &HubClient, paths: &[String]) -> Result<Vec<Held>, HubError> {
    let me = hub.agent().ok().map(ToString::to_string);
    let others = |holder: &str| me.as_deref() != Some(holder);
    let zones = hub.zones().await?.zones.unwrap_or_default();
    let mut held = Vec::new();
    for path in paths {
        if let Some(z) = zones.iter().find(|z| hub_domain::covers(&z.path, path) && others(z.owner.as_str())) {
            held.push(Held {
                path: path.clone(),
                holder: z.owner.to_string(),
                until: None,
                zone: Some(z.zone_id.clone()),
            });
            continue;
        }
        let status = hub.check(path).await?;
        if let Some(lock) = status.lock.filter(|l| others(l.locked_by.as_str())) {
            held.push(Held {
                path: path.clone(),
                holder: lock.locked_by.to_string(),
                until: Some(lock.expires_at),
                zone: None,
            });
        }
    }
    Ok(held)
}

/// This machine's clock, as the hub's timestamps.
pub fn now() -> Timestamp {
    #[allow(clippy::cast_possible_truncation)] // milliseconds since 1970 fit an i64
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    Timestamp::from_millis(ms)
}

fn git(dir: &Path, args: &[&str]) -> Result<String, Failure> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| Failure { code: 1, message: format!("git: {e}") })?;
    if !out.status.success() {
        return Err(Failure { code: 1, message: String::from_utf8_lossy(&out.stderr).trim().to_owned() });
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The repository root of `dir`, if it is in one.
pub fn repo_root(dir: &Path) -> Option<PathBuf> {
    git(dir, &["rev-parse", "--show-toplevel"]).ok().map(PathBuf::from)
}

/// `hub guard check`: the staged paths against the hub.
pub async fn check(hub: &HubClient) -> Result<(), Failure> {
    let here = std::env::current_dir().map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let staged = git(&here, &["diff", "--cached", "--name-only", "--no-renames"])?;
    let paths: Vec<String> = staged.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if paths.is_empty() {
        return Ok(());
    }
    let warn_only = std::env::var("HUB_GUARD").is_ok_and(|v| v == "warn");
    let held = match held_by_others(hub, &paths).await {
        Ok(held) => held,
        // The hub answered, and said no: a wrong or missing token is
        // something to fix, not an outage to step around.
        Err(HubError::Api { status: status @ (401 | 403), message }) => {
            let why = format!(
                "the hub refused the guard's token ({status}: {message}). Fix: hub login --token <your agent's token> \
                 (or set HUB_TOKEN); the portal's Tokens page mints one"
            );
            if warn_only {
                eprintln!("hub guard (warn): {why}; committing without the lock check");
                return Ok(());
            }
            return Err(Failure {
                code: 1,
                message: format!("guard: commit refused: {why}. HUB_GUARD=warn only warns."),
            });
        }
        Err(e) if std::env::var("HUB_GUARD_OFFLINE").is_ok_and(|v| v == "refuse") => {
            return Err(Failure {
                code: 1,
                message: format!("guard: cannot ask the hub ({e}); commit refused (HUB_GUARD_OFFLINE=refuse)"),
            });
        }
        Err(e) => {
            eprintln!("hub guard: cannot ask the hub ({e}); committing without the lock check");
            return Ok(());
        }
    };
    if held.is_empty() {
        return Ok(());
    }
    let now = now();
    let lines: Vec<String> = held.iter().map(|h| format!("  {}", h.describe(now))).collect();
    if warn_only {
        eprintln!("hub guard (warn): held by other agents:\n{}", lines.join("\n"));
        return Ok(());
    }
    Err(Failure {
        code: 1,
        message: format!(
            "guard: commit refused, held by other agents:\n{}\nAsk them (hub dm), wait, or bypass once with git commit --no-verify (HUB_GUARD=warn only warns).",
            lines.join("\n")
        ),
    })
}

/// The marker that says a pre-commit hook is ours to overwrite.
const MARK: &str = "# agent-hub guard";

/// `hub guard install`: the pre-commit hook of the repository at hand.
pub fn install(force: bool) -> Result<String, Failure> {
    let here = std::env::current_dir().map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let hooks = PathBuf::from(git(&here, &["rev-parse", "--path-format=absolute", "--git-path", "hooks"])?);
    let hook = hooks.join("pre-commit");
    if let Ok(existing) = std::fs::read_to_string(&hook) {
        if !existing.contains(MARK) && !force {
            return Err(Failure {
                code: 1,
                message: format!("{} exists and is not ours: add `hub guard check` to it, or --force", hook.display()),
            });
        }
    }
    // This binary's path (a rebuild in place keeps it); when it is gone
    // (cleaned, installed elsewhere), `hub` from PATH.
    let exe = std::env::current_exe().map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let script = format!(
        "#!/bin/sh\n{MARK}: refuses a commit touching a file another agent holds.\n# Bypass once: git commit --no-verify. Warn only: HUB_GUARD=warn.\n\
         if [ -x '{exe}' ]; then exec '{exe}' guard check; fi\nexec hub guard check\n",
        exe = exe.display()
    );
    std::fs::create_dir_all(&hooks).map_err(|e| Failure { code: 1, message: e.to_string() })?;
    std::fs::write(&hook, script).map_err(|e| Failure { code: 1, message: e.to_string() })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Failure { code: 1, message: e.to_string() })?;
    }
    Ok(hook.display().to_string())
}
