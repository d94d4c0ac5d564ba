//! The MCP tools, as one typed table: each tool's name, description and
//! argument type, declared once. `tools/list` is generated from it, and a
//! `tools/call` becomes a [`ToolCall`] the Worker dispatches with one
//! exhaustive `match`. Schemas stay small: every agent reads `tools/list`
//! into its context.

use serde_json::{json, Value};

use crate::{AgentId, MemoryCategory, Outcome, ResourcePath, TaskId, TaskStatus, Text};

wire_enum!(
    /// What `hub_status` may say of oneself (`offline` is the hub's word).
    SelfStatus { Active = "active", Idle = "idle", Waiting = "waiting" }
);
wire_enum!(
    /// The kind of work a completed trace credits.
    WorkDomain { Frontend = "frontend", Backend = "backend", Devops = "devops", Research = "research" }
);
wire_enum!(TaskVerb {
    List = "list",
    Ready = "ready",
    Show = "show",
    Create = "create",
    Take = "take",
    Move = "move",
    Done = "done",
    Block = "block",
    Unblock = "unblock",
});
wire_enum!(HandoffVerb { Create = "create", Claim = "claim", Complete = "complete", Route = "route" });
wire_enum!(MemoryVerb { Remember = "remember", Recall = "recall" });

tool_args!(StartArgs {});
tool_args!(ChatArgs { message: Text<8000> });
tool_args!(InboxArgs { acknowledge: Option<bool> });
tool_args!(DmArgs {
    to: AgentId,
    message: Text<8000>,
    reply_to: Option<Text<100>> => "the id of the DM this answers",
    ack_required: Option<bool> => "ask them to acknowledge it; you are told when they do, or when it cannot be delivered",
});
tool_args!(LockArgs {
    path: ResourcePath,
    ttl_seconds: Option<i64> => "default 7200, at most 86400",
    wait: Option<bool>,
    reason: Option<Text<500>>,
});
tool_args!(UnlockArgs { path: ResourcePath });
tool_args!(CheckpointArgs {
    summary: Option<Text<20000>>,
    pending: Option<Vec<Text<2000>>>,
    done: Option<Vec<Text<2000>>>,
    files: Option<Vec<Text<1024>>>,
});
tool_args!(StatusArgs { status: Option<SelfStatus>, current_task: Option<Text<500>>, working_on: Option<Text<500>> });
tool_args!(TraceStartArgs { task: Text<2000> });
tool_args!(TraceStepArgs {
    session_id: Text<100>,
    tool: Text<200>,
    outcome: Outcome,
    intent: Option<Text<2000>>,
    duration_ms: Option<i64>,
});
tool_args!(TraceCompleteArgs { session_id: Text<100>, domain: Option<WorkDomain> });
tool_args!(ResolveArgs {
    session_id: Text<100>,
    escalation_id: Text<100>,
    agent: Option<AgentId> => "the peer whose trace it is; omit for your own",
    hint: Option<Text<4000>>,
});
tool_args!(TasksArgs {
    action: Option<TaskVerb>,
    status: Option<TaskStatus>,
    title: Option<Text<300>>,
    task_id: Option<TaskId>,
    blockers: Option<Vec<TaskId>> => "task ids, for create, block and unblock",
    tag: Option<Text<100>> => "only ready tasks with this tag (ready, take)",
});
tool_args!(HandoffArgs {
    action: Option<HandoffVerb>,
    title: Option<Text<300>>,
    context: Option<Text<20000>>,
    to: Option<AgentId>,
    next_steps: Option<Vec<Text<1000>>>,
    handoff_id: Option<Text<100>>,
});
tool_args!(MemoryArgs {
    action: MemoryVerb,
    content: Option<Text<20000>>,
    category: Option<MemoryCategory>,
    tags: Option<Vec<Text<100>>>,
    query: Option<Text<500>>,
});

tool_args!(AskArgs {
    question: Option<Text<2000>>,
    options: Option<Vec<Text<80>>> => "default approve, deny",
    context: Option<Text<8000>>,
    wait_seconds: Option<i64> => "at most 55",
    approval_id: Option<Text<100>> => "an earlier ask",
});

/// Why a `tools/call` could not become a [`ToolCall`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolCallError {
    /// No tool has this name (a JSON-RPC error).
    Unknown(String),
    /// The tool exists; its arguments do not fit (a tool result with
    /// `isError`, so the model reads why).
    Arguments(String),
}

/// The table: `Variant(Args) = "name": "description";`.
macro_rules! tools {
    ($($variant:ident($args:ident) = $wire:literal : $desc:literal;)*) => {
        wire_enum!(
            /// A tool's name.
            ToolName { $($variant = $wire),* }
        );

        /// A tool call with its arguments read.
        #[derive(Debug, Clone, PartialEq)]
        pub enum ToolCall { $($variant($args)),* }

        impl ToolName {
            pub fn description(self) -> &'static str {
                match self { $(ToolName::$variant => $desc),* }
            }

            pub fn schema(self) -> Value {
                match self { $(ToolName::$variant => $args::schema()),* }
            }
        }

        impl ToolCall {
            /// # Errors
            /// An unknown tool, or arguments that do not fit its type.
            pub fn parse(name: &str, arguments: Value) -> Result<Self, ToolCallError> {
                let tool = ToolName::parse(name).ok_or_else(|| ToolCallError::Unknown(name.to_owned()))?;
                let args = match arguments {
                    Value::Object(map) => map,
                    Value::Null => serde_json::Map::new(),
                    _ => return Err(ToolCallError::Arguments("arguments must be an object".into())),
                };
                Ok(match tool {
                    $(ToolName::$variant => ToolCall::$variant($args::read(args).map_err(ToolCallError::Arguments)?)),*
                })
            }

            pub fn name(&self) -> ToolName {
                match self { $(ToolCall::$variant(_) => ToolName::$variant),* }
            }
        }
    };
}

tools! {
    Start(StartArgs) = "hub_start": "Start or resume a session: your suggested task, team, tasks, mentions, DMs, last checkpoint, coaching and what happened while you were away. Call first.";
    Chat(ChatArgs) = "hub_chat": "Post to the team's group chat; @name mentions an agent, @all everyone.";
    Inbox(InboxArgs) = "hub_inbox": "Your unread direct messages and chat mentions, and your DMs still awaiting an ack; acknowledge=true marks the DMs read and acknowledged.";
    Dm(DmArgs) = "hub_dm": "Send another agent a direct message.";
    Lock(LockArgs) = "hub_lock": "Lock a file before editing it. Fails if another agent holds it, unless wait=true (then you are queued and get it when freed).";
    Unlock(UnlockArgs) = "hub_unlock": "Release your lock on a file.";
    Checkpoint(CheckpointArgs) = "hub_checkpoint": "Save where you are, so your next session resumes here. Omitted fields keep their saved values.";
    Status(StatusArgs) = "hub_status": "Say what you are doing: status (active, idle, waiting), the task and the files you work on.";
    TraceStart(TraceStartArgs) = "hub_trace_start": "Start a work trace for a task; returns its sessionId for hub_trace_step.";
    TraceStep(TraceStepArgs) = "hub_trace_step": "Log one step of your work. The answer warns you (escalation) when you look stuck.";
    TraceComplete(TraceCompleteArgs) = "hub_trace_complete": "Complete a work trace; credits your XP once.";
    Resolve(ResolveArgs) = "hub_resolve": "Resolve an escalation: your own (you got unstuck), or a peer's (agent = whose trace) with a hint.";
    Tasks(TasksArgs) = "hub_tasks": "Tasks: ready (what may start now, best first), take (the next ready one, or task_id; atomic), list (by status), show (task_id: blockers, history), create (title, blockers), move (task_id, status), done (task_id), block/unblock (task_id, blockers).";
    Handoff(HandoffArgs) = "hub_handoff": "Hand work on (create: title, context, to?, next_steps?; route a pending one of yours elsewhere: handoff_id, to), or take one handed to you (claim, then complete: handoff_id).";
    Ask(AskArgs) = "hub_ask": "Ask the humans to decide (question, options, context: a diff, a command). The answer comes as news, or wait_seconds for it.";
    Memory(MemoryArgs) = "hub_memory": "Remember something for later sessions (content, category, tags) or recall memories (query and/or category).";
}

impl ToolCall {
    /// Whether the call changes stored state (and so spends the caller's
    /// write budget); reads, and reads that only hand news over, do not.
    pub fn writes(&self) -> bool {
        match self {
            ToolCall::Start(_) => false,
            ToolCall::Inbox(a) => a.acknowledge.unwrap_or(false),
            ToolCall::Tasks(a) => {
                !matches!(a.action.unwrap_or(TaskVerb::List), TaskVerb::List | TaskVerb::Ready | TaskVerb::Show)
            }
            ToolCall::Memory(a) => a.action == MemoryVerb::Remember,
            ToolCall::Ask(a) => a.approval_id.is_none(),
            _ => true,
        }
    }
}

/// The `tools/list` result.
pub fn tools_list() -> Value {
    let tools: Vec<Value> = ToolName::ALL
        .iter()
        .map(|t| json!({ "name": t.as_str(), "description": t.description(), "inputSchema": t.schema() }))
        .collect();
    json!({ "tools": tools })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: Value) -> Result<ToolCall, ToolCallError> {
        ToolCall::parse(name, args)
    }

    #[test]
    fn the_list_is_small_and_every_schema_an_object() {
        assert!(ToolName::ALL.len() <= 16);
        for t in ToolName::ALL {
            let schema = t.schema();
            assert_eq!(schema["type"], "object", "{t:?}");
            for required in schema["required"].as_array().into_iter().flatten() {
                assert!(schema["properties"].get(required.as_str().unwrap()).is_some(), "{t:?}: {required}");
            }
        }
        let bytes = serde_json::to_string(&tools_list()).unwrap().len();
        assert!(bytes < 6000, "tools/list is {bytes} bytes: every agent pays for it");
    }

    #[test]
    fn only_calls_that_change_state_spend_the_write_budget() {
        assert!(!call("hub_start", json!({})).unwrap().writes());
        assert!(!call("hub_inbox", json!({})).unwrap().writes());
        assert!(call("hub_inbox", json!({"acknowledge": true})).unwrap().writes());
        assert!(!call("hub_tasks", json!({"action": "ready"})).unwrap().writes());
        assert!(call("hub_tasks", json!({"action": "take"})).unwrap().writes());
        assert!(!call("hub_memory", json!({"action": "recall"})).unwrap().writes());
        assert!(call("hub_lock", json!({"path": "src/a.rs"})).unwrap().writes());
        assert!(call("hub_ask", json!({"question": "Deploy?"})).unwrap().writes());
        assert!(!call("hub_ask", json!({"approval_id": "ap-1", "wait_seconds": 5})).unwrap().writes());
    }

    #[test]
    fn schemas_come_from_the_types() {
        let lock = ToolName::Lock.schema();
        assert_eq!(lock["required"], json!(["path"]));
        assert_eq!(lock["properties"]["wait"]["type"], "boolean");
        assert_eq!(lock["properties"]["ttl_seconds"]["description"], "default 7200, at most 86400");
        let tasks = ToolName::Tasks.schema();
        assert_eq!(tasks["properties"]["status"]["enum"], json!(["todo", "in-progress", "done", "blocked"]));
        assert_eq!(ToolName::Start.schema(), json!({ "type": "object", "properties": {} }));
    }

    #[test]
    fn a_call_reads_into_its_type() {
        let c = call("hub_lock", json!({ "path": "/src//a.rs", "wait": true })).unwrap();
        let ToolCall::Lock(a) = &c else { panic!("{c:?}") };
        assert_eq!((a.path.as_str(), a.wait, a.ttl_seconds), ("src/a.rs", Some(true), None));
        assert_eq!(c.name(), ToolName::Lock);
        assert!(matches!(call("hub_start", Value::Null), Ok(ToolCall::Start(StartArgs {}))));
        let m = call("hub_memory", json!({ "action": "recall", "category": "decision" })).unwrap();
        assert!(matches!(m, ToolCall::Memory(MemoryArgs { action: MemoryVerb::Recall, .. })));
    }

    #[test]
    fn bad_calls_say_what_is_wrong() {
        assert_eq!(call("hub_nope", json!({})), Err(ToolCallError::Unknown("hub_nope".into())));
        let unknown = call("hub_chat", json!({ "message": "hi", "channel": "x" })).unwrap_err();
        assert_eq!(unknown, ToolCallError::Arguments("unknown argument \"channel\": this tool takes message".into()));
        let none = call("hub_start", json!({ "x": 1 })).unwrap_err();
        assert_eq!(none, ToolCallError::Arguments("unknown argument \"x\": this tool takes none".into()));
        assert_eq!(call("hub_dm", json!({ "to": "bob" })), Err(ToolCallError::Arguments("message is required".into())));
        let blank = call("hub_chat", json!({ "message": "  " })).unwrap_err();
        assert_eq!(blank, ToolCallError::Arguments("message: must not be empty".into()));
        let status = call("hub_status", json!({ "status": "offline" })).unwrap_err();
        assert_eq!(status, ToolCallError::Arguments("status \"offline\": use one of active, idle, waiting".into()));
        let list = call("hub_checkpoint", json!({ "done": ["a", 3] })).unwrap_err();
        assert!(matches!(list, ToolCallError::Arguments(m) if m.starts_with("done: ")));
        assert!(matches!(call("hub_chat", json!([1])), Err(ToolCallError::Arguments(_))));
    }
}
