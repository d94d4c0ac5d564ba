//! A conversation with `hub mcp` over stdio, as an MCP client would have it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

mod common;

struct Mcp {
    child: std::process::Child,
    out: BufReader<std::process::ChildStdout>,
    transcript: Vec<String>,
}

impl Mcp {
    fn send(&mut self, msg: Value) {
        let line = msg.to_string();
        self.transcript.push(format!("→ {line}"));
        let stdin = self.child.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{line}").expect("write");
        stdin.flush().expect("flush");
    }

    /// Reads until the response with `id`.
    fn response(&mut self, id: u64) -> Value {
        loop {
            let mut line = String::new();
            assert!(self.out.read_line(&mut line).expect("read") > 0, "hub mcp closed stdout");
            let v: Value = serde_json::from_str(&line).expect("JSON-RPC");
            if v["id"] == id {
                let shown: String = line.trim().chars().take(400).collect();
                self.transcript.push(format!("← {shown}"));
                return v;
            }
        }
    }

    fn call(&mut self, id: u64, tool: &str, args: Value) -> Value {
        self.send(
            json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": tool, "arguments": args}}),
        );
        self.response(id)
    }
}

fn text(result: &Value) -> String {
    result["result"]["content"]
        .as_array()
        .map(|blocks| blocks.iter().filter_map(|b| b["text"].as_str()).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn mcp_conversation() {
    let url = std::env::var("HUB_URL").unwrap_or_else(|_| "http://127.0.0.1:8788".into());
    let team = format!("mcp-{}", std::process::id());
    let mut child = Command::new(env!("CARGO_BIN_EXE_hub"))
        .arg("mcp")
        .env("HUB_URL", &url)
        .env("HUB_TEAM", &team)
        .env("HUB_AGENT_ID", "claude-1")
        .env("HUB_TOKEN", common::agent_token(&team, "claude-1"))
        .env("HUB_CONFIG", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("hub mcp");
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut mcp = Mcp { child, out, transcript: vec![] };

    mcp.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}));
    let init = mcp.response(1);
    assert_eq!(init["result"]["serverInfo"]["name"], "agent-hub", "{init}");
    mcp.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));

    mcp.send(json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}));
    let list = mcp.response(2);
    let tools: Vec<&str> =
        list["result"]["tools"].as_array().expect("tools").iter().filter_map(|t| t["name"].as_str()).collect();
    assert!(tools.len() <= 16, "{tools:?}");
    for t in [
        "hub_start",
        "hub_chat",
        "hub_inbox",
        "hub_lock",
        "hub_unlock",
        "hub_checkpoint",
        "hub_trace_step",
        "hub_handoff",
        "hub_tasks",
    ] {
        assert!(tools.contains(&t), "{t} in {tools:?}");
    }

    let start = mcp.call(3, "hub_start", json!({}));
    assert!(text(&start).contains("suggestedTask"), "{start}");
    let lock = mcp.call(4, "hub_lock", json!({"path": "src/lib.rs", "reason": "refactor"}));
    assert!(text(&lock).contains("fencingToken"), "{lock}");

    // Another agent writes while claude-1 is between calls.
    let other = Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(["dm", "claude-1", "the", "CI", "is", "red"])
        .env("HUB_URL", &url)
        .env("HUB_TEAM", &team)
        .env("HUB_AGENT_ID", "codex-2")
        .env("HUB_TOKEN", common::agent_token(&team, "codex-2"))
        .env("HUB_CONFIG", "/nonexistent")
        .output()
        .expect("dm");
    assert!(other.status.success());
    std::thread::sleep(std::time::Duration::from_millis(500));

    let chat = mcp.call(5, "hub_chat", json!({"message": "@all lib.rs is mine for a while"}));
    assert!(text(&chat).contains("New since your last call"), "pushed DM missing: {chat}");
    assert!(text(&chat).contains("from codex-2: the CI is red"), "{chat}");

    let inbox = mcp.call(6, "hub_inbox", json!({"acknowledge": true}));
    assert!(text(&inbox).contains("the CI is red"));
    let bad = mcp.call(7, "hub_trace_step", json!({"session_id": "nope", "tool": "x", "outcome": "found"}));
    assert_eq!(bad["result"]["isError"], true, "{bad}");
    // The typed table refuses an argument the tool does not take, naming
    // the ones it does, and an unknown tool is a JSON-RPC error.
    let typo = mcp.call(9, "hub_lock", json!({"file": "src/lib.rs"}));
    assert_eq!(typo["result"]["isError"], true, "{typo}");
    assert!(
        text(&typo).contains("unknown argument \"file\": this tool takes path, ttl_seconds, wait, reason"),
        "{typo}"
    );
    let nope = mcp.call(10, "hub_nope", json!({}));
    assert!(nope["error"]["message"].as_str().is_some_and(|m| m.contains("hub_nope")), "{nope}");
    let unlock = mcp.call(8, "hub_unlock", json!({"path": "src/lib.rs"}));
    assert!(text(&unlock).contains("Lock released"));

    println!("MCP transcript ({} tools):\n{}", tools.len(), mcp.transcript.join("\n"));
    let _ = mcp.child.kill();
}
