//! The hub's own API paths, built once: the Worker's portal, MCP tools and
//! charts (and any client) render a request's path from these types rather
//! than by hand, ids percent-encoded as one segment, queries from their
//! wire types. The Worker's unit tests check that every path rendered here
//! is one its request decoders accept.

use std::fmt;

use crate::{
    ActivityQuery, AgentId, AgentsQuery, ChatQuery, ClaimQuery, EscalationsQuery, HandoffQuery, ImportQuery,
    InboxQuery, MemoryQuery, ReadyQuery, ResourcePath, SearchQuery, TaskId, TaskQuery, TokensQuery, ZoneQuery,
};

/// A path of the API, with its query.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiPath {
    /// `/coordinator/...`: the team's coordinator.
    Coordinator(CoordinatorPath),
    /// `/agent/{id}/...`: one agent's own object.
    Agent(AgentId, AgentPath),
    /// `/lock/{path}/...`: the lock shard of a file.
    Lock(ResourcePath, LockPath),
    /// `/registry/...`: the hub's registry of teams and named humans.
    Registry(RegistryPath),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CoordinatorPath {
    /// The team's WebSocket, as an agent or as a member.
    Socket(Option<AgentId>),
    Agents(AgentsQuery),
    Chat(ChatQuery),
    Tasks(TaskQuery),
    Task(TaskId),
    ReadyTasks(ReadyQuery),
    TakeTask,
    ExportTasks,
    ImportTasks(ImportQuery),
    Work(AgentId),
    Onboard(AgentId),
    Locks,
    Zones(ZoneQuery),
    Claims(ClaimQuery),
    Handoffs(HandoffQuery),
    SessionResume,
    Search(SearchQuery),
    Activity(ActivityQuery),
    Escalations(EscalationsQuery),
    JoinSecret,
    Tokens(TokensQuery),
    Token(String),
    Settings,
    /// What needs a human.
    Attention,
    /// What was finished since the human's previous visit.
    Shipped,
    Approvals,
    Approval(String, crate::ApprovalQuery),
    AnswerApproval(String),
    Webhooks,
    Webhook(String),
    TestWebhook(String),
    /// The humans' actions, as JSON Lines.
    Audit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AgentPath {
    /// The agent's own WebSocket.
    Socket,
    State,
    Checkpoint,
    Messages(InboxQuery),
    Memory(MemoryQuery),
    Traces,
    Trace(String),
    Step(String),
    Complete(String),
    ResolveEscalation(String),
    Soul,
    Dashboard,
    Activity(ActivityQuery),
    XpHistory,
    Search(SearchQuery),
    /// The Worker's `/mcp` sessions (internal).
    McpSessions,
    McpSession(String),
    McpNews(String),
    /// News for the model, each item once (`TakeNews`).
    News,
    /// Events for the agent's log (internal).
    Events,
    /// The DMs it sent that asked for an ack.
    Sent(crate::SentQuery),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockPath {
    Lock,
    Unlock,
    Renew,
    Check,
    History,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RegistryPath {
    Teams,
    Humans,
    Human(String),
}

impl From<CoordinatorPath> for ApiPath {
    fn from(p: CoordinatorPath) -> Self {
        ApiPath::Coordinator(p)
    }
}

impl From<RegistryPath> for ApiPath {
    fn from(p: RegistryPath) -> Self {
        ApiPath::Registry(p)
    }
}

/// One path segment from anyone's words: it stays one segment.
struct Seg<'a>(&'a str);

impl fmt::Display for Seg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::percent_encode(self.0))
    }
}

/// `?query` from a wire type; nothing when every field is left out.
struct Query<'a, T>(&'a T);

impl<T: serde::Serialize> fmt::Display for Query<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = serde_urlencoded::to_string(self.0).map_err(|_| fmt::Error)?;
        if q.is_empty() {
            Ok(())
        } else {
            write!(f, "?{q}")
        }
    }
}

impl fmt::Display for ApiPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiPath::Coordinator(CoordinatorPath::Socket(None)) => f.write_str("/coordinator"),
            ApiPath::Coordinator(CoordinatorPath::Socket(Some(id))) => {
                write!(f, "/coordinator?agentId={}", Seg(id.as_str()))
            }
            ApiPath::Coordinator(p) => write!(f, "/coordinator/{p}"),
            ApiPath::Agent(id, AgentPath::Socket) => write!(f, "/agent/{}", Seg(id.as_str())),
            ApiPath::Agent(id, p) => write!(f, "/agent/{}/{p}", Seg(id.as_str())),
            ApiPath::Lock(path, p) => write!(f, "/lock/{}/{p}", path.to_segment()),
            ApiPath::Registry(p) => write!(f, "/registry/{p}"),
        }
    }
}

impl fmt::Display for CoordinatorPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CoordinatorPath as P;
        match self {
            // Written whole by `ApiPath`.
            P::Socket(_) => Ok(()),
            P::Agents(q) => write!(f, "agents{}", Query(q)),
            P::Chat(q) => write!(f, "chat{}", Query(q)),
            P::Tasks(q) => write!(f, "tasks{}", Query(q)),
            P::Task(id) => write!(f, "tasks/{}", Seg(id.as_str())),
            P::ReadyTasks(q) => write!(f, "tasks/ready{}", Query(q)),
            P::TakeTask => f.write_str("tasks/take"),
            P::ExportTasks => f.write_str("tasks/export"),
            P::ImportTasks(q) => write!(f, "tasks/import{}", Query(q)),
            P::Work(id) => write!(f, "work?agentId={}", Seg(id.as_str())),
            P::Onboard(id) => write!(f, "onboard?agentId={}", Seg(id.as_str())),
            P::Locks => f.write_str("locks"),
            P::Zones(q) => write!(f, "zones{}", Query(q)),
            P::Claims(q) => write!(f, "claims{}", Query(q)),
            P::Handoffs(q) => write!(f, "handoffs{}", Query(q)),
            P::SessionResume => f.write_str("session-resume"),
            P::Search(q) => write!(f, "search{}", Query(q)),
            P::Activity(q) => write!(f, "activity{}", Query(q)),
            P::Escalations(q) => write!(f, "escalations{}", Query(q)),
            P::JoinSecret => f.write_str("join-secret"),
            P::Tokens(q) => write!(f, "tokens{}", Query(q)),
            P::Token(id) => write!(f, "tokens/{}", Seg(id)),
            P::Settings => f.write_str("settings"),
            P::Attention => f.write_str("attention"),
            P::Shipped => f.write_str("shipped"),
            P::Approvals => f.write_str("approvals"),
            P::Approval(id, q) => write!(f, "approvals/{}{}", Seg(id), Query(q)),
            P::AnswerApproval(id) => write!(f, "approvals/{}/answer", Seg(id)),
            P::Webhooks => f.write_str("webhooks"),
            P::Webhook(id) => write!(f, "webhooks/{}", Seg(id)),
            P::TestWebhook(id) => write!(f, "webhooks/{}/test", Seg(id)),
            P::Audit => f.write_str("audit"),
        }
    }
}

impl fmt::Display for AgentPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use AgentPath as P;
        match self {
            P::Socket => Ok(()),
            P::State => f.write_str("state"),
            P::Checkpoint => f.write_str("checkpoint"),
            P::Messages(q) => write!(f, "messages{}", Query(q)),
            P::Memory(q) => write!(f, "memory{}", Query(q)),
            P::Traces => f.write_str("trace"),
            P::Trace(sid) => write!(f, "trace/{}", Seg(sid)),
            P::Step(sid) => write!(f, "trace/{}/step", Seg(sid)),
            P::Complete(sid) => write!(f, "trace/{}/complete", Seg(sid)),
            P::ResolveEscalation(sid) => write!(f, "trace/{}/resolve-escalation", Seg(sid)),
            P::Soul => f.write_str("soul"),
            P::Dashboard => f.write_str("dashboard"),
            P::Activity(q) => write!(f, "activity{}", Query(q)),
            P::XpHistory => f.write_str("xp-history"),
            P::Search(q) => write!(f, "search{}", Query(q)),
            P::McpSessions => f.write_str("mcp"),
            P::McpSession(sid) => write!(f, "mcp/{}", Seg(sid)),
            P::McpNews(sid) => write!(f, "mcp/{}/news", Seg(sid)),
            P::News => f.write_str("news"),
            P::Events => f.write_str("events"),
            P::Sent(q) => write!(f, "sent{}", Query(q)),
        }
    }
}

impl fmt::Display for LockPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LockPath::Lock => "lock",
            LockPath::Unlock => "unlock",
            LockPath::Renew => "renew",
            LockPath::Check => "check",
            LockPath::History => "history",
        })
    }
}

impl fmt::Display for RegistryPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryPath::Teams => f.write_str("teams"),
            RegistryPath::Humans => f.write_str("humans"),
            RegistryPath::Human(id) => write!(f, "humans/{}", Seg(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_with_encoded_segments_and_typed_queries() {
        let ann = AgentId::parse("ann").unwrap();
        let chat =
            CoordinatorPath::Chat(ChatQuery { limit: Some(100), agent_id: Some(ann.clone()), ..Default::default() });
        assert_eq!(ApiPath::from(chat).to_string(), "/coordinator/chat?limit=100&agentId=ann");
        assert_eq!(ApiPath::from(CoordinatorPath::Tasks(TaskQuery::default())).to_string(), "/coordinator/tasks");
        let trace = ApiPath::Agent(ann, AgentPath::Trace("x/../../soul?".into()));
        assert_eq!(trace.to_string(), "/agent/ann/trace/x%2F..%2F..%2Fsoul%3F");
        let lock = ApiPath::Lock(ResourcePath::parse("src/a b.rs").unwrap(), LockPath::Unlock);
        assert_eq!(lock.to_string(), "/lock/src%2Fa%20b.rs/unlock");
    }
}
