//! Server functions for the hub's teams and credentials (the teams and
//! tokens pages).

use leptos::prelude::*;

use super::TeamSummary;
use crate::codec::TextJson;

#[cfg(feature = "ssr")]
use {
    crate::hub,
    hub_protocol::{ApiPath, CoordinatorPath as Coord, RegistryPath},
    worker::Method,
};

/// Every registered team, with its live figures from its own coordinator
/// (asked a few at a time).
#[server(endpoint = "teams", output = TextJson)]
pub async fn teams() -> Result<Vec<TeamSummary>, ServerFnError> {
    let list: hub_protocol::TeamsResponse = hub::fetch(Method::Get, RegistryPath::Teams, None).await?;
    let rows = list.teams.into_iter().map(|t| async move {
        let r: hub_protocol::SessionResumeResponse =
            hub::call_in(t.name.clone(), Method::Get, Coord::SessionResume, None)
                .await?
                .ok_or_else(|| ServerFnError::new("no session resume"))?;
        let r = r.session_resume;
        Ok::<_, ServerFnError>(TeamSummary {
            name: t.name.to_string(),
            agents_online: r.active_agents.len(),
            open_escalations: r.open_escalations.len(),
            last_activity: r.session.end_time,
        })
    });
    futures_util::TryStreamExt::try_collect(futures_util::StreamExt::buffered(futures_util::stream::iter(rows), 6))
        .await
}

/// Registers a team; its name and join secret (none when joining is off).
#[server(endpoint = "create_team", output = TextJson)]
pub async fn create_team(name: String) -> Result<(String, Option<String>), ServerFnError> {
    let team = hub::team_id(name.trim())?;
    let body = hub_protocol::RegisterTeam { name: team.clone() };
    hub::send(Method::Post, RegistryPath::Teams, &body).await?;
    let secret = hub::call_in::<hub_protocol::JoinSecret>(team.clone(), Method::Get, Coord::JoinSecret, None).await;
    Ok((team.to_string(), secret.ok().flatten().map(|s| s.secret)))
}

/// The team the portal shows, and the registered teams' names for the
/// header's picker (the registry alone: no team's coordinator wakes for it).
#[server(endpoint = "current_team", output = TextJson)]
pub async fn current_team() -> Result<(String, Vec<String>), ServerFnError> {
    let list: hub_protocol::TeamsResponse = hub::fetch(Method::Get, RegistryPath::Teams, None).await?;
    Ok((hub::team().await?.to_string(), list.teams.into_iter().map(|t| t.name.to_string()).collect()))
}

/// The team's join secret; `None` when the hub has joining off.
#[server(endpoint = "join_secret", output = TextJson)]
pub async fn join_secret() -> Result<Option<String>, ServerFnError> {
    match hub::fetch::<hub_protocol::JoinSecret>(Method::Get, Coord::JoinSecret, None).await {
        Ok(s) => Ok(Some(s.secret)),
        Err(_) => Ok(None),
    }
}

/// The team's agent tokens and the hub's named humans' tokens, newest first.
#[server(endpoint = "tokens", output = TextJson)]
pub async fn tokens() -> Result<Vec<hub_protocol::TokenInfo>, ServerFnError> {
    let (agents, humans) = futures_util::try_join!(
        hub::fetch::<hub_protocol::TokensResponse>(Method::Get, Coord::Tokens(Default::default()), None),
        hub::fetch::<hub_protocol::TokensResponse>(Method::Get, RegistryPath::Humans, None),
    )?;
    let mut all = [agents.tokens, humans.tokens].concat();
    all.sort_by_key(|t| std::cmp::Reverse(t.created_at));
    Ok(all)
}

/// Mints a token for `agent`, or for a named human when it reads
/// `human:<name>`; the answer is the only time it is shown.
#[server(endpoint = "mint_token", output = TextJson)]
pub async fn mint_token(agent: String, label: String) -> Result<hub_protocol::MintedToken, ServerFnError> {
    let (agent, label) = (agent.trim(), label.trim());
    let label = if label.is_empty() { None } else { Some(hub::text(label)?) };
    if let Some(name) = agent.strip_prefix(hub_protocol::HUMAN_PREFIX) {
        let body = hub_protocol::MintHumanToken { name: hub::text(name)?, label };
        return hub::fetch(Method::Post, RegistryPath::Humans, Some(hub::wire(&body)?)).await;
    }
    let body = hub_protocol::MintToken { agent_id: hub::agent(agent)?, label };
    hub::fetch(Method::Post, Coord::Tokens(Default::default()), Some(hub::wire(&body)?)).await
}

#[server(endpoint = "revoke_token", output = TextJson)]
pub async fn revoke_token(id: String) -> Result<(), ServerFnError> {
    // Named humans' tokens are the hub's, not the team's.
    let path: ApiPath =
        if id.starts_with("htok_") { RegistryPath::Human(id.clone()).into() } else { Coord::Token(id.clone()).into() };
    hub::fetch::<serde_json::Value>(Method::Delete, path, None).await?;
    hub::revoked(&id).await;
    Ok(())
}
