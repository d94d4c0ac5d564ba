//! Heartbeats: recorded (the last 100 kept), their tokens credited to the
//! soul, and read back as health for the dashboard.

use hub_domain::{heartbeat_status, new_id};
use hub_protocol::{Heartbeat, HeartbeatEntry, HeartbeatReceipt, HeartbeatResponse, HeartbeatStatus, Timestamp};
use serde::Deserialize;

use super::store::Store;
use super::{AgentState, Outcome, Result};
use crate::sql::Millis;

/// How many heartbeats an agent keeps (the original's bound).
const KEEP: i64 = 100;

#[derive(Deserialize)]
struct Row {
    timestamp: Millis,
    status: String,
    tokens_used: f64,
    current_task: Option<String>,
}

impl Store {
    fn save_heartbeat(&self, id: &str, h: &Heartbeat, now: Timestamp) -> Result<()> {
        self.exec(
            "INSERT INTO heartbeats (id, timestamp, tokens_used, current_task, status) VALUES (?, ?, ?, ?, ?)",
            vec![
                id.into(),
                now.millis().into(),
                i64::from(h.tokens_used.unwrap_or(0)).into(),
                h.current_task.as_ref().map(|t| t.as_str().to_owned()).into(),
                h.status.as_ref().map_or("healthy", |s| s.as_str()).into(),
            ],
        )?;
        self.exec("DELETE FROM heartbeats WHERE seq <= (SELECT MAX(seq) FROM heartbeats) - ?", vec![KEEP.into()])?;
        Ok(())
    }

    fn heartbeats(&self, now: Timestamp) -> Result<HeartbeatStatus> {
        let recent = self
            .rows::<Row>(
                "SELECT timestamp, status, tokens_used, current_task FROM heartbeats ORDER BY seq DESC LIMIT 10",
                vec![],
            )?
            .into_iter()
            .map(|r| HeartbeatEntry {
                timestamp: r.timestamp.0,
                status: r.status,
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // stored from a u32
                tokens_used: r.tokens_used as u32,
                current_task: r.current_task,
            })
            .collect();
        let count = self.count("SELECT COUNT(*) AS n FROM heartbeats", vec![])?;
        Ok(heartbeat_status(recent, count, now))
    }
}

impl AgentState {
    /// Records a heartbeat; its tokens add to the soul's total (when the
    /// agent has a soul: a heartbeat does not create one).
    pub(super) fn heartbeat(&self, h: &Heartbeat, now: Timestamp) -> Result<Outcome> {
        let id = new_id("hb", now, crate::clock::entropy());
        self.store.save_heartbeat(&id, h, now)?;
        if let (Some(tokens), Some(mut soul)) = (h.tokens_used.filter(|t| *t > 0), self.store.soul()?) {
            soul.total_tokens_used = soul.total_tokens_used.saturating_add(i64::from(tokens));
            self.store.save_soul(&soul)?;
        }
        Outcome::ok(&HeartbeatResponse { success: true, heartbeat: HeartbeatReceipt { id, timestamp: now } })
    }

    pub(super) fn heartbeat_status(&self, now: Timestamp) -> Result<HeartbeatStatus> {
        self.store.heartbeats(now)
    }
}
