//! Calls that also need the agent's own object: the hot-start bundle (with
//! checkpoint and unread DMs) and onboarding.
//!
//! Each first does all of its own writes synchronously, then awaits the agent
//! object: nothing half-written can be seen by a request that interleaves.

use hub_domain::{suggest_task, welcome, work_bundle};
use hub_protocol::{
    AgentId, AgentsQuery, CheckpointResponse, CreateSoul, DashboardResponse, HandoffQuery, HandoffStatus,
    OnboardResponse, Onboarding, SoulResponse, SoulUpdate, TeamMember, Timestamp, WorkQuery,
};

use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::objects::{get_agent, post_agent};

impl AgentCoordinator {
    pub(super) async fn work(&self, team: &str, q: WorkQuery, now: Timestamp) -> Result<hub_protocol::WorkBundle> {
        let me = q.agent_id;
        let mut bundle = {
            let record = self.store.agent(&me)?;
            let cursor = record.as_ref().map(|r| r.chat_cursor);
            #[allow(clippy::cast_possible_truncation)] // 20
            let recent = self.store.messages(hub_domain::RECENT_CHAT as u32, None)?;
            let candidates = self.store.mention_candidates(cursor)?;
            let pending = hub_domain::pending_mentions(&candidates, &me, cursor);
            // Active, seen now, and caught up with the chat: one write, when
            // there is anything to write.
            let seen = hub_domain::seen_active(&me, record.as_ref().map(|r| r.agent.clone()), now);
            let stored = record.as_ref().map(|r| (&r.agent, r.chat_cursor));
            if hub_domain::hot_start_stores(stored, &seen, recent.last().map(|m| m.timestamp)) {
                self.store.save_agent_caught_up(&seen)?;
            }
            let team_now = self.agents(&AgentsQuery::default(), now)?;
            let tasks = self.store.open_tasks()?;
            work_bundle(me.clone(), team_now, &tasks, recent, pending)
        };
        let brief: Option<hub_protocol::AgentBrief> = get_agent(&self.env, team, &me, "/brief").await?;
        if let Some(b) = brief {
            bundle.checkpoint = b.checkpoint;
            bundle.unread_dms = Some(b.unread_count);
        }
        Ok(bundle)
    }

    pub(super) async fn onboard(&self, team: &str, q: WorkQuery, now: Timestamp) -> Result<OnboardResponse> {
        let me = q.agent_id;
        let (team_online, handoffs, todo, recent_chat) = {
            self.mark_active(&me, now)?;
            let stuck: std::collections::HashSet<AgentId> =
                self.store.open_escalations()?.into_iter().map(|e| e.agent_id).collect();
            let team_online: Vec<TeamMember> = self
                .agents(&AgentsQuery::default(), now)?
                .into_iter()
                .map(|a| TeamMember {
                    flow_status: hub_domain::team_flow(a.status, stuck.contains(&a.agent_id)),
                    agent_id: a.agent_id,
                    status: a.status,
                    current_task: a.current_task,
                    working_on: a.working_on,
                })
                .collect();
            let handoffs = self.store.handoffs(&HandoffQuery {
                status: Some(HandoffStatus::Pending),
                to_agent: Some(me.clone()),
                ..HandoffQuery::default()
            })?;
            let todo = self.store.ready(&hub_protocol::ReadyQuery::default(), None, 50)?;
            let chat = self.store.messages(5, None)?;
            (team_online, handoffs, todo, chat)
        };
        let existing: Option<SoulResponse> = get_agent(&self.env, team, &me, "/soul").await?;
        let is_new = existing.as_ref().is_none_or(|s| s.soul.is_none());
        let soul = match existing.and_then(|s| s.soul) {
            Some(soul) => soul,
            None => {
                let created: Option<SoulUpdate> =
                    post_agent(&self.env, team, &me, "/soul", &CreateSoul::default()).await?;
                created.ok_or_else(|| ApiError::internal("soul creation"))?.soul
            }
        };
        let checkpoint = if is_new {
            None
        } else {
            get_agent::<CheckpointResponse>(&self.env, team, &me, "/checkpoint").await?.and_then(|c| c.checkpoint)
        };
        let dashboard = get_agent::<DashboardResponse>(&self.env, team, &me, "/dashboard")
            .await?
            .ok_or_else(|| ApiError::internal("dashboard missing after soul creation"))?
            .dashboard;
        Ok(OnboardResponse {
            onboarding: Onboarding {
                suggested_task: suggest_task(checkpoint.as_ref(), &handoffs, &todo),
                welcome_message: welcome(me.as_str(), is_new, checkpoint.as_ref()),
                agent_id: me,
                is_new_agent: is_new,
                timestamp: now,
                soul,
                dashboard,
                checkpoint,
                team_online,
                recent_chat,
            },
        })
    }
}
