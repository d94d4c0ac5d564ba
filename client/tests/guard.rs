//! The guards against real git repositories and recorded Claude Code hook
//! payloads: a commit or an edit touching a file another agent holds is
//! refused, naming the holder; warn mode and an unreachable hub let it by.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

use common::{agent_token, hub_url};

fn team(name: &str) -> String {
    common::team("guard", name)
}

fn nanos() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
}

/// A fresh repository with `src/lib.rs` and `docs/a.md` staged.
fn repo(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hub-guard-{name}-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::create_dir_all(dir.join("docs")).expect("mkdir");
    std::fs::write(dir.join("src/lib.rs"), "// lib\n").expect("write");
    std::fs::write(dir.join("docs/a.md"), "# a\n").expect("write");
    for args in
        [&["init", "-q"][..], &["config", "user.email", "t@example.com"], &["config", "user.name", "t"], &["add", "."]]
    {
        assert!(Command::new("git").current_dir(&dir).args(args).status().expect("git").success());
    }
    dir
}

fn hub(dir: &Path, team: &str, agent: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = common::hub_command(team, agent);
    c.current_dir(dir).args(args).env_remove("HUB_GUARD").env_remove("HUB_GUARD_OFFLINE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run hub")
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn a_commit_touching_a_file_another_agent_holds_is_refused() {
    let (team, dir) = (team("commit"), repo("commit"));
    assert!(hub(&dir, &team, "codex-2", &["lock", "src/lib.rs", "--reason", "refactor"], &[]).status.success());

    let refused = hub(&dir, &team, "claude-1", &["guard", "check"], &[]);
    assert!(!refused.status.success());
    assert!(err(&refused).contains("src/lib.rs is locked by codex-2 until"), "{}", err(&refused));
    assert!(err(&refused).contains("--no-verify"), "says how to bypass");

    let warned = hub(&dir, &team, "claude-1", &["guard", "check"], &[("HUB_GUARD", "warn")]);
    assert!(warned.status.success() && err(&warned).contains("codex-2"), "{}", err(&warned));
    let own = hub(&dir, &team, "codex-2", &["guard", "check"], &[]);
    assert!(own.status.success(), "the holder commits its own file: {}", err(&own));

    let offline = [("HUB_URL", "http://127.0.0.1:9")];
    let through = hub(&dir, &team, "claude-1", &["guard", "check"], &offline);
    assert!(through.status.success() && err(&through).contains("cannot ask the hub"), "{}", err(&through));
    let strict = hub(&dir, &team, "claude-1", &["guard", "check"], &[offline[0], ("HUB_GUARD_OFFLINE", "refuse")]);
    assert!(!strict.status.success());
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn the_installed_hook_stops_git_commit_and_zones_count() {
    let (team, dir) = (team("hook"), repo("hook"));
    let installed = hub(&dir, &team, "claude-1", &["guard", "install"], &[]);
    assert!(installed.status.success(), "{}", err(&installed));
    assert!(hub(&dir, &team, "codex-2", &["lock", "docs/a.md"], &[]).status.success());
    let commit = |agent: &str| {
        Command::new("git")
            .current_dir(&dir)
            .args(["commit", "-q", "-m", "edit"])
            .env("HUB_URL", hub_url())
            .env("HUB_TEAM", &team)
            .env("HUB_AGENT_ID", agent)
            .env("HUB_TOKEN", agent_token(&team, agent))
            .env("HUB_CONFIG", "/nonexistent")
            .output()
            .expect("git commit")
    };
    let refused = commit("claude-1");
    assert!(!refused.status.success(), "git ran the hook");
    assert!(err(&refused).contains("docs/a.md is locked by codex-2"), "{}", err(&refused));
    assert!(commit("codex-2").status.success(), "the holder may commit");

    // A zone holds every path under it, lock or no lock.
    std::fs::write(dir.join("docs/b.md"), "# b\n").expect("write");
    assert!(Command::new("git").current_dir(&dir).args(["add", "docs/b.md"]).status().expect("git").success());
    claim_zone(&team, "codex-2", "docs");
    let zoned = commit("claude-1");
    assert!(err(&zoned).contains("docs/b.md is in zone docs-zone of codex-2"), "{}", err(&zoned));

    let script = std::fs::read_to_string(dir.join(".git/hooks/pre-commit")).expect("the hook");
    assert!(script.contains("exec hub guard check"), "falls back to hub on PATH: {script}");

    let mine = hub(&dir, &team, "claude-1", &["guard", "install"], &[]);
    assert!(mine.status.success(), "reinstalling our own hook is fine");
    std::fs::write(dir.join(".git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n").expect("foreign hook");
    assert!(!hub(&dir, &team, "claude-1", &["guard", "install"], &[]).status.success(), "a foreign hook is kept");
}

fn claim_zone(team: &str, owner: &str, path: &str) {
    let (team, owner, path) = (team.to_owned(), owner.to_owned(), path.to_owned());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let hub = hub_client::HubClient::new(&hub_url())
                .expect("client")
                .with_team(team.clone())
                .with_token(agent_token(&team, &owner));
            let claim = serde_json::from_value(
                serde_json::json!({"action": "claim", "zoneId": format!("{path}-zone"), "path": path, "owner": owner}),
            )
            .expect("zone claim");
            hub.zone(&claim).await.expect("claim zone");
        });
    })
    .join()
    .expect("zone thread");
}

/// `hub hook` with a recorded Claude Code event on stdin.
fn hook(dir: &Path, team: &str, agent: &str, event: &serde_json::Value) -> String {
    let mut child = common::hub_command(team, agent)
        .current_dir(dir)
        .arg("hook")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("hub hook");
    child.stdin.take().expect("stdin").write_all(event.to_string().as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", err(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn claude_code_hooks_deny_held_edits_and_hot_start_sessions() {
    let (team, dir) = (team("claude"), repo("claude"));
    assert!(hub(&dir, &team, "codex-2", &["lock", "src/lib.rs"], &[]).status.success());
    let edit = |file: &Path| {
        serde_json::json!({
            "session_id": "abc", "transcript_path": "/tmp/t.jsonl", "cwd": dir, "hook_event_name": "PreToolUse",
            "tool_name": "Edit", "tool_input": {"file_path": file, "old_string": "a", "new_string": "b"}
        })
    };
    let denied: serde_json::Value =
        serde_json::from_str(&hook(&dir, &team, "claude-1", &edit(&dir.join("src/lib.rs")))).expect("decision JSON");
    assert_eq!(denied["hookSpecificOutput"]["permissionDecision"], "deny");
    assert!(denied["hookSpecificOutput"]["permissionDecisionReason"].as_str().unwrap_or("").contains("codex-2"));
    assert_eq!(hook(&dir, &team, "claude-1", &edit(&dir.join("docs/a.md"))).trim(), "", "a free file passes silently");

    assert!(hub(&dir, &team, "claude-1", &["checkpoint", "save", "--summary", "parser half done"], &[])
        .status
        .success());
    let start =
        serde_json::json!({"session_id": "abc", "cwd": dir, "hook_event_name": "SessionStart", "source": "startup"});
    let context: serde_json::Value = serde_json::from_str(&hook(&dir, &team, "claude-1", &start)).expect("JSON");
    let text = context["hookSpecificOutput"]["additionalContext"].as_str().unwrap_or("");
    assert!(text.contains("parser half done"), "{context}");
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn wait_news_wakes_an_idle_session_with_what_arrived() {
    let team = team("wake");
    let dir = std::env::temp_dir();
    let waiter = |timeout: &str| {
        let mut child = common::hub_command(&team, "claude-1")
            .current_dir(&dir)
            .args(["wait-news", "--timeout", timeout])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hub wait-news");
        let stop = serde_json::json!({"session_id": "s-wake", "hook_event_name": "Stop", "stop_hook_active": false});
        child.stdin.take().expect("stdin").write_all(stop.to_string().as_bytes()).expect("write");
        child
    };
    // Nothing comes: it ends quietly.
    let quiet = waiter("1").wait_with_output().expect("wait");
    assert_eq!(quiet.status.code(), Some(0), "{}", err(&quiet));
    // A DM while it waits: exit 2, the DM on stderr (what wakes the session).
    let child = waiter("30");
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(hub(&dir, &team, "codex-2", &["dm", "claude-1", "CI is red on main"], &[]).status.success());
    let woke = child.wait_with_output().expect("wait");
    assert_eq!(woke.status.code(), Some(2), "{}", err(&woke));
    assert!(err(&woke).contains("from codex-2: CI is red on main"), "{}", err(&woke));
    // Handed over: the next hook does not repeat it.
    let post = serde_json::json!({"session_id": "s-wake", "cwd": dir, "hook_event_name": "PostToolUse", "tool_name": "Read", "tool_input": {}});
    assert_eq!(hook(&dir, &team, "claude-1", &post).trim(), "");
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn a_token_the_hub_refuses_refuses_the_commit_and_says_how_to_fix_it() {
    let (team, dir) = (team("token"), repo("token"));
    let bad = [("HUB_TOKEN", "ahub_not-a-token")];
    let refused = hub(&dir, &team, "claude-1", &["guard", "check"], &bad);
    assert_eq!(refused.status.code(), Some(1), "{}", err(&refused));
    assert!(err(&refused).contains("hub login --token"), "{}", err(&refused));
    assert!(!err(&refused).contains("hub: hub guard"), "one prefix: {}", err(&refused));
    let warned = hub(&dir, &team, "claude-1", &["guard", "check"], &[bad[0], ("HUB_GUARD", "warn")]);
    assert!(warned.status.success(), "warn mode only warns: {}", err(&warned));
    let offline = hub(&dir, &team, "claude-1", &["guard", "check"], &[("HUB_URL", "http://127.0.0.1:9")]);
    assert!(offline.status.success(), "an unreachable hub still lets the commit by: {}", err(&offline));
}
