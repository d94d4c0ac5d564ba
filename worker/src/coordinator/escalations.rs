//! The team's index of its agents' escalations, fed by the agent objects,
//! for the portal ("what needs me") and the `escalation` broadcast.

use hub_protocol::{AgentEscalation, EscalationsIndex, EscalationsQuery, Event, Timestamp};
use serde::Deserialize;

use super::retention::Settled;
use super::store::Store;
use super::{AgentCoordinator, Result};

impl Store {
    pub fn save_agent_escalation(&self, a: &AgentEscalation) -> Result<()> {
        let e = &a.escalation;
        self.exec(
            "INSERT OR REPLACE INTO escalations (id, agent_id, level, resolved, triggered_at, body) VALUES (?, ?, ?, ?, ?, ?)",
            Some(vec![
                e.id.as_str().into(),
                a.agent_id.as_str().into(),
                i64::from(e.highest_level).into(),
                i64::from(e.resolved_at.is_some()).into(),
                e.triggered_at.millis().into(),
                serde_json::to_string(a)?.into(),
            ]),
        )?;
        Ok(())
    }

    /// What the index holds of escalation `id`.
    pub fn agent_escalation(&self, id: &str) -> Result<Option<AgentEscalation>> {
        #[derive(Deserialize)]
        struct Row {
            body: String,
        }
        let rows = self.rows::<Row>("SELECT body FROM escalations WHERE id = ?", vec![id.into()])?;
        Ok(rows.into_iter().next().and_then(|r| serde_json::from_str(&r.body).ok()))
    }

    /// Unresolved escalations, highest level first, then newest.
    pub fn open_escalations(&self) -> Result<Vec<AgentEscalation>> {
        self.escalation_rows(
            "SELECT body FROM escalations WHERE resolved = 0 ORDER BY level DESC, triggered_at DESC LIMIT 200",
        )
    }

    /// The last 200 resolved escalations, newest first.
    pub fn resolved_escalations(&self) -> Result<Vec<AgentEscalation>> {
        self.escalation_rows("SELECT body FROM escalations WHERE resolved = 1 ORDER BY triggered_at DESC LIMIT 200")
    }

    fn escalation_rows(&self, q: &str) -> Result<Vec<AgentEscalation>> {
        #[derive(Deserialize)]
        struct Row {
            body: String,
        }
        Ok(self.rows::<Row>(q, vec![])?.into_iter().filter_map(|r| serde_json::from_str(&r.body).ok()).collect())
    }
}

impl AgentCoordinator {
    pub(super) fn list_escalations(&self, q: EscalationsQuery) -> Result<EscalationsIndex> {
        let escalations =
            if q.resolved { self.store.resolved_escalations()? } else { self.store.open_escalations()? };
        Ok(EscalationsIndex { escalations })
    }

    pub(super) fn escalation_events(&self, events: Vec<AgentEscalation>, now: Timestamp) -> Result<()> {
        let mut resolved = false;
        for e in events {
            // A retried report may come after a newer one: it is dropped.
            let stored = self.store.agent_escalation(&e.escalation.id)?;
            if !hub_domain::supersedes(stored.as_ref().map(|s| &s.escalation), &e.escalation) {
                continue;
            }
            self.store.save_agent_escalation(&e)?;
            self.escalation_news(&e, stored.as_ref(), now)?;
            resolved |= e.escalation.resolved_at.is_some();
            self.broadcast(Event::Escalation(e), now);
        }
        if resolved {
            self.store.prune_settled(Settled::Escalations)?;
        }
        Ok(())
    }
}
