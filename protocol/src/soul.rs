//! The soul: an agent's progression (XP, level, streak, trust, abilities).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Text, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Novice,
    Capable,
    Expert,
    Master,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Novice => "novice",
            Level::Capable => "capable",
            Level::Expert => "expert",
            Level::Master => "master",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Abilities {
    pub can_commit: bool,
    pub can_spawn_subagents: bool,
    pub can_access_prod: bool,
    pub can_mentor_peers: bool,
    pub extended_budget: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Soul {
    pub soul_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personality: Option<String>,
    pub created_at: Timestamp,
    /// `totalXP`, as the original spelled it (`totalXp` is read too).
    #[serde(rename = "totalXP", alias = "totalXp")]
    pub total_xp: i64,
    pub level: Level,
    pub current_streak: u32,
    pub longest_streak: u32,
    pub tasks_completed: u32,
    pub tasks_successful: u32,
    pub total_tokens_used: i64,
    pub avg_efficiency: f64,
    pub peers_helped: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_trace_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_trace_at: Option<Timestamp>,
    pub escalation_count: u32,
    pub self_resolved_count: u32,
    pub peer_assist_count: u32,
    pub human_escalation_count: u32,
    /// XP per domain: frontend, backend, devops, research.
    pub specializations: BTreeMap<String, i64>,
    pub achievements: Vec<String>,
    pub abilities: Abilities,
    pub trust_score: f64,
    pub transparency_score: f64,
    pub track_record_score: f64,
    /// Inactivity, 0 to 0.6, as of the answer (see `hub_domain::rust`).
    #[serde(default)]
    pub rust_level: f64,
    /// What rust leaves of earned XP: 1 − rust/2.
    #[serde(rename = "effectiveXPMultiplier", default = "one")]
    pub effective_xp_multiplier: f64,
}

fn one() -> f64 {
    1.0
}

/// A level gained: from where to where, and the abilities it brought
/// (camelCase names, as in [`Abilities`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelUp {
    pub old_level: Level,
    pub new_level: Level,
    pub new_abilities: Vec<String>,
}

/// `POST /agent/{id}/soul`: create. An existing soul answers 409 unless
/// `reset` is true (the original silently wiped progress).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateSoul {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text<200>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personality: Option<Text<2000>>,
    #[serde(default)]
    pub reset: bool,
}

/// `PATCH /agent/{id}/soul`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SoulPatch {
    Action(SoulAction),
    /// Apply a completed trace (idempotent: completion already applied it).
    #[serde(rename_all = "camelCase")]
    FromTrace {
        trace_id: String,
        #[serde(default)]
        domain: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum SoulAction {
    #[serde(rename_all = "camelCase")]
    AddXp {
        xp: i64,
        #[serde(default)]
        source: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    UnlockAchievement { achievement_id: Text<200> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoulResponse {
    pub soul: Option<Soul>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoulUpdate {
    pub success: bool,
    pub soul: Soul,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xp_gained: Option<i64>,
    #[serde(rename = "totalXP", default, skip_serializing_if = "Option::is_none")]
    pub total_xp: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_up: Option<LevelUp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub already_unlocked: Option<bool>,
}
