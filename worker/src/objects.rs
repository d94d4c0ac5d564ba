//! Calls from one Durable Object to another.

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{web_sys, Env, Headers, Method, Request, RequestInit};

fn team_id(team: &str) -> worker::Result<hub_protocol::TeamId> {
    hub_protocol::TeamId::parse(team).map_err(|e| worker::Error::RustError(e.to_string()))
}

/// A JSON request from one object to another, in `team`.
fn internal_request(team: &str, method: Method, path: &str, body: Option<String>) -> worker::Result<Request> {
    request_as(team, &hub_protocol::Caller::Internal, method, path, body)
}

/// A JSON request to an object on behalf of `caller`, in `team`.
pub fn request_as(
    team: &str,
    caller: &hub_protocol::Caller,
    method: Method,
    path: &str,
    body: Option<String>,
) -> worker::Result<Request> {
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    headers.set(crate::route::TEAM_HEADER, team)?;
    headers.set(hub_protocol::Caller::HEADER, &caller.header_value())?;
    let mut init = RequestInit::new();
    init.with_method(method).with_headers(headers);
    if let Some(b) = body {
        init.with_body(Some(JsValue::from_str(&b)));
    }
    Request::new_with_init(&format!("https://hub.internal{path}"), &init)
}

/// Sends a request to an object with the runtime's own stub and types:
/// `worker::Stub::fetch_with_request` wraps the answer's body as a Rust
/// stream, which costs far more to read than the runtime's own
/// `arrayBuffer()` ([`read_body`]).
///
/// # Errors
/// When the object cannot be reached.
pub async fn send(stub: worker::Stub, req: &web_sys::Request) -> worker::Result<web_sys::Response> {
    let stub: worker::worker_sys::DurableObject = stub.into_rpc();
    let res = JsFuture::from(stub.fetch_with_request(req)?).await?;
    Ok(res.unchecked_into())
}

/// An answer's whole body, read in one call.
///
/// # Errors
/// When the body cannot be read.
pub async fn read_body(res: &web_sys::Response) -> worker::Result<Vec<u8>> {
    let buffer = JsFuture::from(res.array_buffer()?).await?;
    Ok(worker::js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `POST body` to `path` on `team`'s coordinator. Objects use this to keep the
/// coordinator's indexes current and to have it broadcast.
///
/// # Errors
/// When the coordinator cannot be reached or refuses.
pub async fn post_to_coordinator<T: Serialize>(env: &Env, team: &str, path: &str, body: &T) -> worker::Result<()> {
    let req = internal_request(team, Method::Post, path, Some(serde_json::to_string(body)?))?;
    let team_id = team_id(team)?;
    let name = hub_protocol::coordinator_object(&team_id);
    let stub = env.durable_object(hub_protocol::COORDINATOR_BINDING)?.id_from_name(&name)?.get_stub()?;
    let res = send(stub, req.inner()).await?;
    if res.status() >= 300 {
        return Err(worker::Error::RustError(format!("coordinator answered {} to {path}", res.status())));
    }
    Ok(())
}

/// `GET path` (under `/agent/{id}`) on `team`'s object of `agent`, decoded
/// as `T`; `None` when it answers 404.
///
/// # Errors
/// When the object cannot be reached or answers another error.
pub async fn get_agent<T: serde::de::DeserializeOwned>(
    env: &Env,
    team: &str,
    agent: &hub_protocol::AgentId,
    path: &str,
) -> worker::Result<Option<T>> {
    call_agent(env, team, agent, Method::Get, path, None).await
}

/// `POST body` to `path` on `team`'s object of `agent`, as [`get_agent`].
///
/// # Errors
/// When the object cannot be reached or answers another error.
pub async fn post_agent<T: serde::de::DeserializeOwned, B: Serialize>(
    env: &Env,
    team: &str,
    agent: &hub_protocol::AgentId,
    path: &str,
    body: &B,
) -> worker::Result<Option<T>> {
    call_agent(env, team, agent, Method::Post, path, Some(serde_json::to_string(body)?)).await
}

async fn call_agent<T: serde::de::DeserializeOwned>(
    env: &Env,
    team: &str,
    agent: &hub_protocol::AgentId,
    method: Method,
    path: &str,
    body: Option<String>,
) -> worker::Result<Option<T>> {
    let req = internal_request(team, method, &format!("/agent/{agent}{path}"), body)?;
    let team_id = team_id(team)?;
    let name = hub_protocol::agent_object(&team_id, agent);
    let stub = env.durable_object(hub_protocol::AGENT_STATE_BINDING)?.id_from_name(&name)?.get_stub()?;
    let res = send(stub, req.inner()).await?;
    match res.status() {
        404 => Ok(None),
        s if s >= 300 => Err(worker::Error::RustError(format!("agent object answered {s} to {path}"))),
        _ => Ok(Some(serde_json::from_slice(&read_body(&res).await?)?)),
    }
}

/// Asks `team`'s coordinator whose token has this hash; `None` for an
/// unknown or revoked one.
///
/// # Errors
/// When the coordinator cannot be reached.
pub async fn verify_token(
    env: &Env,
    team: &hub_protocol::TeamId,
    hash: &str,
) -> worker::Result<Option<hub_protocol::VerifiedToken>> {
    let body = serde_json::to_string(&hub_protocol::VerifyToken { hash: hash.to_owned() })?;
    let req = internal_request(team.as_str(), Method::Post, "/coordinator/tokens/verify", Some(body))?;
    let name = hub_protocol::coordinator_object(team);
    let stub = env.durable_object(hub_protocol::COORDINATOR_BINDING)?.id_from_name(&name)?.get_stub()?;
    let res = send(stub, req.inner()).await?;
    match res.status() {
        401 => Ok(None),
        s if s >= 300 => Err(worker::Error::RustError(format!("coordinator answered {s} to a token check"))),
        _ => Ok(Some(serde_json::from_slice(&read_body(&res).await?)?)),
    }
}

/// How the Worker names a named human's token to the registry.
pub enum HumanKey<'a> {
    /// The token's SHA-256 (a bearer token).
    Hash(&'a str),
    /// The token's id (a portal session).
    Id(&'a str),
}

/// Asks the hub's registry whose named human's token this is; `None` for an
/// unknown or revoked one.
///
/// # Errors
/// When the registry cannot be reached.
pub async fn verify_human(env: &Env, key: HumanKey<'_>) -> worker::Result<Option<hub_protocol::VerifiedToken>> {
    let team = hub_protocol::TeamId::DEFAULT;
    let req = match key {
        HumanKey::Hash(hash) => {
            let body = serde_json::to_string(&hub_protocol::VerifyToken { hash: hash.to_owned() })?;
            internal_request(team, Method::Post, "/registry/humans/verify", Some(body))?
        }
        HumanKey::Id(id) => {
            let path = format!("/registry/humans/{}", hub_protocol::percent_encode(id));
            internal_request(team, Method::Get, &path, None)?
        }
    };
    let stub = env
        .durable_object(hub_protocol::TEAM_REGISTRY_BINDING)?
        .id_from_name(hub_protocol::REGISTRY_OBJECT)?
        .get_stub()?;
    let res = send(stub, req.inner()).await?;
    match res.status() {
        401 => Ok(None),
        s if s >= 300 => Err(worker::Error::RustError(format!("the registry answered {s} to a token check"))),
        _ => Ok(Some(serde_json::from_slice(&read_body(&res).await?)?)),
    }
}

/// `method path` (an API path: `/coordinator/...`, `/agent/{id}/...`,
/// `/lock/{path}/...`) straight to its object as `caller`, as if the Worker
/// had routed it: the Worker's own features (`/mcp`) call the API this way.
/// The status and the body.
///
/// # Errors
/// When the path names no object or the object cannot be reached.
pub async fn call_as(
    env: &Env,
    team: &hub_protocol::TeamId,
    caller: &hub_protocol::Caller,
    method: Method,
    path: &str,
    body: Option<String>,
) -> worker::Result<(u16, String)> {
    let route = path.split('?').next().unwrap_or(path);
    let Some(Ok(address)) = hub_protocol::object_for_path(team, route) else {
        return Err(worker::Error::RustError(format!("no object serves {route}")));
    };
    let req = request_as(team.as_str(), caller, method, path, body)?;
    let stub = env.durable_object(address.binding)?.id_from_name(&address.name)?.get_stub()?;
    let res = send(stub, req.inner()).await?;
    let text = String::from_utf8(read_body(&res).await?).map_err(|e| worker::Error::RustError(e.to_string()))?;
    Ok((res.status(), text))
}

/// Tells the hub's registry that `team` exists (it keeps the first date).
///
/// # Errors
/// When the registry cannot be reached or refuses.
pub async fn register_team(env: &Env, team: &str) -> worker::Result<()> {
    let body = hub_protocol::RegisterTeam { name: team_id(team)? };
    let req = internal_request(team, Method::Post, "/registry/teams/seen", Some(serde_json::to_string(&body)?))?;
    let stub = env
        .durable_object(hub_protocol::TEAM_REGISTRY_BINDING)?
        .id_from_name(hub_protocol::REGISTRY_OBJECT)?
        .get_stub()?;
    let res = send(stub, req.inner()).await?;
    if res.status() >= 300 {
        return Err(worker::Error::RustError(format!("the registry answered {}", res.status())));
    }
    Ok(())
}
