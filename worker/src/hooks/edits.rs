//! `PreToolUse`: an edit of a file another agent holds (a lock, or a zone
//! that covers it) is denied, naming holder and expiry. Edits are Claude
//! Code's file tools and the shell commands that visibly write a file
//! (`hub_domain::bash_writes`). Paths under the repository root are checked
//! against their lock shard (the truth, not the coordinator's index, which
//! may trail it by a report); a path outside a known root against every
//! held path as a suffix (fail closed).

use futures_util::future::join_all;
use hub_domain::{bash_writes, holds, locate, Written};
use hub_protocol::{
    ApiPath, CoordinatorPath, HookInput, HookOutput, LockInfo, LockPath, LockStatus, LocksResponse, ResourcePath,
    Timestamp, ZoneQuery, ZonesResponse,
};

use crate::api_error::ApiError;
use crate::clock;
use crate::mcp::hub::{AgentHub, ToolError};

/// Claude Code's tools that write the file they name.
const FILE_TOOLS: [&str; 4] = ["Edit", "Write", "MultiEdit", "NotebookEdit"];

fn hub_error(e: ToolError) -> ApiError {
    ApiError::Internal(e.0)
}

/// The files `input`'s tool is about to write, as it named them.
fn files(input: &HookInput) -> Vec<String> {
    let tool = input.tool_name.as_deref().unwrap_or_default();
    let field = |name: &str| input.tool_input.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    if FILE_TOOLS.contains(&tool) {
        field("file_path").or_else(|| field("notebook_path")).into_iter().collect()
    } else if tool == "Bash" {
        field("command").map(|c| bash_writes(&c)).unwrap_or_default()
    } else {
        Vec::new()
    }
}

pub async fn pre_tool_use(hub: &AgentHub<'_>, input: &HookInput, root: Option<&str>) -> Result<HookOutput, ApiError> {
    let written: Vec<Written> = files(input).iter().map(|f| locate(f, input.cwd.as_deref(), root)).collect();
    if written.is_empty() {
        return Ok(HookOutput::silent());
    }
    let me = hub.me.as_str();
    let zones = hub.get::<ZonesResponse>(CoordinatorPath::Zones(ZoneQuery::default()));
    let outside = written.iter().any(|w| matches!(w, Written::Outside(_)));
    let index = async {
        if outside {
            hub.get::<LocksResponse>(CoordinatorPath::Locks).await.map(|r| r.locks)
        } else {
            Ok(Vec::new())
        }
    };
    let checks = join_all(written.iter().map(|w| async move {
        let Written::InRepo(p) = w else { return Ok(None) };
        let Ok(path) = ResourcePath::parse(p) else { return Ok(None) };
        hub.get::<LockStatus>(ApiPath::Lock(path, LockPath::Check)).await.map(|s| s.lock)
    }));
    let (zones, index, checks) = futures_util::join!(zones, index, checks);
    let zones = zones.map_err(hub_error)?.zones.unwrap_or_default();
    let index = index.map_err(hub_error)?;
    let now = clock::now();
    for (w, check) in written.iter().zip(checks) {
        let shown = match w {
            Written::InRepo(p) | Written::Outside(p) => p,
        };
        if let Some(z) = zones.iter().find(|z| z.owner.as_str() != me && holds(&z.path, w)) {
            return Ok(deny(format!("{shown} is in zone {} ({}) of {}", z.zone_id, z.path, z.owner)));
        }
        let lock = match w {
            Written::InRepo(_) => check.map_err(hub_error)?,
            Written::Outside(_) => index.iter().find(|l| holds(l.resource_path.as_str(), w)).cloned(),
        };
        if let Some(l) = lock.filter(|l| l.locked_by.as_str() != me) {
            return Ok(deny(locked(shown, &l, now)));
        }
    }
    Ok(HookOutput::silent())
}

fn locked(path: &str, l: &LockInfo, now: Timestamp) -> String {
    let minutes = hub_domain::minutes_until(l.expires_at, now);
    format!("{path} is locked by {} until {} (in {minutes} min; lock {})", l.locked_by, l.expires_at, l.resource_path)
}

fn deny(why: String) -> HookOutput {
    HookOutput::permission(
        "deny",
        format!("{why}. Ask them (hub_dm) or work on something else; lock files you edit (hub_lock)."),
    )
}
