//! Resource locks: `/lock/{path}/check|lock|unlock|renew|history` and the
//! coordinator's index `GET /coordinator/locks`.

use serde::{Deserialize, Serialize};

use crate::{AgentId, ResourcePath, Text, Timestamp};

wire_enum!(ResourceType { RepoPath = "repo-path", Branch = "branch", FileLock = "file-lock", Custom = "custom" });
wire_default!(ResourceType::FileLock);

/// A held lock. `fencingToken` grows with every grant of this resource, so a
/// client that lost its lock (expiry, steal) can tell from a newer token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockInfo {
    pub resource_path: ResourcePath,
    pub resource_type: ResourceType,
    pub locked_by: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub locked_at: Timestamp,
    pub expires_at: Timestamp,
    pub remaining_ms: i64,
    pub fencing_token: u64,
}

/// `POST /lock/{path}/lock`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockRequest {
    pub agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text<500>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<ResourceType>,
    /// Time to live; default two hours, at most one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_ms: Option<i64>,
    /// When held by another agent, queue (FIFO) instead of failing.
    #[serde(default)]
    pub wait: bool,
}

/// `POST /lock/{path}/unlock`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlockRequest {
    pub agent_id: AgentId,
    /// Release someone else's lock; recorded as `stolen`.
    #[serde(default)]
    pub force: bool,
}

/// `POST /lock/{path}/renew`: the holder's heartbeat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewRequest {
    pub agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_ms: Option<i64>,
}

/// `GET /lock/{path}/check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockStatus {
    pub locked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_path: Option<ResourcePath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<LockInfo>,
    /// Agents waiting, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queue: Vec<AgentId>,
    /// The same, with when each queued (the original's clients read `queue`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiting: Vec<Waiting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One agent in a lock's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Waiting {
    pub agent_id: AgentId,
    /// When it queued (unknown for a waiter queued before this was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Timestamp>,
}

/// Answer of lock, renew: granted, or queued (202).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockGrant {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<LockInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued: Option<bool>,
    /// 1 = next in line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
}

/// 409 of lock and renew: held by someone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockConflict {
    pub success: bool,
    pub error: String,
    pub locked_by: AgentId,
    pub expires_at: Timestamp,
    pub remaining_ms: i64,
}

wire_enum!(ReleaseReason { Manual = "manual", Expired = "expired", Stolen = "stolen" });

/// `POST /lock/{path}/unlock` (success; 403 is a [`LockConflict`]-like error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlockResponse {
    pub success: bool,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_owner: Option<AgentId>,
    /// The waiter the lock passed to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_owner: Option<AgentId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockHistoryEntry {
    pub id: String,
    pub locked_by: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub locked_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_reason: Option<ReleaseReason>,
    /// Who released it (the thief, for `stolen`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released_by: Option<AgentId>,
    pub fencing_token: u64,
}

/// `GET /lock/{path}/history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockHistory {
    pub resource_path: ResourcePath,
    pub current_lock: Option<LockInfo>,
    pub history: Vec<LockHistoryEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LockAction {
    Granted,
    Extended,
    Released,
    Expired,
    Stolen,
    Queued,
}

/// What a lock object tells its coordinator, and what the coordinator
/// broadcasts as `lock-update`. `version` grows with every change of the
/// resource, so a late, older update never overwrites a newer one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockUpdate {
    pub action: LockAction,
    pub resource_path: ResourcePath,
    pub agent_id: AgentId,
    /// The lock now held (after a grant, extension or hand-off), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<LockInfo>,
    pub version: u64,
}

/// `GET /coordinator/locks`: every lock held in the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocksResponse {
    pub locks: Vec<LockInfo>,
}

/// 403 of unlock: the lock is someone else's (and `force` was not given by a human).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotLockOwner {
    pub success: bool,
    pub error: String,
    pub locked_by: AgentId,
}
