//! Server functions: the portal's only way to the hub's data. Each runs on the
//! Worker and returns shared wire types.

use hub_protocol::Agent;
use leptos::prelude::*;

/// Every registered agent with its presence, most recently seen first.
#[server(prefix = "/api", endpoint = "team")]
pub async fn team() -> Result<Vec<Agent>, ServerFnError> {
    let res: hub_protocol::AgentsResponse = crate::hub::get("/coordinator/agents?includeOffline=true").await?;
    Ok(res.agents)
}
