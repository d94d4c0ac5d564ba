//! `GET /charts/...`: the portal's charts as SVG images, drawn here from
//! the hub's history ([`crate::svg`]) so the browser's bundle carries no
//! chart code and a page shows a chart with an `<img>`.
//!
//! - `/charts/activity?days=N`: the team's messages, steps and errors per
//!   hour (chat from the coordinator, steps from each agent's object);
//! - `/charts/xp/{agent}`: the agent's XP over time;
//! - `/charts/steps/{agent}/{session}`: the durations of a trace's steps;
//! - `/charts/epic/{task}`: an epic's tasks and what blocks what.
//!
//! Data is read as the caller through the API's own paths, so the objects'
//! role checks hold: an agent's chart is its own and the humans'.

use hub_protocol::{
    Activity, ActivityQuery, AgentId, AgentPath, AgentsQuery, AgentsResponse, ApiPath, Caller, CoordinatorPath, TeamId,
    TraceResponse, XpHistory,
};
use serde::de::DeserializeOwned;
use worker::{Env, Method};

use crate::api_error::ApiError;
use crate::head::Head;
use crate::{clock, objects, route, svg};

/// # Errors
/// 401 without a credential, 404 for an unknown chart, 400 for a bad id.
pub async fn serve(head: &Head, env: &Env) -> Result<worker::Response, ApiError> {
    let team = route::team(head)?;
    let caller = crate::gate::admit(head, env, &team, false).await?.caller;
    let path = head.uri().path();
    let parts: Vec<&str> = path.trim_start_matches("/charts/").split('/').collect();
    let drawn = match parts.as_slice() {
        ["activity"] => {
            let days = route::query_param(head, "days").and_then(|d| d.parse().ok()).unwrap_or(1);
            activity(env, &team, &caller, days).await?
        }
        ["xp", agent] => {
            let agent = agent_id(agent)?;
            let history: Option<XpHistory> =
                read(env, &team, &caller, ApiPath::Agent(agent, AgentPath::XpHistory)).await?;
            svg::xp(&history.map(|h| h.points).unwrap_or_default())
        }
        // The session id is one segment, decoded here and encoded again by
        // the typed path, so it can only name a trace.
        ["steps", agent, session] if !session.is_empty() => {
            let agent = agent_id(agent)?;
            let session = hub_protocol::percent_decode(session)
                .ok_or_else(|| ApiError::bad_field("sessionId", "is not valid UTF-8 once URL-decoded"))?;
            let trace: Option<TraceResponse> =
                read(env, &team, &caller, ApiPath::Agent(agent, AgentPath::Trace(session))).await?;
            svg::step_durations(&trace.map(|t| t.trace.steps).unwrap_or_default())
        }
        ["epic", id] => {
            let id = hub_protocol::TaskId::parse(id).map_err(|e| ApiError::bad_field("taskId", e.to_string()))?;
            let detail: Option<hub_protocol::TaskDetail> =
                read(env, &team, &caller, CoordinatorPath::Task(id.clone())).await?;
            let children: Option<hub_protocol::TasksResponse> = read(
                env,
                &team,
                &caller,
                CoordinatorPath::Tasks(hub_protocol::TaskQuery { parent: Some(id), ..Default::default() }),
            )
            .await?;
            let title = detail.map_or_else(String::new, |d| d.task.title);
            crate::svg_graph::epic(&title, &children.map(|c| c.tasks).unwrap_or_default())
        }
        _ => return Err(ApiError::route_not_found(path)),
    };
    let res = crate::reply::json(200, drawn.into_bytes());
    res.headers().set("content-type", "image/svg+xml; charset=utf-8")?;
    // An SVG opened on its own is a document: nothing in it may run or load
    // (labels hold agents' own words).
    res.headers().set("content-security-policy", crate::hardening::SVG_CSP)?;
    Ok(res)
}

fn agent_id(s: &str) -> Result<AgentId, ApiError> {
    AgentId::parse(s).map_err(|e| ApiError::bad_field("agentId", e.to_string()))
}

/// The answer of `GET path` as `caller`; `None` when the object says 404
/// or that this caller may not read it.
async fn read<T: DeserializeOwned>(
    env: &Env,
    team: &TeamId,
    caller: &Caller,
    path: impl Into<ApiPath>,
) -> Result<Option<T>, ApiError> {
    let path = path.into();
    let (status, body) = objects::call_api(env, team, caller, Method::Get, &path, None).await?;
    match status {
        200 => Ok(Some(serde_json::from_str(&body)?)),
        401 | 403 | 404 => Ok(None),
        s => Err(ApiError::Internal(format!("{path} answered {s}"))),
    }
}

async fn activity(env: &Env, team: &TeamId, caller: &Caller, days: u32) -> Result<String, ApiError> {
    let q = ActivityQuery { days: days.clamp(1, ActivityQuery::MAX_DAYS) };
    let chat: Option<Activity> = read(env, team, caller, CoordinatorPath::Activity(q)).await?;
    let everyone = AgentsQuery { include_offline: true };
    let agents: Option<AgentsResponse> = read(env, team, caller, CoordinatorPath::Agents(everyone)).await?;
    // Each agent is its own object: a few at a time (the runtime caps a
    // request's simultaneous subrequests), as the team page does.
    let per_agent = agents.map(|a| a.agents).unwrap_or_default().into_iter().take(50).map(|a| {
        let path = ApiPath::Agent(a.agent_id, AgentPath::Activity(q));
        async move { read::<Activity>(env, team, caller, path).await }
    });
    let steps: Vec<Option<Activity>> = futures_util::TryStreamExt::try_collect(futures_util::StreamExt::buffered(
        futures_util::stream::iter(per_agent),
        6,
    ))
    .await?;
    let now = clock::now();
    let reported = chat.into_iter().chain(steps.into_iter().flatten()).flat_map(|a| a.hours);
    Ok(svg::activity(&hub_domain::hourly(q.since(now), now, reported), q.days))
}
