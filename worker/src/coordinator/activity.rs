//! `GET /coordinator/activity?days=N`: the team's chat messages per hour.

use hub_protocol::{Activity, ActivityQuery, Timestamp};

use super::store::Store;
use super::Result;
use crate::activity::{HourRow, HOUR_OF_TIMESTAMP};

impl Store {
    /// Hours with messages, oldest first (as far back as chat is kept).
    pub fn chat_activity(&self, q: ActivityQuery, now: Timestamp) -> Result<Activity> {
        let rows: Vec<HourRow> = self.rows(
            &format!(
                "SELECT {HOUR_OF_TIMESTAMP} AS hour, COUNT(*) AS messages, 0 AS steps, 0 AS errors
                 FROM messages WHERE timestamp >= ?1 GROUP BY hour ORDER BY hour"
            ),
            vec![q.since(now).millis().into(), hub_protocol::HOUR_MS.into()],
        )?;
        Ok(Activity { hours: rows.into_iter().map(HourRow::into_count).collect() })
    }
}
