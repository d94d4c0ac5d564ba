//! `hub hook`: Claude Code's hook protocol (a JSON event on stdin, a JSON
//! decision on stdout), relayed to the hub's `/hooks/claude-code`, where the
//! rules live once (as `hub mcp` relays to `/mcp`). It adds what only this
//! machine knows: the repository root the event's absolute paths are under
//! (`X-Hub-Root`, git's top level of the event's `cwd`).
//!
//! For clients without HTTP hooks (Codex, older Claude Code). Register it
//! for `PreToolUse`, `PostToolUse`, `UserPromptSubmit`, `Stop` and
//! `SessionStart` (see the README). When the hub cannot be reached the
//! action goes ahead, unless `HUB_GUARD_OFFLINE=refuse` (then an edit is
//! denied).

use std::path::PathBuf;

use hub_client::HubClient;
use hub_protocol::{HookInput, HookOutput};

use crate::failure::Failure;
use crate::guard;

/// Reads one event from stdin; prints the decision (or nothing).
pub async fn run(hub: &HubClient) -> Result<(), Failure> {
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
        .map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let event: HookInput =
        serde_json::from_str(&input).map_err(|e| Failure { code: 1, message: format!("not a hook event: {e}") })?;
    let cwd = event.cwd.as_ref().map(PathBuf::from).or_else(|| std::env::current_dir().ok());
    let root = cwd.as_deref().and_then(guard::repo_root).map(|r| r.canonicalize().unwrap_or(r));
    let root = root.as_ref().and_then(|r| r.to_str());
    let answer = match hub.hook(input.clone(), root).await {
        Ok(text) => Some(text),
        Err(e) if event.hook_event_name == "PreToolUse" && offline_refuses() => {
            let deny =
                HookOutput::permission("deny", format!("agent-hub cannot be asked ({e}) and HUB_GUARD_OFFLINE=refuse"));
            serde_json::to_string(&deny).ok()
        }
        Err(_) => None,
    };
    if let Some(text) = answer.filter(|t| t.trim() != "{}") {
        println!("{text}");
    }
    Ok(())
}

fn offline_refuses() -> bool {
    std::env::var("HUB_GUARD_OFFLINE").is_ok_and(|v| v == "refuse")
}
