//! The agent-hub Worker.
//!
//! One Worker serves three things: the JSON and WebSocket API (forwarded to
//! Durable Objects), the Leptos portal (server-side rendered here, hydrated in
//! the browser) and `/health`. [`route::Route`] decides which, once; then
//! [`auth`] decides who is calling, before anything reaches an object.
//!
//! The Durable Objects are thin shells: decode a typed request, check the
//! caller's access (`hub_domain::authorize`), run SQL, call a rule from
//! `hub_domain`, encode the reply.
//! - [`coordinator::AgentCoordinator`]: one per team (`main` by default):
//!   registry, presence, group chat, tasks, credentials, the team WebSocket.
//! - [`agent_state::AgentState`]: one per agent.
//! - [`resource_lock::ResourceLock`]: one per locked path.

mod agent_state;
mod api_error;
mod assets;
mod auth;
mod body;
mod caller;
mod clock;
mod config;
mod coordinator;
mod cors;
mod hardening;
mod limits;
mod login;
mod migrations;
mod objects;
mod portal;
mod resource_lock;
mod route;
mod secret;
mod session;

pub use agent_state::AgentState;
pub use coordinator::AgentCoordinator;
pub use resource_lock::ResourceLock;

use axum::body::Body as AxumBody;
use worker::{event, Context, Env, HttpRequest};

use crate::api_error::ApiError;
use crate::route::{ObjectTarget, Route};

#[event(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[event(fetch)]
async fn fetch(req: HttpRequest, env: Env, _ctx: Context) -> worker::Result<http::Response<AxumBody>> {
    let cors = cors::Cors::for_request(&req, &env);
    let response = match Route::parse(&req) {
        Err(err) => err.into_http(),
        Ok(Route::Preflight) => cors.preflight(),
        Ok(Route::Health) => route::health(),
        Ok(Route::Object(target)) => api(target, req, &env).await.unwrap_or_else(ApiError::into_http),
        Ok(Route::Login) => login::handle(req, &env).await,
        Ok(Route::Logout) => login::logout(),
        Ok(Route::Portal) => portal::serve(req, env).await?,
        Ok(Route::Asset) => assets::serve(req.uri().path(), &env).await?,
    };
    Ok(hardening::apply(cors.apply(response)))
}

/// An API request: authenticate, count writes, forward to the object.
async fn api(target: ObjectTarget, req: HttpRequest, env: &Env) -> Result<http::Response<AxumBody>, ApiError> {
    let (limit, now) = (config::write_limit(env), clock::now().millis());
    // Failed sign-ins count against the client's address, so guessing
    // tokens is slow and cannot flood a coordinator with lookups.
    let failures = format!("auth-failures:{}", auth::client_ip(&req));
    if !limits::has_room(&failures, limit, now) {
        return Err(ApiError::TooManyRequests { retry_after_secs: (1.0 / limit.per_sec).ceil().max(1.0) as u64 });
    }
    let credential = match auth::authenticate(&req, env, &target.team, target.public).await {
        Err(ApiError::Unauthorized(why)) => {
            let _ = limits::take(&failures, limit, now);
            return Err(ApiError::Unauthorized(why));
        }
        other => other?,
    };
    if !matches!(*req.method(), http::Method::GET | http::Method::HEAD) {
        limits::take(&credential.limit_key, limit, now)?;
    }
    let revoking = revoked_token_id(&req);
    let select_protocol = auth::offered_ws_protocol(&req);
    let mut res = target.forward(req, env, &credential.caller).await?;
    if let (Some(id), true) = (revoking, res.status().is_success()) {
        auth::forget(&id);
    }
    if select_protocol && res.status() == http::StatusCode::SWITCHING_PROTOCOLS {
        res.headers_mut()
            .insert(http::header::SEC_WEBSOCKET_PROTOCOL, http::HeaderValue::from_static(auth::WS_PROTOCOL));
    }
    Ok(res)
}

/// The id in `DELETE /coordinator/tokens/{id}`, so this isolate forgets
/// the token as soon as the coordinator has revoked it.
fn revoked_token_id(req: &HttpRequest) -> Option<String> {
    (req.method() == http::Method::DELETE)
        .then(|| req.uri().path().strip_prefix("/coordinator/tokens/").map(str::to_owned))
        .flatten()
}

/// Turns a JSON-able result into an HTTP response for the Worker's own
/// routes (the objects build their own `worker::Response`s).
fn json_http<T: serde::Serialize>(status: u16, body: &T) -> http::Response<AxumBody> {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    http::Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(AxumBody::from(bytes))
        .unwrap_or_else(|_| ApiError::internal("response build").into_http())
}
