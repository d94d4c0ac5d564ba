//! `hub hook`: Claude Code's hook protocol (a JSON event on stdin, a JSON
//! decision on stdout). Configure it for `PreToolUse` (matcher
//! `Edit|Write|MultiEdit`) and `SessionStart`:
//! - PreToolUse: an edit of a file another agent holds is denied, with who
//!   holds it and until when; other edits pass without a word.
//! - SessionStart: the hot start (checkpoint, mentions, unread DMs, open
//!   escalations) is added to the session's context.

use std::path::{Path, PathBuf};

use hub_client::HubClient;
use serde::Deserialize;
use serde_json::json;

use crate::failure::Failure;
use crate::guard;

/// The tools that write files.
const EDITS: [&str; 4] = ["Edit", "Write", "MultiEdit", "NotebookEdit"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct HookEvent {
    hook_event_name: String,
    tool_name: String,
    tool_input: ToolInput,
    cwd: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ToolInput {
    file_path: Option<PathBuf>,
    notebook_path: Option<PathBuf>,
}

/// Reads one event from stdin; prints the decision (or nothing).
pub async fn run(hub: &HubClient) -> Result<(), Failure> {
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
        .map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let event: HookEvent =
        serde_json::from_str(&input).map_err(|e| Failure { code: 1, message: format!("not a hook event: {e}") })?;
    let answer = match event.hook_event_name.as_str() {
        "PreToolUse" if EDITS.contains(&event.tool_name.as_str()) => pre_tool_use(hub, &event).await,
        "SessionStart" => session_start(hub).await,
        _ => None,
    };
    if let Some(a) = answer {
        println!("{a}");
    }
    Ok(())
}

/// The file's path as locks name it: relative to the repository root.
fn lock_path(file: &Path, cwd: &Path) -> String {
    let file = if file.is_absolute() { file.to_path_buf() } else { cwd.join(file) };
    let root = guard::repo_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let root = root.canonicalize().unwrap_or(root);
    let file = file.canonicalize().unwrap_or(file);
    file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().into_owned()
}

async fn pre_tool_use(hub: &HubClient, event: &HookEvent) -> Option<serde_json::Value> {
    let file = event.tool_input.file_path.as_ref().or(event.tool_input.notebook_path.as_ref())?;
    let cwd = event.cwd.clone().or_else(|| std::env::current_dir().ok())?;
    let path = lock_path(file, &cwd);
    let deny = |reason: String| {
        json!({ "hookSpecificOutput": {
            "hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": reason } })
    };
    match guard::held_by_others(hub, std::slice::from_ref(&path)).await {
        Ok(held) => held.first().map(|h| {
            deny(format!(
                "{}. Ask them (hub_dm) or work on something else; lock files you edit (hub_lock).",
                h.describe(guard::now())
            ))
        }),
        Err(e) if std::env::var("HUB_GUARD_OFFLINE").is_ok_and(|v| v == "refuse") => {
            Some(deny(format!("agent-hub cannot be asked ({e}) and HUB_GUARD_OFFLINE=refuse")))
        }
        Err(_) => None,
    }
}

async fn session_start(hub: &HubClient) -> Option<serde_json::Value> {
    let work = hub.work().await.ok()?;
    let mut lines = vec![format!("agent-hub: you are {} in a team of {}.", work.agent_id, work.team.len())];
    if let Some(c) = &work.checkpoint {
        lines.push(format!("Last checkpoint: {}", c.conversation_summary.clone().unwrap_or_default()));
        if !c.pending_work.is_empty() {
            lines.push(format!("Pending: {}", c.pending_work.join("; ")));
        }
    }
    for m in work.inbox.iter().flat_map(|i| &i.pending_mentions) {
        lines.push(format!("Mention from {}: {}", m.author, m.message));
    }
    if let Some(n) = work.unread_dms.filter(|n| *n > 0) {
        lines.push(format!("{n} unread direct message(s): hub_inbox reads them."));
    }
    if let Ok(d) = hub.dashboard().await {
        if d.alerts.pending_escalations > 0 {
            lines.push(format!("{} open escalation(s) on your traces.", d.alerts.pending_escalations));
        }
    }
    Some(json!({ "hookSpecificOutput": { "hookEventName": "SessionStart", "additionalContext": lines.join("\n") } }))
}
