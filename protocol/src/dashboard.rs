//! `GET /agent/{id}/dashboard`: an agent's self-view with coaching.

use serde::{Deserialize, Serialize};

use crate::{Abilities, HeartbeatStatus, Level, Priority, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardResponse {
    pub dashboard: Dashboard,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub agent_id: String,
    pub timestamp: Timestamp,
    pub level: LevelProgress,
    pub streak: StreakStatus,
    pub rust: RustStatus,
    pub flow: Flow,
    pub session: SessionStats,
    pub trust: TrustStatus,
    pub abilities: Abilities,
    pub specializations: Vec<Specialization>,
    pub recent_achievements: Vec<String>,
    pub alerts: Alerts,
    pub heartbeat: HeartbeatStatus,
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelProgress {
    pub current: Level,
    pub xp: i64,
    pub next_level: Option<Level>,
    pub xp_needed: i64,
    /// Percent of the next level's XP threshold reached.
    pub xp_progress: u32,
    pub streak_needed: u32,
    pub tasks_needed: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreakStatus {
    pub current: u32,
    pub longest: u32,
    pub at_risk: bool,
    pub hours_until_expires: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RustStatus {
    pub level: f64,
    pub xp_multiplier: f64,
    pub status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowState {
    InFlow,
    Stuck,
    Available,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    pub status: FlowState,
    /// How long the agent has been in this state (0 when unknown).
    #[serde(default)]
    pub duration_minutes: i64,
    pub respect_flow: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionStats {
    pub tasks_today: u32,
    pub xp_today: i64,
    pub avg_efficiency: u32,
    pub tokens_used: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustStatus {
    pub overall: f64,
    pub transparency: f64,
    pub track_record: f64,
    pub success_rate: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Specialization {
    pub domain: String,
    pub xp: i64,
    pub rank: String,
    pub progress: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alerts {
    pub pending_escalations: u32,
    pub streak_at_risk: bool,
    pub high_rust: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub action: String,
    pub priority: Priority,
    pub reason: String,
}
