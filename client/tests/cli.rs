//! The `hub` binary and the client library against the hub on wrangler dev
//! (`HUB_URL`, started by `cargo xtask test`). Each test uses its own team.

use std::process::{Command, Output};
use std::time::Duration;

use hub_client::{events, HubClient};
use hub_protocol::Event;

mod common;

use common::{agent_token, hub_url};

fn team(name: &str) -> String {
    common::team("cli", name)
}

/// Runs `hub args...` as `agent` in `team`.
fn hub(team: &str, agent: &str, args: &[&str]) -> Output {
    common::hub_command(team, agent).args(args).output().expect("run hub")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn every_command_has_help() {
    for cmd in [
        vec!["--help"],
        vec!["start", "--help"],
        vec!["lock", "--help"],
        vec!["checkpoint", "save", "--help"],
        vec!["trace", "step", "--help"],
        vec!["mcp", "--help"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_hub")).args(&cmd).output().expect("run");
        assert!(o.status.success(), "{cmd:?}");
        assert!(stdout(&o).contains("Usage"), "{cmd:?}");
    }
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn two_agents_contend_for_one_lock_with_distinct_exit_codes() {
    let t = team("lock");
    let first = hub(&t, "ann", &["lock", "src/main.rs", "--ttl", "600"]);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(stdout(&first).contains("locked src/main.rs"));
    let second = hub(&t, "bob", &["lock", "src/main.rs"]);
    assert_eq!(second.status.code(), Some(4), "held by another agent");
    let refused = String::from_utf8_lossy(&second.stderr).into_owned();
    assert!(refused.contains("src/main.rs is locked by ann until") && refused.contains("min)"), "{refused}");

    // Too short a wait: exit 4, and out of the queue.
    let gave_up = hub(&t, "cy", &["lock", "src/main.rs", "--wait", "1"]);
    assert_eq!(gave_up.status.code(), Some(4), "{}", String::from_utf8_lossy(&gave_up.stderr));
    assert!(String::from_utf8_lossy(&gave_up.stderr).contains("not granted within 1 s"));

    // Bob waits; ann releases; bob holds it and says so.
    let waiting = common::hub_command(&t, "bob")
        .args(["lock", "src/main.rs", "--wait", "30"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run hub");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(hub(&t, "ann", &["unlock", "src/main.rs"]).status.code(), Some(0));
    let got = waiting.wait_with_output().expect("bob's hub");
    assert_eq!(got.status.code(), Some(0), "{}", String::from_utf8_lossy(&got.stderr));
    assert!(stdout(&got).contains("locked src/main.rs"), "{}", stdout(&got));
    let check = hub(&t, "cy", &["--json", "lock", "src/main.rs"]);
    assert_eq!(check.status.code(), Some(4), "bob holds it, cy left the queue");
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn the_agent_is_the_tokens_own_when_none_is_named() {
    let t = team("whoami");
    let o = common::hub_command(&t, "dee")
        .env_remove("HUB_AGENT_ID")
        .args(["--json", "lock", "src/w.rs"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let grant: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(grant["lock"]["lockedBy"], "dee");
    let none = Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(["--url", &hub_url(), "chat", "hi"])
        .env_remove("HUB_TOKEN")
        .env_remove("HUB_AGENT_ID")
        .env("HUB_CONFIG", "/nonexistent")
        .env("HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&none.stderr).contains("--agent NAME"), "names the flag");
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn refused_and_unreachable_have_their_own_codes() {
    let t = team("codes");
    let bad = hub(&t, "ann", &["trace", "step", "no-such-trace", "--tool", "x", "--outcome", "found"]);
    assert_eq!(bad.status.code(), Some(3));
    let o = Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(["--url", "http://127.0.0.1:9", "--agent", "ann", "status"])
        .env("HUB_CONFIG", "/nonexistent")
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(5));
    let usage = Command::new(env!("CARGO_BIN_EXE_hub")).args(["lock"]).output().expect("run");
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn start_chat_checkpoint_and_trace() {
    let t = team("flow");
    let start = hub(&t, "ann", &["--json", "start"]);
    assert!(start.status.success(), "{}", String::from_utf8_lossy(&start.stderr));
    let v: serde_json::Value = serde_json::from_slice(&start.stdout).expect("json");
    assert_eq!(v["onboarding"]["isNewAgent"], true);

    assert!(hub(&t, "bob", &["chat", "@ann", "review", "please"]).status.success());
    let again = hub(&t, "ann", &["start"]);
    assert!(stdout(&again).contains("bob: @ann review please"), "{}", stdout(&again));

    assert!(hub(&t, "ann", &["checkpoint", "save", "--summary", "parser", "--pending", "tests", "--file", "src/p.rs"])
        .status
        .success());
    let shown = hub(&t, "ann", &["checkpoint", "show"]);
    assert!(stdout(&shown).contains("parser") && stdout(&shown).contains("tests"));

    let sid = stdout(&hub(&t, "ann", &["trace", "start", "write", "parser"])).trim().to_owned();
    assert!(hub(&t, "ann", &["trace", "step", &sid, "--tool", "edit", "--outcome", "found", "--duration-ms", "60000"])
        .status
        .success());
    let done = hub(&t, "ann", &["trace", "complete", &sid]);
    assert!(stdout(&done).contains("+40 XP"), "{}", stdout(&done));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn client_events_stream_team_chat() {
    let t = team("events");
    let hub = HubClient::new(&hub_url())
        .unwrap()
        .with_team(t.clone())
        .as_agent("ann")
        .unwrap()
        .with_token(agent_token(&t, "ann"));
    let mut stream = events::team(&hub).unwrap();
    // The welcome says the socket is up.
    tokio::time::timeout(Duration::from_secs(10), stream.recv()).await.expect("welcome").expect("open");
    let bob = HubClient::new(&hub_url())
        .unwrap()
        .with_team(t.clone())
        .as_agent("bob")
        .unwrap()
        .with_token(agent_token(&t, "bob"));
    bob.chat("hello ann").await.unwrap();
    loop {
        let e = tokio::time::timeout(Duration::from_secs(10), stream.recv()).await.expect("an event").expect("open");
        if let Event::Chat(m) = e.event {
            assert_eq!(m.message, "hello ann");
            break;
        }
    }
    let err = hub.unlock("x.rs", false).await.unwrap();
    assert_eq!(err.message, "No lock to release");
    let refused = hub.step("nope", &Default::default()).await.unwrap_err();
    assert_eq!(refused.status(), Some(404));
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn join_with_the_team_secret_then_act_as_yourself_only() {
    let t = team("join");
    let secret = common::join_secret(&t);
    let home = std::env::temp_dir().join(format!("hub-home-{t}"));
    let run = |args: &[&str], token: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hub"));
        c.args(args).env("HUB_URL", hub_url()).env("HUB_TEAM", &t).env("HOME", &home).env_remove("HUB_AGENT_ID");
        c.env_remove("HUB_CONFIG");
        match token {
            Some(tok) => c.env("HUB_TOKEN", tok),
            None => c.env_remove("HUB_TOKEN"),
        };
        c.output().expect("run hub")
    };
    let nameless = run(&["join", "--secret", &secret], None);
    assert_eq!(nameless.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nameless.stderr).contains("--agent NAME"));
    let joined = run(&["--json", "join", "--secret", &secret, "--agent", "newbie"], None);
    assert!(joined.status.success(), "{}", String::from_utf8_lossy(&joined.stderr));
    let v: serde_json::Value = serde_json::from_slice(&joined.stdout).expect("json");
    let token = v["token"].as_str().expect("token").to_owned();

    // Kept per hub, for its owner only; later commands need nothing else.
    let file = home.join(".config/agent-hub/config.json");
    let kept: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("config")).unwrap();
    assert_eq!(kept["hubs"][hub_url()]["token"], token.as_str());
    assert_eq!(kept["hubs"][hub_url()]["agentId"], "newbie");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let from_file = run(&["--json", "lock", "src/kept.rs"], None);
    assert!(from_file.status.success(), "{}", String::from_utf8_lossy(&from_file.stderr));
    assert!(String::from_utf8_lossy(&from_file.stdout).contains("\"lockedBy\": \"newbie\""));
    let wrong = run(&["chat", "hello"], Some("ahub_wrong"));
    assert_eq!(wrong.status.code(), Some(3), "the environment overrides the file");

    // A token given to you: hub login keeps it the same way.
    std::fs::remove_file(&file).unwrap();
    let other = agent_token(&t, "given");
    let login = run(&["login", "--token", &other], None);
    assert!(login.status.success(), "{}", String::from_utf8_lossy(&login.stderr));
    assert!(
        String::from_utf8_lossy(&login.stdout).contains("as given (agent)"),
        "{}",
        String::from_utf8_lossy(&login.stdout)
    );
    assert!(run(&["chat", "hello from the file"], None).status.success());
}
