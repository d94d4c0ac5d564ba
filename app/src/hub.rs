//! Server side only: server functions reach the hub's objects directly,
//! with the same typed paths and JSON as any client.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::Extension;
use hub_protocol::{AgentId, ApiPath, Caller, ErrorBody, TeamId};
use leptos::prelude::ServerFnError;
use serde::de::DeserializeOwned;
use worker::{send::SendFuture, Env, Method};

/// What the host does when the portal revokes a token (the Worker forgets
/// it in its cache of verified tokens at once).
#[derive(Clone, Copy)]
pub struct OnRevoke(pub fn(&str));

/// Calls the host's [`OnRevoke`], if it gave one.
pub async fn revoked(token_id: &str) {
    if let Ok(Extension(OnRevoke(forget))) = leptos_axum::extract::<Extension<OnRevoke>>().await {
        forget(token_id);
    }
}

/// The team the portal shows: the Worker puts it in the `x-hub-team`
/// header of every portal request (from `?team=` or the team cookie).
pub async fn team() -> Result<TeamId, ServerFnError> {
    let headers: http::HeaderMap = leptos_axum::extract().await?;
    team_of(&headers)
}

fn team_of(headers: &http::HeaderMap) -> Result<TeamId, ServerFnError> {
    let name = headers
        .get(hub_protocol::TeamId::HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(hub_protocol::TeamId::DEFAULT);
    TeamId::parse(name).map_err(fail)
}

fn fail(e: impl std::fmt::Display) -> ServerFnError {
    ServerFnError::new(e.to_string())
}

/// `method path` on the object that serves it, decoded as `T`. `Ok(None)`
/// for a 404.
///
/// # Errors
/// When the object cannot be reached or answers an error; the message is
/// the hub's own `error` text.
pub async fn call<T: DeserializeOwned>(
    method: Method,
    path: impl Into<ApiPath>,
    body: Option<serde_json::Value>,
) -> Result<Option<T>, ServerFnError> {
    call_in(team().await?, method, path, body).await
}

/// Who is signed in: the Worker names them in the caller header of every
/// portal request (the human token's session, or a named human's), having
/// replaced whatever the browser sent.
pub async fn caller() -> Result<Caller, ServerFnError> {
    let headers: http::HeaderMap = leptos_axum::extract().await?;
    headers
        .get(Caller::HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(Caller::from_header)
        .filter(|c| c.human_author().is_some())
        .ok_or_else(|| ServerFnError::new("not signed in as a human"))
}

/// How the host reaches its own API: the Worker hands the portal the one
/// function its MCP tools and charts call objects with, so the three reach
/// the API one way (by RPC, as the caller the Worker admitted).
#[derive(Clone, Copy)]
pub struct ApiLink(pub fn(Arc<Env>, TeamId, Caller, Method, ApiPath, Option<String>) -> LinkFuture);

/// What an [`ApiLink`] answers: the status and the body.
pub type LinkFuture = Pin<Box<dyn Future<Output = Result<(u16, String), String>>>>;

/// As [`call`], in `team` rather than the team the portal shows.
///
/// # Errors
/// As [`call`].
pub async fn call_in<T: DeserializeOwned>(
    team: TeamId,
    method: Method,
    path: impl Into<ApiPath>,
    body: Option<serde_json::Value>,
) -> Result<Option<T>, ServerFnError> {
    let Extension(env): Extension<Arc<Env>> = leptos_axum::extract().await?;
    let Extension(ApiLink(link)): Extension<ApiLink> = leptos_axum::extract().await?;
    // The Worker let this request in only with a valid session cookie.
    let caller = caller().await?;
    let (status, text) = SendFuture::new(link(env, team, caller, method, path.into(), body.map(|b| b.to_string())))
        .await
        .map_err(fail)?;
    match status {
        404 => Ok(None),
        s if s >= 300 => {
            let msg =
                serde_json::from_str::<ErrorBody>(&text).map_or_else(|_| format!("the hub answered {s}"), |b| b.error);
            Err(ServerFnError::new(msg))
        }
        _ => serde_json::from_str(&text).map(Some).map_err(fail),
    }
}

/// As [`call`], where a 404 is an error too.
///
/// # Errors
/// As [`call`], and "not found" for a 404.
pub async fn fetch<T: DeserializeOwned>(
    method: Method,
    path: impl Into<ApiPath>,
    body: Option<serde_json::Value>,
) -> Result<T, ServerFnError> {
    let path = path.into();
    let shown = path.to_string();
    call(method, path, body).await?.ok_or_else(|| ServerFnError::new(format!("{shown}: not found")))
}

/// A write whose answer the page does not read: the body as a wire type,
/// success or the hub's error.
///
/// # Errors
/// As [`fetch`].
pub async fn send<B: serde::Serialize>(
    method: Method,
    path: impl Into<ApiPath>,
    body: &B,
) -> Result<(), ServerFnError> {
    fetch::<serde_json::Value>(method, path, Some(wire(body)?)).await.map(|_| ())
}

/// The signed-in human as the author of what they post: `human`, or a
/// named human's `human:<name>`.
pub async fn human() -> Result<AgentId, ServerFnError> {
    caller().await?.human_author().ok_or_else(|| ServerFnError::new("not signed in as a human"))
}

pub fn agent(id: &str) -> Result<AgentId, ServerFnError> {
    AgentId::parse(id).map_err(|e| ServerFnError::new(format!("agent id {e}")))
}

/// A team name from a form field.
///
/// # Errors
/// When it is not a valid team name.
pub fn team_id(name: &str) -> Result<TeamId, ServerFnError> {
    TeamId::parse(name).map_err(|e| ServerFnError::new(format!("team name {e}")))
}

/// Bounded text from a form field; too long is an error shown in the page.
pub fn text<const N: usize>(s: impl Into<String>) -> Result<hub_protocol::Text<N>, ServerFnError> {
    hub_protocol::Text::parse(s).map_err(fail)
}

/// A wire enum from a form value.
pub fn parse<T>(parsed: Option<T>, field: &str, value: &str) -> Result<T, ServerFnError> {
    parsed.ok_or_else(|| ServerFnError::new(format!("{field} {value:?} is not one of the allowed values")))
}

/// A request body, as the JSON the objects read.
pub fn wire<T: serde::Serialize>(body: &T) -> Result<serde_json::Value, ServerFnError> {
    serde_json::to_value(body).map_err(fail)
}
