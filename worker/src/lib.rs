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
//! - [`resource_lock::ResourceLock`]: sixteen per team, each path in one.

mod activity;
mod agent_state;
mod answer_link;
mod api_error;
mod assets;
mod auth;
mod body;
mod broadcast;
mod call;
mod caller;
mod catalogue;
mod charts;
mod clock;
mod config;
mod coordinator;
mod cors;
mod event_log;
mod gate;
mod hardening;
mod head;
mod hooks;
mod hop;
mod html;
mod jobs;
mod js_text;
mod limits;
mod login;
mod mcp;
mod memo;
mod migrations;
mod objects;
#[cfg(test)]
mod paths_check;
mod portal;
mod registry;
mod reply;
mod resource_lock;
mod route;
mod search;
mod secret;
mod session;
mod sql;
mod svg;
mod svg_graph;
mod teams;
mod token_row;

pub use agent_state::AgentState;
pub use coordinator::AgentCoordinator;
pub use registry::TeamRegistry;
pub use resource_lock::ResourceLock;

use wasm_bindgen::JsValue;
use worker::{event, web_sys, Env, HttpRequest};

use crate::api_error::ApiError;
use crate::head::Head;
use crate::route::{ObjectTarget, Route};

#[event(start)]
fn start() {
    console_error_panic_hook::set_once();
    run_static_constructors();
}

/// Runs the module's static constructors (the portal's server functions
/// registering themselves with `inventory`) once, at instantiation. Unless
/// the code calls `__wasm_call_ctors` itself, wasm-ld treats the module as
/// a "command" and wraps *every* export in a call to it, so each request
/// (and each allocation the JS glue asks for) re-ran them: about 50 µs a
/// request, measured with the inspector's profiler.
#[allow(unsafe_code)]
fn run_static_constructors() {
    extern "C" {
        fn __wasm_call_ctors();
    }
    // SAFETY: linker-synthesised, takes nothing; called once, before any
    // other export runs (`start` is the module's start function).
    unsafe { __wasm_call_ctors() }
}

/// The Worker's entry works on the runtime's own request and response:
/// `worker::Request` would read the request's `cf` object on every call,
/// and an object's answer would be unwrapped and rebuilt on its way out.
///
/// It answers a `Response`, a `Promise` of one, or, for an API request it
/// has admitted, a [`hop::Hop`] that worker/entry.js carries to the object.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn fetch(req: web_sys::Request, env: Env, _ctx: worker::worker_sys::Context) -> JsValue {
    hop::now_or_later(async move {
        match serve(req, env).await {
            Ok(answer) => answer,
            Err(e) => {
                worker::console_error!("{e}");
                let res = worker::Response::error("INTERNAL SERVER ERROR", 500);
                res.map(|r| web_sys::Response::from(r).into()).unwrap_or(JsValue::NULL)
            }
        }
    })
}

async fn serve(req: web_sys::Request, env: Env) -> worker::Result<JsValue> {
    if route::is_plain_health_check(&req) {
        // Nothing of a health check depends on its headers: no header is
        // read, no route parsed (a request with an `Origin` takes the full
        // path, for its CORS headers).
        return Ok(web_sys::Response::from(route::health().unwrap_or_else(ApiError::into_response)).into());
    }
    let head = head::of(&req)?;
    let cors = cors::Cors::for_request(&head, &env);
    let (response, hardened) = match Route::parse(&head) {
        Err(err) => (err.into_response(), true),
        Ok(Route::Preflight) => (cors.preflight()?, false),
        Ok(Route::Health) => (route::health().unwrap_or_else(ApiError::into_response), true),
        Ok(Route::Mcp) => {
            let req = worker::Request::from(req);
            // Its answers come hardened (most on the isolate's JSON headers).
            (mcp::serve(&head, &req, &env).await.unwrap_or_else(ApiError::into_response), true)
        }
        Ok(Route::Hook) => (hooks::serve(&head, &worker::Request::from(req), &env).await?, true),
        Ok(Route::Chart) => (charts::serve(&head, &env).await.unwrap_or_else(ApiError::into_response), true),
        Ok(Route::WhoAmI) => (who_am_i(&head, &env).await.unwrap_or_else(ApiError::into_response), true),
        Ok(Route::AnswerLink) => (answer_link::serve(&head, &env).await.unwrap_or_else(ApiError::into_response), false),
        Ok(Route::Catalogue) => (reply::json(200, serde_json::to_vec(&catalogue::catalogue())?), true),
        Ok(Route::Object(target)) => {
            return match api(target, &head, &req, &env, &cors).await {
                Ok(Forwarded::Hop(hop)) => Ok(hop.into_js()),
                Ok(Forwarded::Response(res)) => cors.pass_on(res).map(Into::into),
                Err(err) => finish(err.into_response(), &cors, true).map(Into::into),
            }
        }
        Ok(Route::Login) => (head::buffered(login::handle(http_request(req)?, &env).await).await?, false),
        Ok(Route::Logout) => match login::may_log_out(&head) {
            Ok(()) => (head::buffered(login::logout()).await?, false),
            Err(e) => (e.into_response(), true),
        },
        Ok(Route::Portal) => (head::buffered(portal::serve(http_request(req)?, env).await?).await?, false),
        Ok(Route::Asset) => (assets::serve(head.uri().path(), &env).await?, false),
    };
    finish(response, &cors, hardened).map(Into::into)
}

fn http_request(req: web_sys::Request) -> worker::Result<HttpRequest> {
    <HttpRequest as worker::FromRequest>::from_raw(req).map_err(|e| worker::Error::RustError(e.into().to_string()))
}

/// The headers every answer carries (hardening, CORS). JSON answers built
/// by [`reply::json`] have the hardening ones already; others get them on a
/// mutable copy of their headers.
fn finish(res: worker::Response, cors: &cors::Cors, hardened: bool) -> worker::Result<web_sys::Response> {
    if hardened && !cors.allows() {
        return Ok(res.into());
    }
    let headers = res.headers().clone();
    if !hardened {
        hardening::apply(&headers)?;
    }
    cors.apply(&headers)?;
    Ok(res.with_headers(headers).into())
}

/// An API request, admitted: carried by the entry ([`hop`]) or forwarded
/// here.
enum Forwarded {
    Hop(hop::Hop),
    Response(web_sys::Response),
}

/// `GET /whoami`: the credential's role and agent, in the request's team.
async fn who_am_i(head: &Head, env: &Env) -> Result<worker::Response, ApiError> {
    let team = route::team(head)?;
    let credential = gate::admit(head, env, &team, false).await?;
    use hub_protocol::{Caller, Role};
    let (role, agent_id) = match credential.caller {
        Caller::Agent(id) => (Role::Agent, Some(id)),
        Caller::NamedHuman(id) => (Role::NamedHuman, Some(id)),
        Caller::Legacy => (Role::Legacy, None),
        _ => (Role::Human, None),
    };
    let who = hub_protocol::WhoAmI { team, role, agent_id };
    Ok(reply::json(200, serde_json::to_vec(&who)?))
}

/// `POST /agent/{id}/messages`: the agent a DM is for (its next stateless
/// MCP call asks for news at once).
fn dm_recipient(head: &Head) -> Option<hub_protocol::AgentId> {
    if *head.method() != http::Method::POST {
        return None;
    }
    let rest = head.uri().path().strip_prefix("/agent/")?;
    let (id, rest) = rest.split_once('/')?;
    if rest.trim_end_matches('/') != "messages" {
        return None;
    }
    hub_protocol::AgentId::parse(&hub_protocol::percent_decode(id)?).ok()
}

/// An API request: authenticate, count writes, forward to the object.
async fn api(
    target: ObjectTarget,
    head: &Head,
    req: &web_sys::Request,
    env: &Env,
    cors: &cors::Cors,
) -> Result<Forwarded, ApiError> {
    let (limit, now) = (config::write_limit(env), clock::now().millis());
    if target.public {
        // Joining is open to anyone with the secret: slow down guessing it,
        // per address and team, before anything else.
        let key = format!("join:{}:{}", auth::client_ip(head, env), target.team);
        limits::take(&key, config::join_limit(env), now)?;
        gate::join(req, env, &target.team).await?;
    }
    let credential = gate::admit(head, env, &target.team, target.public).await?;
    // Writes, and socket handshakes (each socket is a standing cost).
    if !matches!(*head.method(), http::Method::GET | http::Method::HEAD) || auth::offered_ws_upgrade(head) {
        limits::take(&credential.limit_key, limit, now)?;
    }
    if let Some(to) = dm_recipient(head) {
        mcp::recheck::news_for(&target.team, &to);
    }
    let revoking = revocation(head);
    if revoking.is_none() && !cors.allows() {
        if let Some(hop) = target.hop(req, head, &credential)? {
            return Ok(Forwarded::Hop(hop));
        }
    }
    let select_protocol = auth::offered_ws_protocol(head);
    let target_team = target.team.clone();
    let res = target.forward(req, head, env, &credential).await?;
    if res.status() == 101 {
        gate::opened_socket(env, &credential, &target_team, head.uri().path()).await;
    }
    let ok = (200..300).contains(&res.status());
    match (revoking, ok) {
        (Some(Revocation::Token(id)), true) => auth::forget(&id),
        (Some(Revocation::Agent(agent)), true) => auth::forget_agent(&target_team, &agent),
        _ => {}
    }
    if select_protocol && res.status() == 101 {
        // The handshake's headers are the runtime's own (immutable): the
        // answer is rebuilt around its socket with the protocol selected.
        let res = worker::Response::from(res);
        let headers = res.headers().clone();
        headers.set("sec-websocket-protocol", auth::WS_PROTOCOL)?;
        return Ok(Forwarded::Response(res.with_headers(headers).into()));
    }
    Ok(Forwarded::Response(res))
}

/// What `DELETE /coordinator/tokens/{id}`, `DELETE
/// /coordinator/tokens?agentId=` or `DELETE /registry/humans/{id}` revokes, so this isolate forgets it as
/// soon as the coordinator has.
enum Revocation {
    Token(String),
    Agent(String),
}

fn revocation(head: &Head) -> Option<Revocation> {
    if head.method() != http::Method::DELETE {
        return None;
    }
    match head.uri().path() {
        "/coordinator/tokens" => route::query_param(head, "agentId").map(Revocation::Agent),
        path => path
            .strip_prefix("/coordinator/tokens/")
            .or_else(|| path.strip_prefix("/registry/humans/"))
            .map(|id| Revocation::Token(id.to_owned())),
    }
}
