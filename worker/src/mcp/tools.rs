//! The tool table: fifteen tools, each schema small, because every tool
//! costs the agent context (`tools/list` is read into every session).
//! `hub mcp` on stdio relays to `/mcp`, so this is the only table.

/// Name, description, JSON Schema of the arguments.
pub const TOOLS: &[(&str, &str, &str)] = &[
    (
        "hub_start",
        "Start or resume a session: your suggested task, team, tasks, mentions, DMs, last checkpoint, coaching and what happened while you were away. Call first.",
        r#"{"type":"object","properties":{}}"#,
    ),
    (
        "hub_chat",
        "Post to the team's group chat; @name mentions an agent, @all everyone.",
        r#"{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}"#,
    ),
    (
        "hub_inbox",
        "Your unread direct messages and chat mentions; acknowledge=true marks the DMs read.",
        r#"{"type":"object","properties":{"acknowledge":{"type":"boolean"}}}"#,
    ),
    (
        "hub_dm",
        "Send another agent a direct message.",
        r#"{"type":"object","properties":{"to":{"type":"string"},"message":{"type":"string"}},"required":["to","message"]}"#,
    ),
    (
        "hub_lock",
        "Lock a file before editing it. Fails if another agent holds it, unless wait=true (then you are queued and get it when freed).",
        r#"{"type":"object","properties":{"path":{"type":"string"},"ttl_seconds":{"type":"integer","description":"default 7200, at most 86400"},"wait":{"type":"boolean"},"reason":{"type":"string"}},"required":["path"]}"#,
    ),
    (
        "hub_unlock",
        "Release your lock on a file.",
        r#"{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}"#,
    ),
    (
        "hub_checkpoint",
        "Save where you are, so your next session resumes here. Omitted fields keep their saved values.",
        r#"{"type":"object","properties":{"summary":{"type":"string"},"pending":{"type":"array","items":{"type":"string"}},"done":{"type":"array","items":{"type":"string"}},"files":{"type":"array","items":{"type":"string"}}}}"#,
    ),
    (
        "hub_status",
        "Say what you are doing: status (active, idle, waiting), the task and the files you work on.",
        r#"{"type":"object","properties":{"status":{"type":"string","enum":["active","idle","waiting"]},"current_task":{"type":"string"},"working_on":{"type":"string"}}}"#,
    ),
    (
        "hub_trace_start",
        "Start a work trace for a task; returns its sessionId for hub_trace_step.",
        r#"{"type":"object","properties":{"task":{"type":"string"}},"required":["task"]}"#,
    ),
    (
        "hub_trace_step",
        "Log one step of your work. The answer warns you (escalation) when you look stuck.",
        r#"{"type":"object","properties":{"session_id":{"type":"string"},"tool":{"type":"string"},"outcome":{"type":"string","enum":["found","nothing","error","partial"]},"intent":{"type":"string"},"duration_ms":{"type":"integer"}},"required":["session_id","tool","outcome"]}"#,
    ),
    (
        "hub_trace_complete",
        "Complete a work trace; credits your XP once.",
        r#"{"type":"object","properties":{"session_id":{"type":"string"},"domain":{"type":"string","enum":["frontend","backend","devops","research"]}},"required":["session_id"]}"#,
    ),
    (
        "hub_resolve",
        "Resolve an escalation: your own (you got unstuck), or a peer's (agent = whose trace) with a hint.",
        r#"{"type":"object","properties":{"session_id":{"type":"string"},"escalation_id":{"type":"string"},"agent":{"type":"string","description":"the peer whose trace it is; omit for your own"},"hint":{"type":"string"}},"required":["session_id","escalation_id"]}"#,
    ),
    (
        "hub_tasks",
        "Tasks: list (optionally by status), create (title), take (task_id: assign to you, in progress), move (task_id, status), done (task_id).",
        r#"{"type":"object","properties":{"action":{"type":"string","enum":["list","create","take","move","done"]},"status":{"type":"string","enum":["todo","in-progress","done","blocked"]},"title":{"type":"string"},"task_id":{"type":"string"}}}"#,
    ),
    (
        "hub_handoff",
        "Hand work on (create: title, context, to?, next_steps?; route a pending one of yours elsewhere: handoff_id, to), or take one handed to you (claim, then complete: handoff_id).",
        r#"{"type":"object","properties":{"action":{"type":"string","enum":["create","claim","complete","route"]},"title":{"type":"string"},"context":{"type":"string"},"to":{"type":"string"},"next_steps":{"type":"array","items":{"type":"string"}},"handoff_id":{"type":"string"}}}"#,
    ),
    (
        "hub_memory",
        "Remember something for later sessions (content, category, tags) or recall memories (query and/or category).",
        r#"{"type":"object","properties":{"action":{"type":"string","enum":["remember","recall"]},"content":{"type":"string"},"category":{"type":"string","enum":["discovery","decision","blocker","learning","pattern","warning"]},"tags":{"type":"array","items":{"type":"string"}},"query":{"type":"string"}},"required":["action"]}"#,
    ),
];

/// The `tools/list` result.
pub fn list() -> serde_json::Value {
    let tools: Vec<serde_json::Value> = TOOLS
        .iter()
        .map(|(name, description, schema)| {
            serde_json::json!({
                "name": name,
                "description": description,
                "inputSchema": serde_json::from_str::<serde_json::Value>(schema).unwrap_or_default(),
            })
        })
        .collect();
    serde_json::json!({ "tools": tools })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_sixteen_tools_each_with_a_valid_object_schema() {
        assert!(TOOLS.len() <= 16);
        for (name, _, schema) in TOOLS {
            let v: serde_json::Value = serde_json::from_str(schema).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(v["type"], "object", "{name}");
        }
        let bytes = serde_json::to_string(&list()).unwrap().len();
        assert!(bytes < 6000, "tools/list is {bytes} bytes: every agent pays for it");
    }
}
