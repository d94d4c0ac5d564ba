//! What the agent's charts read: its XP over time (`GET
//! /agent/{id}/xp-history`) and its steps and errors per hour (`GET
//! /agent/{id}/activity?days=N`).

use hub_protocol::{Activity, ActivityQuery, Level, Soul, Timestamp, XpHistory, XpPoint};
use serde::Deserialize;

use super::store::Store;
use super::Result;
use crate::activity::{HourRow, HOUR_OF_TIMESTAMP};
use crate::sql::Millis;

/// Points kept per agent: years of level-ups, a few weeks of busy traces.
const XP_POINTS_KEPT: i64 = 1000;

#[derive(Deserialize)]
struct XpRow {
    at: Millis,
    total_xp: i64,
    level: Level,
}

impl Store {
    /// Records `soul`'s XP and level at `now` if either moved since the
    /// last point.
    pub fn record_xp(&self, soul: &Soul, now: Timestamp) -> Result<()> {
        let level = soul.level.as_str();
        self.exec(
            "INSERT INTO xp_history (at, total_xp, level) SELECT ?1, ?2, ?3
             WHERE NOT EXISTS (SELECT 1 FROM xp_history
                               WHERE seq = (SELECT MAX(seq) FROM xp_history) AND total_xp = ?2 AND level = ?3)",
            vec![now.millis().into(), soul.total_xp.into(), level.into()],
        )?;
        self.exec(
            "DELETE FROM xp_history WHERE seq <= (SELECT MAX(seq) FROM xp_history) - ?",
            vec![XP_POINTS_KEPT.into()],
        )?;
        Ok(())
    }

    pub fn xp_history(&self) -> Result<XpHistory> {
        let rows: Vec<XpRow> = self.rows("SELECT at, total_xp, level FROM xp_history ORDER BY seq", vec![])?;
        let points = rows.into_iter().map(|r| XpPoint { at: r.at.0, total_xp: r.total_xp, level: r.level }).collect();
        Ok(XpHistory { points })
    }

    /// Hours with steps, oldest first (as far back as traces are kept).
    pub fn step_activity(&self, q: ActivityQuery, now: Timestamp) -> Result<Activity> {
        let rows: Vec<HourRow> = self.rows(
            &format!(
                "SELECT {HOUR_OF_TIMESTAMP} AS hour, 0 AS messages, COUNT(*) AS steps,
                        SUM(json_extract(body, '$.outcome') = 'error') AS errors
                 FROM work_steps WHERE timestamp >= ?1 GROUP BY hour ORDER BY hour"
            ),
            vec![q.since(now).millis().into(), hub_protocol::HOUR_MS.into()],
        )?;
        Ok(Activity { hours: rows.into_iter().map(HourRow::into_count).collect() })
    }
}
