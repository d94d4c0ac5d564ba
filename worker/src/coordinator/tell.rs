//! What the coordinator tells an agent's own log (so it reaches that agent's
//! socket, MCP stream, hooks and tool results, each once): a chat message
//! that mentions it, a lock handed to it from the wait queue, a handoff
//! addressed to it. Each is a job (a lasting outbox, sent right after the
//! answer, retried by the alarm), keyed by the team log's `seq` so the
//! agent's object enters it once however often it comes.

use std::cell::RefCell;

use hub_protocol::{AgentEvent, AgentId, ChatMessage, Timestamp, Told};
use serde::Deserialize;

use super::jobs::CoordinatorJob;
use super::{AgentCoordinator, Result};
use crate::jobs::{Sending, Stored};

/// Agents a group mention (`@all`) is told to at most.
const GROUP_TOLD: usize = 100;

/// The team's name, once read (the coordinator keeps it for its jobs:
/// an alarm or a socket message carries no request naming the team).
#[derive(Default)]
pub struct TeamName(RefCell<Option<String>>);

impl AgentCoordinator {
    /// Records the team's name, once per instance.
    pub(super) fn remember_team(&self, team: &str) -> Result<()> {
        if self.team.0.borrow().as_deref() == Some(team) {
            return Ok(());
        }
        self.store.exec(
            "INSERT INTO team_name (id, name) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
            Some(vec![team.into()]),
        )?;
        self.team.0.replace(Some(team.to_owned()));
        Ok(())
    }

    pub(super) fn team_name(&self) -> Option<String> {
        if let Some(team) = self.team.0.borrow().clone() {
            return Some(team);
        }
        #[derive(Deserialize)]
        struct Row {
            name: String,
        }
        let name = self.store.rows::<Row>("SELECT name FROM team_name WHERE id = 1", vec![]).ok()?.pop()?.name;
        self.team.0.replace(Some(name.clone()));
        Some(name)
    }

    /// Keeps `event` for `agent`'s log and sends it after the answer.
    pub(super) fn tell(&self, agent: &AgentId, key: String, event: AgentEvent, now: Timestamp) -> Result<()> {
        let job = CoordinatorJob::Tell { agent: agent.clone(), told: vec![Told { key, event }] };
        self.jobs.add(&job, now.plus_millis(hub_domain::REPORT_GRACE_MS))?;
        if let Some(team) = self.team_name() {
            self.jobs.send_fresh_then_arm(&self.state, "tell", teller(self.env.clone(), team));
        }
        Ok(())
    }

    /// Tells each agent `message` mentions (not its author).
    pub(super) fn tell_mentions(&self, message: &ChatMessage, seq: Option<u64>, now: Timestamp) -> Result<()> {
        let (Some(seq), true) = (seq, message.message.contains('@')) else { return Ok(()) };
        #[derive(Deserialize)]
        struct Known {
            agent_id: AgentId,
        }
        // Every agent the team has had (a token is enough: an agent that
        // only uses hooks never registers), newest first.
        let known = self
            .store
            .rows::<Known>("SELECT agent_id FROM known_agents ORDER BY first_seen DESC LIMIT 10000", vec![])?;
        let mentioned: Vec<AgentId> = known
            .into_iter()
            .map(|a| a.agent_id)
            .filter(|a| a.as_str() != message.author && hub_domain::mentions(&message.message, a.as_str()))
            .take(GROUP_TOLD)
            .collect();
        for agent in mentioned {
            self.tell(&agent, format!("team:{seq}:{agent}"), AgentEvent::Mention(message.clone()), now)?;
        }
        Ok(())
    }

    /// The alarm's share: tells still waiting (a failed send, or one cut
    /// short by a restart).
    pub(super) async fn send_due_tells(&self, due: Vec<Stored<CoordinatorJob>>) {
        if due.is_empty() {
            return;
        }
        let Some(team) = self.team_name() else { return };
        self.jobs.deliver(due, &teller(self.env.clone(), team)).await;
    }
}

fn teller(env: worker::Env, team: String) -> impl Fn(&[Stored<CoordinatorJob>]) -> Sending {
    crate::jobs::to_agents(env, team, |job| match job {
        CoordinatorJob::Tell { agent, told } => Some((agent, told.as_slice())),
        _ => None,
    })
}
