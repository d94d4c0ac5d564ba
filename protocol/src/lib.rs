//! Wire types of agent-hub.
//!
//! Every request body, response body and WebSocket event that crosses the hub's
//! boundary is defined here exactly once and shared by the Worker, the portal and
//! clients. JSON is camelCase, as the original TypeScript hub spoke it, so its
//! agent clients keep working.
//!
//! Identifiers are validated on the way in ("parse, don't validate"): a handler
//! that holds an [`AgentId`] knows it is non-empty, bounded and printable.
//!
//! **Invariant:** no IO and no runtime dependency; this crate builds for
//! `wasm32-unknown-unknown` and native alike.

#[macro_use]
mod wire_enum;
#[macro_use]
pub mod tool_args;

mod ack;
mod agent;
mod agent_view;
mod api_path;
mod attention;
mod auth;
mod chat;
mod checkpoint;
mod claim;
mod dashboard;
mod error;
mod event;
mod handoff;
mod health;
mod heartbeat;
mod history;
mod hook;
mod id;
mod inbox;
mod lock;
mod mcp;
mod mcp_resources;
mod memory;
mod names;
mod news;
mod resource;
mod resume;
mod search;
mod settings;
mod soul;
mod tagged;
mod task;
mod task_graph;
mod team;
mod text;
mod time;
mod tool;
mod trace;
mod webhook;
mod work;
mod zone;

pub use ack::Ack;
pub use agent::{Agent, AgentStatus, AgentsQuery, AgentsResponse, RegisterAgent, RegisterResponse};
pub use agent_view::{
    AgentBrief, AgentClientMessage, AgentEscalation, AgentEvent, AgentExists, AgentStateView, EscalationsIndex,
    EscalationsQuery, OnboardResponse, Onboarding, SuggestedTask, TeamMember,
};
pub use api_path::{AgentPath, ApiPath, CoordinatorPath, LockPath, RegistryPath};
pub use attention::{
    AnswerApproval, Approval, ApprovalQuery, ApprovalResponse, ApprovalsResponse, AskApproval, AttentionAction,
    AttentionItem, AttentionKind, AttentionResponse, AuditEntry, Shipped, ShippedKind, ShippedResponse, TraceDone,
    APPROVAL_WAIT_MAX_SECS,
};
pub use auth::{
    human_id, is_human, Caller, CloseSockets, HumanSocket, JoinSecret, JoinTeam, MintHumanToken, MintToken,
    MintedToken, RevokedToken, RevokedTokens, Role, TokenInfo, TokensQuery, TokensResponse, VerifiedToken, VerifyToken,
    WhoAmI, HUMAN_PREFIX,
};
pub use chat::{AuthorType, ChatMessage, ChatQuery, ChatResponse, PostChat, PostChatResponse};
pub use checkpoint::{Checkpoint, CheckpointResponse, SaveCheckpoint, SaveCheckpointResponse};
pub use claim::{Claim, ClaimAction, ClaimQuery, ClaimResult, ClaimsResponse};
pub use dashboard::{
    Alerts, Dashboard, DashboardResponse, Flow, FlowState, LevelProgress, RustStatus, SessionStats, Specialization,
    StreakStatus, Suggestion, TrustStatus,
};
pub use error::ErrorBody;
pub use event::{AgentUpdate, ClientMessage, Envelope, Event, EventLog, PresenceChange, StatusChange, TaskUpdate};
pub use handoff::{Handoff, HandoffAction, HandoffEvent, HandoffQuery, HandoffResult, HandoffStatus, HandoffsResponse};
pub use health::{Catalogue, Health, Pong};
pub use heartbeat::{Heartbeat, HeartbeatEntry, HeartbeatReceipt, HeartbeatResponse, HeartbeatStatus};
pub use history::{Activity, ActivityQuery, HourCount, XpHistory, XpPoint, HOUR_MS};
pub use hook::{HookInput, HookOutput, HookSpecific, HOOK_ROOT_HEADER};
pub use id::{AgentId, IdError, TaskId, TeamId};
pub use inbox::{DirectMessage, DmType, InboxQuery, InboxResponse, MarkRead, MarkReadResponse, SendDm, SendDmResponse};
pub use lock::{
    LockAction, LockConflict, LockGrant, LockHistory, LockHistoryEntry, LockInfo, LockRequest, LockStatus, LockUpdate,
    LocksResponse, NotLockOwner, ReleaseReason, RenewRequest, ResourceType, UnlockRequest, UnlockResponse, Waiting,
};
pub use mcp::{
    mcp_header_value, EraError, McpEra, McpNews, OpenMcpSession, RpcError, RpcMessage, RpcRequest, MCP_ALL_VERSIONS,
    MCP_METHOD_HEADER, MCP_NAME_HEADER, MCP_SESSION_HEADER, MCP_STATELESS_VERSION, MCP_VERSIONS, MCP_VERSION_HEADER,
    META_PROTOCOL_VERSION, META_SERVER_INFO, META_SUBSCRIPTION_ID,
};
pub use mcp_resources::{LogLevel, McpResource, McpSessionChange, McpSessionState};
pub use memory::{MemoriesResponse, Memory, MemoryCategory, MemoryQuery, SaveMemory, SaveMemoryResponse};
pub use names::{
    agent_object, coordinator_object, lock_object, lock_shard, object_for_path, BadAddress, ObjectAddress,
    AGENT_STATE_BINDING, COORDINATOR_BINDING, LOCK_SHARDS, REGISTRY_OBJECT, RESOURCE_LOCK_BINDING,
    TEAM_REGISTRY_BINDING,
};
pub use news::{
    DmReceipt, ExpiringLock, NewsItem, NewsResponse, ReceiptState, SentDm, SentQuery, SentResponse, TakeNews, Told,
};
pub use resource::{percent_decode, percent_encode, PathError, ResourcePath};
pub use resume::{ContextLine, Participant, Pending, QuickAction, SessionResume, SessionResumeResponse, SessionSpan};
pub use search::{SearchHit, SearchKind, SearchQuery, SearchResponse};
pub use settings::{SettingsOverrides, SettingsPatch, SettingsResponse, TeamSettings};
pub use soul::{Abilities, CreateSoul, Level, LevelUp, Soul, SoulAction, SoulPatch, SoulResponse, SoulUpdate};
pub use task::{CreateTask, Priority, Task, TaskQuery, TaskResponse, TaskStatus, TasksResponse, UpdateTask};
pub use task_graph::{
    HeldFile, ImportQuery, ImportResponse, ReadyQuery, ReadyResponse, TakeResponse, TakeTask, TaskBrief, TaskChange,
    TaskDetail, TaskEvent,
};
pub use team::{RegisterTeam, TeamInfo, TeamResponse, TeamsResponse};
pub use text::{Text, TextError};
pub use time::Timestamp;
pub use tool::{
    tools_list, AskArgs, ChatArgs, CheckpointArgs, DmArgs, HandoffArgs, HandoffVerb, InboxArgs, LockArgs, MemoryArgs,
    MemoryVerb, ResolveArgs, SelfStatus, StartArgs, StatusArgs, TaskVerb, TasksArgs, ToolCall, ToolCallError, ToolName,
    TraceCompleteArgs, TraceStartArgs, TraceStepArgs, UnlockArgs, WorkDomain,
};
pub use trace::{
    CompleteTrace, ContributionType, Escalation, EscalationNotice, EscalationsResponse, NewStep, Outcome, Resolution,
    ResolveEscalation, ResolveResponse, ResolvedBy, StartTrace, Step, StepError, StepInput, StepResponse, Trace,
    TraceListing, TraceResponse, TraceSummary, TracesResponse, Trigger, TriggerType, MAX_STEP_MS,
};
pub use webhook::{
    AnswerLink, CreateWebhook, CreatedWebhook, Delivery, DeliveryStatus, Webhook, WebhookEvent, WebhookPayload,
    WebhookView, WebhooksResponse, WEBHOOK_REPLAY_WINDOW_SECS, WEBHOOK_SIGNATURE_HEADER,
};
pub use work::{WorkBundle, WorkInbox, WorkQuery, WorkSummary, WorkTasks};
pub use zone::{Zone, ZoneAction, ZoneQuery, ZoneResult, ZonesResponse};

/// Largest request body the hub accepts, in bytes; larger bodies get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
