use hub_domain::Access;
use hub_protocol::{
    AgentId, CloseSockets, CompleteTrace, CreateSoul, Heartbeat, InboxQuery, MarkRead, MemoryQuery, OpenMcpSession,
    ResolveEscalation, ResolvedBy, SaveCheckpoint, SaveMemory, SearchQuery, SendDm, SentQuery, SoulPatch, StartTrace,
    StepInput, TakeNews, Told,
};
use worker::Method;

/// `?since=`: where a resuming socket's replay starts.
#[derive(serde::Deserialize)]
struct Since {
    #[serde(default)]
    since: Option<u64>,
}

use crate::api_error::ApiError;
use crate::body;
use crate::call::Call;

/// Every request of `/agent/{id}/...`, decoded once.
pub enum AgentCall {
    /// The agent's socket, resuming after a `seq` of its log.
    Connect(Option<u64>),
    State,
    /// Checkpoint and unread count, for the coordinator's hot start.
    Brief,
    /// Whether anything was ever stored here (a join's check; writes nothing).
    Exists,
    GetCheckpoint,
    SaveCheckpoint(SaveCheckpoint),
    Inbox(InboxQuery),
    /// The DM, and who sent it when a named human writes as another
    /// (filled in by the object from the caller, never from the body).
    SendDm(SendDm, Option<AgentId>),
    MarkRead(MarkRead),
    Memories(MemoryQuery),
    SaveMemory(SaveMemory),
    Traces,
    StartTrace(StartTrace),
    Trace(String),
    Step(String, StepInput),
    Complete(String, Option<String>),
    Resolve(String, ResolveEscalation),
    Escalations(String),
    Soul,
    CreateSoul(CreateSoul),
    PatchSoul(SoulPatch),
    Dashboard,
    /// Steps and errors per hour, for the portal's charts.
    Activity(hub_protocol::ActivityQuery),
    XpHistory,
    Heartbeat(Heartbeat),
    HeartbeatStatus,
    /// The agent's DMs, memories and steps by full-text search.
    Search(SearchQuery),
    /// The Worker's `/mcp` keeps its sessions here (internal calls only).
    OpenMcpSession(OpenMcpSession),
    CheckMcpSession(String),
    ChangeMcpSession(String, hub_protocol::McpSessionChange),
    McpNews(String),
    CloseMcpSession(String),
    /// From the coordinator: these tokens were revoked.
    CloseSockets(CloseSockets),
    /// News for the model, each item once.
    News(TakeNews),
    /// From another object: events for the agent's log.
    Tell(Vec<Told>),
    /// The DMs it sent that asked for an ack.
    Sent(SentQuery),
}

impl AgentCall {
    /// # Errors
    /// 404/405 for unknown paths or methods, 400/413 for bad input.
    pub fn decode(req: &Call) -> Result<Self, ApiError> {
        let path = req.path.clone();
        let rest: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).skip(2).collect();
        let method = req.method.clone();
        let not_allowed = |allowed: Vec<&'static str>| ApiError::MethodNotAllowed {
            method: method.to_string(),
            path: path.clone(),
            allowed,
        };
        let upgrade = req.upgrade;
        Ok(match (rest.as_slice(), &method) {
            ([], Method::Get) if upgrade => AgentCall::Connect(body::query::<Since>(req)?.since),
            ([] | ["state"], Method::Get) => AgentCall::State,
            ([] | ["state"], _) => return Err(not_allowed(vec!["GET"])),
            (["brief"], Method::Get) => AgentCall::Brief,
            (["exists"], Method::Get) => AgentCall::Exists,
            (["checkpoint"], Method::Get) => AgentCall::GetCheckpoint,
            (["checkpoint"], Method::Post) => AgentCall::SaveCheckpoint(body::json(req)?),
            (["checkpoint"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["messages"], Method::Get) => AgentCall::Inbox(body::query(req)?),
            (["messages"], Method::Post) => AgentCall::SendDm(body::json(req)?, None),
            (["messages"], Method::Patch) => AgentCall::MarkRead(body::json(req)?),
            (["messages"], _) => return Err(not_allowed(vec!["GET", "POST", "PATCH"])),
            (["memory"], Method::Get) => AgentCall::Memories(body::query(req)?),
            (["memory"], Method::Post) => AgentCall::SaveMemory(body::json(req)?),
            (["memory"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["trace"], Method::Get) => AgentCall::Traces,
            (["trace"], Method::Post) => AgentCall::StartTrace(body::json(req)?),
            (["trace"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["trace", sid], Method::Get) => AgentCall::Trace((*sid).to_owned()),
            (["trace", _], _) => return Err(not_allowed(vec!["GET"])),
            (["trace", sid, "step"], Method::Post) => AgentCall::Step((*sid).to_owned(), body::json(req)?),
            (["trace", sid, "complete"], Method::Post) => {
                let bytes = &req.body;
                let b: CompleteTrace = if bytes.iter().all(u8::is_ascii_whitespace) {
                    CompleteTrace::default()
                } else {
                    body::decode(bytes)?
                };
                AgentCall::Complete((*sid).to_owned(), b.domain)
            }
            (["trace", sid, "resolve-escalation"], Method::Post) => {
                AgentCall::Resolve((*sid).to_owned(), body::json(req)?)
            }
            (["trace", sid, "escalations"], Method::Get) => AgentCall::Escalations((*sid).to_owned()),
            (["trace", _, "step" | "complete" | "resolve-escalation"], _) => return Err(not_allowed(vec!["POST"])),
            (["trace", _, "escalations"], _) => return Err(not_allowed(vec!["GET"])),
            _ => return Self::decode_more(&rest, req),
        })
    }

    /// The soul, charts, heartbeats, search, and the Worker's internal calls.
    fn decode_more(rest: &[&str], req: &Call) -> Result<Self, ApiError> {
        let (path, method) = (req.path.clone(), req.method.clone());
        let not_allowed = |allowed: Vec<&'static str>| ApiError::MethodNotAllowed {
            method: method.to_string(),
            path: path.clone(),
            allowed,
        };
        Ok(match (rest, &method) {
            (["soul"], Method::Get) => AgentCall::Soul,
            (["soul"], Method::Post) => AgentCall::CreateSoul(body::json(req)?),
            (["soul"], Method::Patch) => AgentCall::PatchSoul(body::json(req).map_err(|e| match e {
                ApiError::BadRequest { .. } => ApiError::bad_request(
                    "Invalid soul update: send {action:'add-xp', xp, source}, {action:'unlock-achievement', achievementId} or {traceId, domain?}",
                ),
                other => other,
            })?),
            (["soul"], _) => return Err(not_allowed(vec!["GET", "POST", "PATCH"])),
            (["dashboard"], Method::Get) => AgentCall::Dashboard,
            (["dashboard"], _) => return Err(not_allowed(vec!["GET"])),
            (["activity"], Method::Get) => AgentCall::Activity(body::query(req)?),
            (["activity"], _) => return Err(not_allowed(vec!["GET"])),
            (["xp-history"], Method::Get) => AgentCall::XpHistory,
            (["xp-history"], _) => return Err(not_allowed(vec!["GET"])),
            (["heartbeat"], Method::Get) => AgentCall::HeartbeatStatus,
            (["search"], Method::Get) => AgentCall::Search(body::query(req)?),
            (["search"], _) => return Err(not_allowed(vec!["GET"])),
            (["heartbeat"], Method::Post) => {
                let bytes = &req.body;
                AgentCall::Heartbeat(if bytes.iter().all(u8::is_ascii_whitespace) { Heartbeat::default() } else { body::decode(bytes)? })
            }
            (["heartbeat"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["mcp"], Method::Post) => AgentCall::OpenMcpSession(body::json(req)?),
            (["mcp", sid], Method::Get) => AgentCall::CheckMcpSession((*sid).to_owned()),
            (["mcp", sid], Method::Delete) => AgentCall::CloseMcpSession((*sid).to_owned()),
            (["mcp", sid], Method::Patch) => AgentCall::ChangeMcpSession((*sid).to_owned(), body::json(req)?),
            (["mcp", sid, "news"], Method::Post) => AgentCall::McpNews((*sid).to_owned()),
            (["sockets", "close"], Method::Post) => AgentCall::CloseSockets(body::json(req)?),
            (["news"], Method::Post) => AgentCall::News(crate::body::json_or_empty(req)?),
            (["news"], _) => return Err(not_allowed(vec!["POST"])),
            (["events"], Method::Post) => AgentCall::Tell(body::json(req)?),
            (["sent"], Method::Get) => AgentCall::Sent(body::query(req)?),
            (["sent"], _) => return Err(not_allowed(vec!["GET"])),
            _ => return Err(ApiError::route_not_found(&path)),
        })
    }
}

impl AgentCall {
    /// The call with what only the caller can say filled in: who resolves
    /// as a peer or human, who wrote a DM for its sender.
    pub fn called_by(mut self, caller: &hub_protocol::Caller) -> Self {
        match &mut self {
            AgentCall::Resolve(_, r) => {
                r.resolver_agent = hub_domain::resolver(caller, r.resolved_by, r.resolver_agent.take());
            }
            AgentCall::SendDm(dm, sent_by) => *sent_by = hub_domain::recorded_actor(caller, &dm.from),
            _ => {}
        }
        self
    }

    /// What the caller needs to make this call on `owner`'s object.
    pub fn access(&self, owner: &AgentId) -> Vec<Access> {
        match self {
            // Anyone may write to an agent's inbox, as themselves.
            AgentCall::SendDm(dm, _) => vec![Access::Own(dm.from.clone())],
            AgentCall::Resolve(_, r) => match r.resolved_by {
                ResolvedBy::Human => vec![r.resolver_agent.clone().map_or(Access::Human, Access::AsHuman)],
                ResolvedBy::Peer => vec![r.resolver_agent.clone().map_or(Access::Member, Access::Own)],
                ResolvedBy::SelfResolved => vec![Access::Own(owner.clone())],
            },
            AgentCall::CreateSoul(c) if c.reset => vec![Access::Human],
            AgentCall::Brief
            | AgentCall::Exists
            | AgentCall::OpenMcpSession(_)
            | AgentCall::CheckMcpSession(_)
            | AgentCall::ChangeMcpSession(..)
            | AgentCall::McpNews(_)
            | AgentCall::CloseMcpSession(_)
            | AgentCall::CloseSockets(_)
            | AgentCall::Tell(_) => vec![Access::Internal],
            // XP gates trust: it comes from completed traces, or a human.
            AgentCall::PatchSoul(SoulPatch::Action(hub_protocol::SoulAction::AddXp { .. })) => vec![Access::Human],
            _ => vec![Access::Own(owner.clone())],
        }
    }
}
