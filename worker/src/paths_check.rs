//! (Tests only.) Every path `hub_protocol::ApiPath` renders is one the
//! objects' request decoders accept: the portal, MCP and charts build their
//! paths from those types, so a path changed on one side fails here, not
//! in a user's hands.

use hub_protocol::{
    AgentId, AgentPath, ApiPath, Caller, ChatQuery, ClaimQuery, CoordinatorPath as C, EscalationsQuery, InboxQuery,
    LockPath, MemoryQuery, ResourcePath, SearchQuery, TaskId, TaskQuery, TaskStatus,
};
use worker::Method;

use crate::agent_state::request::AgentCall;
use crate::api_error::ApiError;
use crate::call::Call;
use crate::coordinator::request::CoordinatorRequest;
use crate::resource_lock::request::LockCall;

fn call(method: Method, path: &ApiPath) -> Call {
    let rendered = path.to_string();
    let (path, query) = rendered.split_once('?').unwrap_or((&rendered, ""));
    let upgrade = path == "/coordinator" || (path.starts_with("/agent/") && path.matches('/').count() == 2);
    Call {
        method,
        path: path.to_owned(),
        query: query.to_owned(),
        caller: Caller::Human,
        team: "main".into(),
        token: None,
        upgrade,
        body: Vec::new(),
    }
}

/// `Ok` when the decoder took the path, method and query; a write may
/// still miss its body (400), which is not the path's fault.
fn accepted(method: Method, path: &ApiPath) -> Result<(), String> {
    let write = method != Method::Get;
    let req = call(method, path);
    let outcome = match path {
        ApiPath::Coordinator(_) => CoordinatorRequest::decode(&req).map(|_| ()),
        ApiPath::Agent(..) => AgentCall::decode(&req).map(|_| ()),
        ApiPath::Lock(..) => LockCall::decode(&req).map(|_| ()),
        ApiPath::Registry(_) => return Ok(()),
    };
    match outcome {
        Ok(()) => Ok(()),
        Err(ApiError::BadRequest { .. }) if write => Ok(()),
        Err(e) => Err(format!("{} {path}: {}", req.method, e.status())),
    }
}

#[test]
fn every_typed_path_is_one_the_objects_decode() {
    let ann = AgentId::parse("ann").unwrap();
    let task = TaskId::parse("task-1").unwrap();
    let search = SearchQuery { q: "a b&c".into(), limit: Some(5) };
    let mine = |p: AgentPath| ApiPath::Agent(ann.clone(), p);
    let file = |p: LockPath| ApiPath::Lock(ResourcePath::parse("src/a b.rs").unwrap(), p);
    let chat =
        ChatQuery { limit: Some(1), agent_id: Some(ann.clone()), before: Some("m1".into()), ..Default::default() };
    let get = Method::Get;
    let paths: Vec<(Method, ApiPath)> = vec![
        (get.clone(), C::Socket(Some(ann.clone())).into()),
        (get.clone(), C::Socket(None).into()),
        (get.clone(), C::Agents(hub_protocol::AgentsQuery { include_offline: true }).into()),
        (Method::Post, C::Agents(Default::default()).into()),
        (get.clone(), C::Chat(chat).into()),
        (Method::Post, C::Chat(Default::default()).into()),
        (
            get.clone(),
            C::Tasks(TaskQuery {
                status: Some(TaskStatus::InProgress),
                assignee: Some(ann.clone()),
                before: Some("12:task-1".into()),
                limit: Some(5),
                parent: Some(task.clone()),
            })
            .into(),
        ),
        (Method::Post, C::Tasks(Default::default()).into()),
        (get.clone(), C::Task(task.clone()).into()),
        (Method::Patch, C::Task(task).into()),
        (
            get.clone(),
            C::ReadyTasks(hub_protocol::ReadyQuery {
                tag: Some("a b".into()),
                file: Some("src/".into()),
                limit: Some(3),
            })
            .into(),
        ),
        (Method::Post, C::TakeTask.into()),
        (get.clone(), C::ExportTasks.into()),
        (Method::Post, C::ImportTasks(hub_protocol::ImportQuery { prefix: Some("x-".into()) }).into()),
        (get.clone(), C::Work(ann.clone()).into()),
        (get.clone(), C::Onboard(ann.clone()).into()),
        (get.clone(), C::Locks.into()),
        (get.clone(), C::Zones(Default::default()).into()),
        (get.clone(), C::Claims(ClaimQuery { include_stale: true, ..Default::default() }).into()),
        (get.clone(), C::Handoffs(Default::default()).into()),
        (Method::Post, C::Handoffs(Default::default()).into()),
        (get.clone(), C::SessionResume.into()),
        (get.clone(), C::Search(search.clone()).into()),
        (get.clone(), C::Activity(hub_protocol::ActivityQuery { days: 7 }).into()),
        (get.clone(), C::Escalations(EscalationsQuery { resolved: true }).into()),
        (get.clone(), C::JoinSecret.into()),
        (get.clone(), C::Tokens(Default::default()).into()),
        (Method::Post, C::Tokens(Default::default()).into()),
        (Method::Delete, C::Token("tok 1/2".into()).into()),
        (get.clone(), C::Settings.into()),
        (Method::Patch, C::Settings.into()),
        (get.clone(), C::Attention.into()),
        (get.clone(), C::Shipped.into()),
        (get.clone(), C::Approvals.into()),
        (Method::Post, C::Approvals.into()),
        (get.clone(), C::Approval("ap 1".into(), hub_protocol::ApprovalQuery { wait: Some(5) }).into()),
        (Method::Post, C::AnswerApproval("ap/1".into()).into()),
        (get.clone(), C::Webhooks.into()),
        (Method::Post, C::Webhooks.into()),
        (Method::Delete, C::Webhook("wh-1".into()).into()),
        (Method::Post, C::TestWebhook("wh-1".into()).into()),
        (get.clone(), C::Audit.into()),
        (get.clone(), mine(AgentPath::Socket)),
        (get.clone(), mine(AgentPath::State)),
        (get.clone(), mine(AgentPath::Checkpoint)),
        (Method::Post, mine(AgentPath::Checkpoint)),
        (get.clone(), mine(AgentPath::Messages(InboxQuery { unread: true, limit: Some(20), before: None }))),
        (Method::Post, mine(AgentPath::Messages(Default::default()))),
        (Method::Patch, mine(AgentPath::Messages(Default::default()))),
        (get.clone(), mine(AgentPath::Memory(MemoryQuery { query: Some("x y".into()), ..Default::default() }))),
        (Method::Post, mine(AgentPath::Memory(Default::default()))),
        (get.clone(), mine(AgentPath::Traces)),
        (Method::Post, mine(AgentPath::Traces)),
        (get.clone(), mine(AgentPath::Trace("s/1?".into()))),
        (Method::Post, mine(AgentPath::Step("s/1".into()))),
        (Method::Post, mine(AgentPath::Complete("s/1".into()))),
        (Method::Post, mine(AgentPath::ResolveEscalation("s/1".into()))),
        (get.clone(), mine(AgentPath::Soul)),
        (get.clone(), mine(AgentPath::Dashboard)),
        (get.clone(), mine(AgentPath::Activity(hub_protocol::ActivityQuery { days: 1 }))),
        (get.clone(), mine(AgentPath::XpHistory)),
        (get.clone(), mine(AgentPath::Search(search))),
        (Method::Post, mine(AgentPath::McpSessions)),
        (get.clone(), mine(AgentPath::McpSession("abc".into()))),
        (Method::Delete, mine(AgentPath::McpSession("abc".into()))),
        (Method::Post, mine(AgentPath::McpNews("abc".into()))),
        (Method::Post, mine(AgentPath::News)),
        (Method::Post, mine(AgentPath::Events)),
        (get.clone(), mine(AgentPath::Sent(hub_protocol::SentQuery { awaiting: true }))),
        (Method::Post, file(LockPath::Lock)),
        (Method::Post, file(LockPath::Unlock)),
        (Method::Post, file(LockPath::Renew)),
        (get.clone(), file(LockPath::Check)),
        (get, file(LockPath::History)),
    ];
    let refused: Vec<String> = paths.iter().filter_map(|(m, p)| accepted(m.clone(), p).err()).collect();
    assert!(refused.is_empty(), "paths the objects do not decode: {refused:#?}");
}
