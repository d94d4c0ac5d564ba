//! The agent's soul (XP, level, achievements) as it changes, and its
//! coaching dashboard.

use hub_domain::{add_xp, dashboard, new_soul, CoachingInput, RecentStep, TraceTimes};
use hub_protocol::{AgentEvent, AgentId, Soul, SoulAction, SoulPatch, SoulUpdate, Timestamp};

use super::{AgentState, Outcome};
use crate::api_error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

/// `{"success": true, "soul": ...}`, to be filled in with what changed.
pub(super) fn soul_update(soul: Soul) -> SoulUpdate {
    SoulUpdate {
        success: true,
        soul,
        xp_gained: None,
        total_xp: None,
        level_up: None,
        achievement: None,
        already_unlocked: None,
    }
}

impl AgentState {
    pub(crate) fn soul_or_new(&self, agent: &AgentId, now: Timestamp) -> Result<Soul> {
        Ok(self.store.soul()?.unwrap_or_else(|| new_soul(agent.as_str(), agent.as_str(), None, now)))
    }

    pub(super) fn patch_soul(&self, agent: &AgentId, patch: SoulPatch, now: Timestamp) -> Result<Outcome> {
        let soul = self.soul_or_new(agent, now)?;
        let update = soul_update;
        match patch {
            SoulPatch::Action(SoulAction::AddXp { xp, .. }) => {
                hub_domain::xp_award(xp)?;
                let (soul, level_up) = add_xp(soul, xp);
                self.store.save_soul(&soul)?;
                let mut reply = Outcome::ok(&SoulUpdate {
                    xp_gained: Some(xp),
                    total_xp: Some(soul.total_xp),
                    level_up: level_up.clone(),
                    ..update(soul.clone())
                })?;
                if let Some(up) = level_up {
                    reply = reply.pushing(AgentEvent::LevelUp { level: up.new_level, soul: Box::new(soul) });
                }
                Ok(reply)
            }
            SoulPatch::Action(SoulAction::UnlockAchievement { achievement_id }) => {
                let mut soul = soul;
                let id = achievement_id.into_string();
                let already = hub_domain::unlock(&mut soul, &id)?;
                self.store.save_soul(&soul)?;
                Outcome::ok(&SoulUpdate { achievement: Some(id), already_unlocked: Some(already), ..update(soul) })
            }
            SoulPatch::FromTrace { trace_id, .. } => {
                let row = self.trace_row(&trace_id)?;
                if row.completed_at.is_none() {
                    return Err(ApiError::bad_request(
                        "Complete the trace first: POST /agent/{id}/trace/{sessionId}/complete",
                    ));
                }
                // Completion credited the soul already; this is kept for old clients and changes nothing.
                self.store.save_soul(&soul)?;
                Outcome::ok(&SoulUpdate { xp_gained: Some(0), ..update(soul) })
            }
        }
    }

    pub(super) fn dashboard(&self, soul: &Soul, now: Timestamp) -> Result<hub_protocol::Dashboard> {
        let traces: Vec<TraceTimes> = self
            .store
            .traces(10)?
            .iter()
            .map(|t| TraceTimes { started_at: t.started_at.0, completed_at: t.completed_at.map(|m| m.0) })
            .collect();
        let open_steps: Vec<RecentStep> = self
            .store
            .open_steps(10)?
            .into_iter()
            .map(|s| RecentStep { at: s.timestamp, outcome: s.outcome })
            .collect();
        Ok(dashboard(&CoachingInput {
            soul,
            traces: &traces,
            open_steps: &open_steps,
            open_escalations: self.store.open_escalation_count()?,
            heartbeat: self.heartbeat_status(now)?,
            now,
        }))
    }

    pub(super) fn create_soul(&self, agent: &AgentId, c: hub_protocol::CreateSoul, now: Timestamp) -> Result<Outcome> {
        hub_domain::may_create_soul(self.store.soul()?.is_some(), c.reset)?;
        let name = c.name.map_or_else(|| agent.to_string(), hub_protocol::Text::into_string);
        let soul = new_soul(agent.as_str(), &name, c.personality.map(hub_protocol::Text::into_string), now);
        self.store.save_soul(&soul)?;
        Outcome::ok(&soul_update(soul))
    }

    pub(super) fn dashboard_response(&self, now: Timestamp) -> Result<hub_protocol::DashboardResponse> {
        let Some(soul) = self.store.soul()? else {
            return Err(ApiError::NotFound {
                what: "No soul data: create it with POST /agent/{id}/soul, or start with /coordinator/onboard".into(),
                path: None,
            });
        };
        Ok(hub_protocol::DashboardResponse { dashboard: self.dashboard(&soul, now)? })
    }
}
