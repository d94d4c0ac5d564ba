//! Calls from one Durable Object to another, and from the Worker to them:
//! by RPC (`api`, see [`crate::call`]), except socket handshakes.

use hub_protocol::Caller::Internal;

use crate::reply::RpcAnswer;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{web_sys, Env, Headers, Method, Request, RequestInit};

fn team_id(team: &str) -> worker::Result<hub_protocol::TeamId> {
    hub_protocol::TeamId::parse(team).map_err(|e| worker::Error::RustError(e.to_string()))
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
    headers.set(hub_protocol::TeamId::HEADER, team)?;
    headers.set(hub_protocol::Caller::HEADER, &caller.header_value())?;
    let mut init = RequestInit::new();
    init.with_method(method).with_headers(headers);
    if let Some(b) = body {
        init.with_body(Some(JsValue::from_str(&b)));
    }
    Request::new_with_init(&format!("https://hub.internal{path}"), &init)
}

/// Sends a request (a socket handshake) to an object with the runtime's
/// own stub and types: `worker::Stub::fetch_with_request` would wrap the
/// answer's body as a Rust stream.
///
/// # Errors
/// When the object cannot be reached.
pub async fn send(stub: worker::Stub, req: &web_sys::Request) -> worker::Result<web_sys::Response> {
    let stub: worker::worker_sys::DurableObject = stub.into_rpc();
    let res = JsFuture::from(stub.fetch_with_request(req)?).await?;
    Ok(res.unchecked_into())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// An object's stub, seen for the RPC method every object has (`api`,
    /// see [`crate::call`]).
    type ApiStub;

    #[wasm_bindgen(method, catch, js_name = api)]
    fn api(
        this: &ApiStub,
        method: &str,
        url: &str,
        caller: &str,
        team: &str,
        body: &JsValue,
    ) -> Result<worker::js_sys::Promise, JsValue>;

    /// The runtime's `Response`, built around a body that is already a
    /// JavaScript string.
    #[wasm_bindgen(js_name = Response)]
    type JsResponse;

    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    fn new(body: &JsValue, init: &web_sys::ResponseInit) -> Result<JsResponse, JsValue>;
}

/// `method url` (path and query) on an object by RPC, as `caller` in
/// `team`: `[status, body, header name?, header value?]`
/// (`crate::call::Answer::into_rpc`).
///
/// # Errors
/// When the object cannot be reached or answers no status.
async fn rpc(
    stub: worker::Stub,
    method: &str,
    url: &str,
    caller: &hub_protocol::Caller,
    team: &str,
    body: &JsValue,
) -> worker::Result<(u16, RpcAnswer)> {
    let stub: worker::worker_sys::DurableObject = stub.into_rpc();
    let promise = stub.unchecked_ref::<ApiStub>().api(method, url, &caller.header_value(), team, body)?;
    let answer: RpcAnswer = JsFuture::from(promise).await?.unchecked_into();
    let status = answer.status().ok_or_else(|| worker::Error::RustError("an object answered no status".into()))?;
    Ok((status, answer))
}

/// As [`rpc`], the answer as the response the client gets, with every
/// header a JSON answer carries.
///
/// # Errors
/// As [`rpc`].
pub async fn api(
    stub: worker::Stub,
    method: &str,
    url: &str,
    caller: &hub_protocol::Caller,
    team: &str,
    body: &JsValue,
) -> worker::Result<web_sys::Response> {
    let (status, answer) = rpc(stub, method, url, caller, team, body).await?;
    let headers = crate::hardening::json_headers();
    if let (Some(name), Some(value)) = (answer.header(), answer.value()) {
        headers.set(&name, &value)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    init.set_headers(&headers.0);
    Ok(JsResponse::new(&answer.body(), &init)?.unchecked_into())
}

/// As [`rpc`], from one object to another in `team` (or from the Worker's
/// own features as their caller): the status and the body's text.
///
/// # Errors
/// As [`rpc`].
async fn call(
    stub: worker::Stub,
    caller: &hub_protocol::Caller,
    team: &str,
    method: Method,
    url: &str,
    body: Option<String>,
) -> worker::Result<(u16, String)> {
    let body = JsValue::from_str(&body.unwrap_or_default());
    let (status, answer) = rpc(stub, method.as_ref(), url, caller, team, &body).await?;
    Ok((status, crate::js_text::string(&answer.body()).unwrap_or_default()))
}

fn stub(env: &Env, binding: &str, name: &str) -> worker::Result<worker::Stub> {
    env.durable_object(binding)?.id_from_name(name)?.get_stub()
}

/// `POST body` to `path` on `team`'s coordinator. Objects use this to keep the
/// coordinator's indexes current and to have it broadcast.
///
/// # Errors
/// When the coordinator cannot be reached or refuses.
pub async fn post_to_coordinator<T: Serialize>(env: &Env, team: &str, path: &str, body: &T) -> worker::Result<()> {
    let name = hub_protocol::coordinator_object(&team_id(team)?);
    let stub = stub(env, hub_protocol::COORDINATOR_BINDING, &name)?;
    let (status, _) = call(stub, &Internal, team, Method::Post, path, Some(serde_json::to_string(body)?)).await?;
    if status >= 300 {
        return Err(worker::Error::RustError(format!("coordinator answered {status} to {path}")));
    }
    Ok(())
}

/// `GET path` on `team`'s coordinator, decoded as `T`; `None` when it
/// answers 404.
///
/// # Errors
/// When the coordinator cannot be reached or answers another error.
pub async fn get_from_coordinator<T: serde::de::DeserializeOwned>(
    env: &Env,
    team: &str,
    path: &str,
) -> worker::Result<Option<T>> {
    let name = hub_protocol::coordinator_object(&team_id(team)?);
    let stub = stub(env, hub_protocol::COORDINATOR_BINDING, &name)?;
    match call(stub, &Internal, team, Method::Get, path, None).await? {
        (404, _) => Ok(None),
        (s, _) if s >= 300 => Err(worker::Error::RustError(format!("coordinator answered {s} to {path}"))),
        (_, text) => Ok(Some(serde_json::from_str(&text)?)),
    }
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
    let name = hub_protocol::agent_object(&team_id(team)?, agent);
    let stub = stub(env, hub_protocol::AGENT_STATE_BINDING, &name)?;
    match call(stub, &Internal, team, method, &format!("/agent/{agent}{path}"), body).await? {
        (404, _) => Ok(None),
        (s, _) if s >= 300 => Err(worker::Error::RustError(format!("agent object answered {s} to {path}"))),
        (_, text) => Ok(Some(serde_json::from_str(&text)?)),
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
    let stub = stub(env, hub_protocol::COORDINATOR_BINDING, &hub_protocol::coordinator_object(team))?;
    match call(stub, &Internal, team.as_str(), Method::Post, "/coordinator/tokens/verify", Some(body)).await? {
        (401, _) => Ok(None),
        (s, _) if s >= 300 => Err(worker::Error::RustError(format!("coordinator answered {s} to a token check"))),
        (_, text) => Ok(Some(serde_json::from_str(&text)?)),
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
    let (method, path, body) = match key {
        HumanKey::Hash(hash) => {
            let body = serde_json::to_string(&hub_protocol::VerifyToken { hash: hash.to_owned() })?;
            (Method::Post, "/registry/humans/verify".to_owned(), Some(body))
        }
        HumanKey::Id(id) => (Method::Get, format!("/registry/humans/{}", hub_protocol::percent_encode(id)), None),
    };
    let stub = stub(env, hub_protocol::TEAM_REGISTRY_BINDING, hub_protocol::REGISTRY_OBJECT)?;
    match call(stub, &Internal, hub_protocol::TeamId::DEFAULT, method, &path, body).await? {
        (401, _) => Ok(None),
        (s, _) if s >= 300 => Err(worker::Error::RustError(format!("the registry answered {s} to a token check"))),
        (_, text) => Ok(Some(serde_json::from_str(&text)?)),
    }
}

/// `method path` straight to the path's object as `caller`, as if the
/// Worker had routed it: the Worker's own features (the portal, `/mcp`,
/// charts) reach the API this one way. The status and the body.
///
/// # Errors
/// When the path names no object or the object cannot be reached.
pub async fn call_api(
    env: &Env,
    team: &hub_protocol::TeamId,
    caller: &hub_protocol::Caller,
    method: Method,
    path: &hub_protocol::ApiPath,
    body: Option<String>,
) -> worker::Result<(u16, String)> {
    let path = path.to_string();
    let route = path.split('?').next().unwrap_or(&path);
    let Some(Ok(address)) = hub_protocol::object_for_path(team, route) else {
        return Err(worker::Error::RustError(format!("no object serves {route}")));
    };
    call(stub(env, address.binding, &address.name)?, caller, team.as_str(), method, &path, body).await
}

/// Tells the hub's registry that `team` exists (it keeps the first date).
///
/// # Errors
/// When the registry cannot be reached or refuses.
pub async fn register_team(env: &Env, team: &str) -> worker::Result<()> {
    let body = hub_protocol::RegisterTeam { name: team_id(team)? };
    let stub = stub(env, hub_protocol::TEAM_REGISTRY_BINDING, hub_protocol::REGISTRY_OBJECT)?;
    let body = Some(serde_json::to_string(&body)?);
    let (status, text) = call(stub, &Internal, team, Method::Post, "/registry/teams/seen", body).await?;
    if status >= 300 {
        let why = serde_json::from_str::<hub_protocol::ErrorBody>(&text).map(|b| b.error).unwrap_or_default();
        return Err(worker::Error::RustError(format!("the registry answered {status}: {why}")));
    }
    Ok(())
}

/// Whether the hub's registry lists `team`.
///
/// # Errors
/// When the registry cannot be reached or answers another error.
pub async fn team_exists(env: &Env, team: &hub_protocol::TeamId) -> worker::Result<bool> {
    let stub = stub(env, hub_protocol::TEAM_REGISTRY_BINDING, hub_protocol::REGISTRY_OBJECT)?;
    let path = format!("/registry/teams/{}", hub_protocol::percent_encode(team.as_str()));
    match call(stub, &Internal, team.as_str(), Method::Get, &path, None).await? {
        (404, _) => Ok(false),
        (s, _) if s >= 300 => Err(worker::Error::RustError(format!("the registry answered {s} to a team check"))),
        _ => Ok(true),
    }
}

/// Tells the registry a named human's token opened a socket (see
/// `registry::humans::close_sockets`).
///
/// # Errors
/// When the registry cannot be reached or refuses.
pub async fn record_human_socket(env: &Env, socket: &hub_protocol::HumanSocket) -> worker::Result<()> {
    let stub = stub(env, hub_protocol::TEAM_REGISTRY_BINDING, hub_protocol::REGISTRY_OBJECT)?;
    let body = Some(serde_json::to_string(socket)?);
    let (status, _) =
        call(stub, &Internal, socket.team.as_str(), Method::Post, "/registry/humans/sockets", body).await?;
    if status >= 300 {
        return Err(worker::Error::RustError(format!("the registry answered {status} to a socket record")));
    }
    Ok(())
}
