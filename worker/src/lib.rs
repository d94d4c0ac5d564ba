//! The agent-hub Worker.
//!
//! One Worker serves three things: the JSON and WebSocket API (forwarded to
//! Durable Objects), the Leptos portal (server-side rendered here, hydrated in
//! the browser) and `/health`. [`route::Route`] decides which, once.
//!
//! The Durable Objects are thin shells: decode a typed request, run SQL, call
//! a rule from `hub_domain`, encode the reply.
//! - [`coordinator::AgentCoordinator`]: one per team (`main` by default):
//!   registry, presence, group chat, tasks, the team WebSocket.
//! - [`agent_state::AgentState`]: one per agent.
//! - [`resource_lock::ResourceLock`]: one per locked path.

mod agent_state;
mod api_error;
mod body;
mod clock;
mod config;
mod coordinator;
mod cors;
mod migrations;
mod objects;
mod portal;
mod resource_lock;
mod route;

pub use agent_state::AgentState;
pub use coordinator::AgentCoordinator;
pub use resource_lock::ResourceLock;

use axum::body::Body as AxumBody;
use worker::{event, Context, Env, HttpRequest};

use crate::api_error::ApiError;
use crate::route::Route;

#[event(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[event(fetch)]
async fn fetch(req: HttpRequest, env: Env, _ctx: Context) -> worker::Result<http::Response<AxumBody>> {
    let route = match Route::parse(&req) {
        Ok(route) => route,
        Err(err) => return Ok(cors::with_headers(err.into_http())),
    };
    let response = match route {
        Route::Preflight => cors::preflight(),
        Route::Health => route::health(),
        Route::Object(target) => match target.forward(req, &env).await {
            Ok(res) => res,
            Err(err) => err.into_http(),
        },
        Route::Portal => return portal::serve(req, env).await,
    };
    Ok(cors::with_headers(response))
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
