//! Every request the coordinator understands, decoded once from method, path,
//! query and body. The object then dispatches with one `match`.

use hub_domain::Access;
use hub_protocol::{
    AgentEscalation, AgentId, AgentsQuery, AuthorType, ChatQuery, ClaimAction, ClaimQuery, CreateTask,
    EscalationsQuery, HandoffAction, HandoffQuery, JoinTeam, LockUpdate, MintToken, PostChat, RegisterAgent,
    SearchQuery, TaskId, TaskQuery, TokensQuery, UpdateTask, VerifyToken, WorkQuery, ZoneAction, ZoneQuery,
};
use worker::Method;

use crate::api_error::ApiError;
use crate::body;
use crate::call::Call;

pub enum CoordinatorRequest {
    /// `GET /coordinator/ping`: Worker → object → back, nothing else; the
    /// benchmark's floor.
    Ping,
    /// `WS /coordinator?agentId=&since=&roster=`.
    Connect {
        agent: Option<AgentId>,
        /// The last `seq` the client saw: what came after is replayed.
        since: Option<u64>,
        /// Whether the welcome carries the roster: yes unless the client
        /// resumes (`since`) or says `roster=0` (it knows who is around, and
        /// presence news follows).
        roster: bool,
    },
    ListAgents(AgentsQuery),
    Register(RegisterAgent),
    ListChat(ChatQuery),
    PostChat(PostChat),
    ListTasks(TaskQuery),
    CreateTask(CreateTask),
    UpdateTask(TaskId, UpdateTask),
    /// `GET /coordinator/tasks/{id}`: with blockers, dependents, children, history.
    Task(TaskId),
    /// `GET /coordinator/tasks/ready`.
    ReadyTasks(hub_protocol::ReadyQuery),
    /// `POST /coordinator/tasks/take`.
    TakeTask(hub_protocol::TakeTask),
    /// `GET /coordinator/tasks/export`: JSON Lines.
    ExportTasks,
    /// `POST /coordinator/tasks/import?prefix=` (human only): JSON Lines.
    ImportTasks(hub_protocol::ImportQuery, Vec<u8>),
    Work(WorkQuery),
    ListLocks,
    ListZones(ZoneQuery),
    Zone(ZoneAction),
    ListClaims(ClaimQuery),
    Claim(ClaimAction),
    ListHandoffs(HandoffQuery),
    Handoff(HandoffAction),
    SessionResume,
    /// `GET /coordinator/search?q=`: the chat by full-text search.
    Search(SearchQuery),
    /// Chat messages per hour, for the portal's charts.
    Activity(hub_protocol::ActivityQuery),
    /// Open escalations of the team's agents, highest level first.
    ListEscalations(EscalationsQuery),
    /// From an agent object: an escalation opened, rose or was resolved.
    EscalationEvents(Vec<AgentEscalation>),
    Onboard(WorkQuery),
    /// From a team's lock object: what changed.
    LockEvents(Vec<LockUpdate>),
    /// `POST /coordinator/sockets/close` (internal): these tokens were
    /// revoked elsewhere (a named human's, by the registry).
    CloseSockets(hub_protocol::CloseSockets),
    /// `POST /coordinator/join`: the team's join secret for a token.
    Join(JoinTeam),
    /// `GET /coordinator/join-secret` (human only): the team's join secret.
    JoinSecret,
    /// `POST /coordinator/tokens` (human only).
    MintToken(MintToken),
    /// `GET /coordinator/tokens` (human only).
    ListTokens(TokensQuery),
    /// `DELETE /coordinator/tokens?agentId=`: every token of one agent.
    RevokeAgentTokens(AgentId),
    /// `DELETE /coordinator/tokens/{id}` (human only).
    RevokeToken(String),
    /// From the Worker: whose is this token hash?
    VerifyToken(VerifyToken),
    /// `GET /coordinator/settings`: the team's settings and the defaults.
    Settings,
    /// `PATCH /coordinator/settings` (humans).
    PatchSettings(hub_protocol::SettingsPatch),
    /// What needs the humans (see `humans/`).
    Humans(super::humans::HumansRequest),
}

impl CoordinatorRequest {
    /// # Errors
    /// 404 for an unknown path, 405 for a known path with another method,
    /// 400/413 for a body or query that does not decode.
    pub fn decode(req: &Call) -> Result<Self, ApiError> {
        let path = req.path.clone();
        let rest = path.strip_prefix("/coordinator").unwrap_or(&path);
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let method = req.method.clone();
        let not_allowed = |allowed: Vec<&'static str>| ApiError::MethodNotAllowed {
            method: method.to_string(),
            path: path.clone(),
            allowed,
        };
        Ok(match (segments.as_slice(), &method) {
            ([], Method::Get) if req.upgrade => {
                let q = body::query::<SinceParam>(req)?;
                let roster = q.since.is_none() && !matches!(q.roster.as_deref(), Some("0" | "false"));
                CoordinatorRequest::Connect { agent: agent_param(req)?, since: q.since, roster }
            }
            (["ping"], Method::Get) => CoordinatorRequest::Ping,
            (["agents"], Method::Get) => CoordinatorRequest::ListAgents(body::query(req)?),
            (["agents"], Method::Post) => CoordinatorRequest::Register(body::json(req)?),
            (["agents"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["chat"], Method::Get) => CoordinatorRequest::ListChat(body::query(req)?),
            (["chat"], Method::Post) => CoordinatorRequest::PostChat(body::json(req)?),
            (["chat"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["tasks"], Method::Get) => CoordinatorRequest::ListTasks(body::query(req)?),
            (["tasks"], Method::Post) => CoordinatorRequest::CreateTask(body::json(req)?),
            (["tasks"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["tasks", "ready"], Method::Get) => CoordinatorRequest::ReadyTasks(body::query(req)?),
            (["tasks", "ready"], _) => return Err(not_allowed(vec!["GET"])),
            (["tasks", "take"], Method::Post) => CoordinatorRequest::TakeTask(body::json_or_empty(req)?),
            (["tasks", "take"], _) => return Err(not_allowed(vec!["POST"])),
            (["tasks", "export"], Method::Get) => CoordinatorRequest::ExportTasks,
            (["tasks", "export"], _) => return Err(not_allowed(vec!["GET"])),
            (["tasks", "import"], Method::Post) => CoordinatorRequest::ImportTasks(body::query(req)?, req.body.clone()),
            (["tasks", "import"], _) => return Err(not_allowed(vec!["POST"])),
            (["tasks", id], Method::Get) => {
                CoordinatorRequest::Task(TaskId::parse(id).map_err(|e| ApiError::bad_field("taskId", e))?)
            }
            (["tasks", id], Method::Patch) => {
                let id = TaskId::parse(id).map_err(|e| ApiError::bad_field("taskId", e))?;
                let update: UpdateTask = body::json(req)?;
                if update.is_empty() {
                    return Err(ApiError::bad_request(
                        "Nothing to update: send one of title, description, status, assignee, priority, blockedBy, block, unblock, parent",
                    ));
                }
                CoordinatorRequest::UpdateTask(id, update)
            }
            (["tasks", _], _) => return Err(not_allowed(vec!["GET", "PATCH"])),
            (["work"], Method::Get) => CoordinatorRequest::Work(WorkQuery { agent_id: required(agent_param(req)?)? }),
            (["work"], _) => return Err(not_allowed(vec!["GET"])),
            (["locks"], Method::Get) => CoordinatorRequest::ListLocks,
            (["locks"], _) => return Err(not_allowed(vec!["GET"])),
            (["zones"], Method::Get) => CoordinatorRequest::ListZones(body::query(req)?),
            (["zones"], Method::Post) => CoordinatorRequest::Zone(body::json(req)?),
            (["zones"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["claims"], Method::Get) => CoordinatorRequest::ListClaims(body::query(req)?),
            (["claims"], Method::Post) => CoordinatorRequest::Claim(body::json(req)?),
            (["claims"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["handoffs"], Method::Get) => CoordinatorRequest::ListHandoffs(body::query(req)?),
            (["handoffs"], Method::Post) => CoordinatorRequest::Handoff(body::json_tagged(req, "action", "create")?),
            (["handoffs"], _) => return Err(not_allowed(vec!["GET", "POST"])),
            (["session-resume"], Method::Get) => CoordinatorRequest::SessionResume,
            (["session-resume"], _) => return Err(not_allowed(vec!["GET"])),
            (["search"], Method::Get) => CoordinatorRequest::Search(body::query(req)?),
            (["search"], _) => return Err(not_allowed(vec!["GET"])),
            (["activity"], Method::Get) => CoordinatorRequest::Activity(body::query(req)?),
            (["activity"], _) => return Err(not_allowed(vec!["GET"])),
            (["escalations"], Method::Get) => CoordinatorRequest::ListEscalations(body::query(req)?),
            (["escalations", "events"], Method::Post) => CoordinatorRequest::EscalationEvents(body::json(req)?),
            (["onboard"], Method::Get) => {
                CoordinatorRequest::Onboard(WorkQuery { agent_id: required(agent_param(req)?)? })
            }
            (["locks", "events"], Method::Post) => CoordinatorRequest::LockEvents(body::json(req)?),
            (["settings"], Method::Get) => CoordinatorRequest::Settings,
            (["settings"], Method::Patch) => CoordinatorRequest::PatchSettings(body::json(req)?),
            (["settings"], _) => return Err(not_allowed(vec!["GET", "PATCH"])),
            (["sockets", "close"], Method::Post) => CoordinatorRequest::CloseSockets(body::json(req)?),
            ([], _) => return Err(ApiError::bad_request("This path takes a WebSocket upgrade (Upgrade: websocket)")),
            _ => match super::humans::HumansRequest::decode(&segments, req) {
                Some(h) => CoordinatorRequest::Humans(h?),
                None => return Self::decode_credentials(&segments, req),
            },
        })
    }

    /// Joining and tokens.
    fn decode_credentials(segments: &[&str], req: &Call) -> Result<Self, ApiError> {
        let method = req.method.clone();
        let not_allowed = |allowed: Vec<&'static str>| ApiError::MethodNotAllowed {
            method: method.to_string(),
            path: req.path.clone(),
            allowed,
        };
        Ok(match (segments, &method) {
            (["join"], Method::Post) => CoordinatorRequest::Join(body::json(req)?),
            (["join"], _) => return Err(not_allowed(vec!["POST"])),
            (["join-secret"], Method::Get) => CoordinatorRequest::JoinSecret,
            (["join-secret"], _) => return Err(not_allowed(vec!["GET"])),
            (["tokens"], Method::Get) => CoordinatorRequest::ListTokens(body::query(req)?),
            (["tokens"], Method::Post) => CoordinatorRequest::MintToken(body::json(req)?),
            (["tokens"], Method::Delete) => {
                let q: TokensQuery = body::query(req)?;
                CoordinatorRequest::RevokeAgentTokens(
                    q.agent_id.ok_or_else(|| ApiError::bad_field("agentId", "is required: whose tokens to revoke"))?,
                )
            }
            (["tokens"], _) => return Err(not_allowed(vec!["GET", "POST", "DELETE"])),
            (["tokens", "verify"], Method::Post) => CoordinatorRequest::VerifyToken(body::json(req)?),
            (["tokens", id], Method::Delete) => CoordinatorRequest::RevokeToken((*id).to_owned()),
            (["tokens", _], _) => return Err(not_allowed(vec!["DELETE"])),
            _ => return Err(ApiError::route_not_found(&req.path)),
        })
    }
}

impl CoordinatorRequest {
    /// What the caller needs for this request (see `hub_domain::access`).
    pub fn access(&self) -> Vec<Access> {
        use CoordinatorRequest as R;
        match self {
            R::Ping
            | R::ListAgents(_)
            | R::ListTasks(_)
            | R::UpdateTask(..)
            | R::Task(_)
            | R::ReadyTasks(_)
            | R::ExportTasks
            | R::ListLocks
            | R::ListZones(_)
            | R::ListClaims(_)
            | R::ListHandoffs(_)
            | R::SessionResume
            | R::Search(_)
            | R::Activity(_)
            | R::ListEscalations(_)
            | R::Settings
            | R::Connect { agent: None, .. } => vec![Access::Member],
            R::PatchSettings(_) | R::ImportTasks(..) => vec![Access::Human],
            R::TakeTask(t) => vec![t.agent_id.clone().map_or(Access::Member, Access::Own)],
            R::Connect { agent: Some(id), .. } => vec![Access::Own(id.clone())],
            // Reading as an agent moves its mention cursor: its own only.
            R::ListChat(q) => vec![q.agent_id.clone().map_or(Access::Member, Access::Own)],
            R::Register(r) => vec![Access::Own(r.agent_id.clone())],
            R::PostChat(p) => vec![post_chat_access(p)],
            R::CreateTask(t) => vec![t.created_by.clone().map_or(Access::Member, Access::Own)],
            R::Work(q) | R::Onboard(q) => vec![Access::Own(q.agent_id.clone())],
            R::Zone(ZoneAction::Claim { owner, .. } | ZoneAction::Release { owner, .. }) => {
                vec![Access::Own(owner.clone())]
            }
            R::Claim(ClaimAction::Claim { by, .. } | ClaimAction::Release { by, .. }) => vec![Access::Own(by.clone())],
            R::Handoff(HandoffAction::Create { from_agent, .. }) => vec![Access::Own(from_agent.clone())],
            R::Handoff(
                HandoffAction::Claim { agent_id, .. }
                | HandoffAction::Complete { agent_id, .. }
                | HandoffAction::Route { agent_id, .. },
            ) => {
                vec![Access::Own(agent_id.clone())]
            }
            R::EscalationEvents(_) | R::LockEvents(_) | R::VerifyToken(_) | R::CloseSockets(_) => {
                vec![Access::Internal]
            }
            R::Join(_) => vec![Access::Public],
            R::Humans(h) => h.access(),
            R::MintToken(_) | R::ListTokens(_) | R::RevokeToken(_) | R::RevokeAgentTokens(_) | R::JoinSecret => {
                vec![Access::Credentials]
            }
        }
    }
}

/// Posting to the chat, over HTTP or the team socket: as yourself, or as
/// the human.
pub fn post_chat_access(p: &PostChat) -> Access {
    match p.author_type {
        AuthorType::Agent => Access::Own(p.author.clone()),
        AuthorType::Human | AuthorType::System => Access::AsHuman(p.author.clone()),
    }
}

/// The `agentId` query parameter, read loosely so a missing or bad one
/// gets a 400 naming it (empty counts as absent).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct AgentParam {
    agent_id: Option<String>,
}

/// `?since=<seq>` of a socket handshake.
#[derive(serde::Deserialize)]
struct SinceParam {
    since: Option<u64>,
    roster: Option<String>,
}

fn agent_param(req: &Call) -> Result<Option<AgentId>, ApiError> {
    let q: AgentParam = body::query(req)?;
    q.agent_id
        .filter(|s| !s.is_empty())
        .map(|id| AgentId::parse(&id).map_err(|e| ApiError::bad_field("agentId", e)))
        .transpose()
}

fn required(agent: Option<AgentId>) -> Result<AgentId, ApiError> {
    agent.ok_or_else(|| ApiError::bad_field("agentId", "is required"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(id: &str) -> AgentId {
        AgentId::parse(id).unwrap()
    }

    fn chat(author_type: AuthorType) -> PostChat {
        PostChat { author: agent("ann"), message: hub_protocol::Text::parse("hi").unwrap(), author_type }
    }

    #[test]
    fn reads_are_for_members_and_acts_for_oneself() {
        assert_eq!(CoordinatorRequest::ListLocks.access(), vec![Access::Member]);
        assert_eq!(CoordinatorRequest::PostChat(chat(AuthorType::Agent)).access(), vec![Access::Own(agent("ann"))]);
        let work = CoordinatorRequest::Work(WorkQuery { agent_id: agent("bob") });
        assert_eq!(work.access(), vec![Access::Own(agent("bob"))]);
    }

    #[test]
    fn speaking_as_a_human_credentials_and_indexes_are_guarded() {
        assert_eq!(CoordinatorRequest::PostChat(chat(AuthorType::Human)).access(), vec![Access::AsHuman(agent("ann"))]);
        assert_eq!(
            CoordinatorRequest::PostChat(chat(AuthorType::System)).access(),
            vec![Access::AsHuman(agent("ann"))]
        );
        assert_eq!(CoordinatorRequest::JoinSecret.access(), vec![Access::Credentials]);
        assert_eq!(CoordinatorRequest::RevokeToken("tok-1".into()).access(), vec![Access::Credentials]);
        assert_eq!(CoordinatorRequest::LockEvents(vec![]).access(), vec![Access::Internal]);
        assert_eq!(CoordinatorRequest::EscalationEvents(vec![]).access(), vec![Access::Internal]);
    }
}
