//! What the portal's charts read: activity per hour and each agent's XP
//! over time.
//!
//! `GET /coordinator/activity?days=N` answers chat messages per hour;
//! `GET /agent/{id}/activity?days=N` the agent's steps and errors per hour;
//! `GET /agent/{id}/xp-history` every change of the agent's XP.

use serde::{Deserialize, Serialize};

use crate::{Level, Timestamp};

/// The window of an activity query: the last `days` days (1 to 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityQuery {
    #[serde(default = "ActivityQuery::default_days")]
    pub days: u32,
}

impl ActivityQuery {
    pub const MAX_DAYS: u32 = 30;

    fn default_days() -> u32 {
        1
    }

    /// The window's start, `days` (at most [`Self::MAX_DAYS`]) before `now`.
    pub fn since(self, now: Timestamp) -> Timestamp {
        let days = i64::from(self.days.clamp(1, Self::MAX_DAYS));
        Timestamp::from_millis(now.millis() - days * 24 * HOUR_MS)
    }
}

pub const HOUR_MS: i64 = 3_600_000;

/// Counts of one hour, which starts at `hour`. Hours with nothing in them
/// are left out of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HourCount {
    pub hour: Timestamp,
    #[serde(default)]
    pub messages: u32,
    #[serde(default)]
    pub steps: u32,
    #[serde(default)]
    pub errors: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub hours: Vec<HourCount>,
}

/// The agent's XP and level right after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XpPoint {
    pub at: Timestamp,
    pub total_xp: i64,
    pub level: Level,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XpHistory {
    pub points: Vec<XpPoint>,
}
