//! The hub's registry of teams (`/registry/teams`, the human's): every team whose
//! coordinator has served a request, and teams the human created.

use serde::{Deserialize, Serialize};

use crate::{TeamId, Timestamp};

/// One registered team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamInfo {
    pub name: TeamId,
    pub created_at: Timestamp,
}

/// `GET /registry/teams`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamsResponse {
    pub teams: Vec<TeamInfo>,
}

/// `POST /registry/teams` (the human creates one) and coordinator → registry (a
/// team came to life).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterTeam {
    pub name: TeamId,
}

/// The answer to `POST /registry/teams`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamResponse {
    pub success: bool,
    pub team: TeamInfo,
}
