//! Where each object lives: the binding and instance name for a team's
//! coordinator, agents and locks. The Worker's router and the portal's server
//! functions both use these, so an object is never named two ways.

use crate::{AgentId, ResourcePath, TeamId};

pub const COORDINATOR_BINDING: &str = "COORDINATOR";
pub const AGENT_STATE_BINDING: &str = "AGENT_STATE";
pub const RESOURCE_LOCK_BINDING: &str = "RESOURCE_LOCK";

/// The team's coordinator is named after the team (`main` by default).
pub fn coordinator_object(team: &TeamId) -> String {
    team.to_string()
}

pub fn agent_object(team: &TeamId, agent: &AgentId) -> String {
    format!("{team}:{agent}")
}

pub fn lock_object(team: &TeamId, path: &ResourcePath) -> String {
    format!("{team}:{path}")
}
