//! The portal's server side: Leptos SSR and server functions through axum.
//! Static files (`/pkg/*`, favicon) never reach here: [`crate::assets`].

use std::sync::Arc;

use axum::{body::Body, Extension, Router};
use hub_app::{shell, App};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_service::Service;
use worker::{Env, HttpRequest};

/// Renders a page or answers a server function, for a signed-in human
/// only: others are sent to `/login` (pages) or get a 401 (`/api`).
pub async fn serve(req: HttpRequest, env: Env) -> worker::Result<http::Response<Body>> {
    let signed_in = match crate::config::admin_token(&env) {
        Some(admin) => match crate::auth::by_session(&req, &env, &admin).await {
            Ok(who) => who,
            Err(e) => return Ok(e.into_http()),
        },
        None => None,
    };
    let Some(signed_in) = signed_in else {
        let path = req.uri().path();
        if path.starts_with("/api") {
            return Ok(crate::api_error::ApiError::Unauthorized("Sign in at /login first".into()).into_http());
        }
        let here = req.uri().path_and_query().map_or("/", |p| p.as_str());
        let next = if crate::login::is_local_path(here) { here } else { "/" };
        return Ok(crate::login::redirect(&format!("/login?next={}", hub_protocol::percent_encode(next)), None));
    };
    // The team the portal shows: `?team=` switches (and is remembered in a
    // cookie), else the remembered one, else `main`. Server functions and
    // pages read it from the team header, as every object request does.
    let mut req = req;
    let team = match crate::route::team(&req) {
        Ok(team) => team,
        Err(e) => return Ok(e.into_http()),
    };
    let switched = crate::route::query_team(&req).is_some();
    // A team nobody created is never shown as an empty one (and wakes no
    // object): the portal says so and keeps the team it had.
    match crate::teams::exists(&env, &team).await {
        Ok(true) => {}
        Ok(false) => return Ok(no_such_team(&team, req.uri().path().starts_with("/api"))),
        Err(e) => return Ok(e.into_http()),
    }
    if let Ok(value) = http::HeaderValue::from_str(team.as_str()) {
        req.headers_mut().insert(hub_protocol::TeamId::HEADER, value);
    }
    // Who is signed in, for the server functions to act as (whatever the
    // browser sent under this name is replaced).
    match http::HeaderValue::from_str(&signed_in.caller.header_value()) {
        Ok(value) => req.headers_mut().insert(hub_protocol::Caller::HEADER, value),
        Err(_) => return Ok(crate::api_error::ApiError::internal("caller header").into_http()),
    };
    let options = LeptosOptions::builder().output_name(hub_app::OUTPUT_NAME).site_pkg_dir("pkg").build();
    let routes = generate_route_list(App);
    let mut router = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options)
        .layer(Extension(Arc::new(env)))
        .layer(Extension(hub_app::OnRevoke(crate::auth::forget)))
        .layer(Extension(hub_app::ApiLink(api_link)));
    let mut res = router.call(req).await?;
    if switched {
        let cookie = format!("{}={team}; Path=/; HttpOnly; Secure; SameSite=Strict", crate::route::TEAM_COOKIE);
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            res.headers_mut().append(http::header::SET_COOKIE, value);
        }
    }
    Ok(res)
}

/// The portal's way to the API: the same call as MCP's tools and the charts.
fn api_link(
    env: Arc<Env>,
    team: hub_protocol::TeamId,
    caller: hub_protocol::Caller,
    method: worker::Method,
    path: hub_protocol::ApiPath,
    body: Option<String>,
) -> hub_app::LinkFuture {
    Box::pin(async move {
        crate::objects::call_api(&env, &team, &caller, method, &path, body).await.map_err(|e| e.to_string())
    })
}

/// The answer for a team that does not exist: JSON for a server function,
/// a short page with the way back otherwise.
fn no_such_team(team: &hub_protocol::TeamId, api: bool) -> http::Response<Body> {
    if api {
        return crate::teams::unknown(team).into_http();
    }
    let name: String = team.as_str().chars().filter(|c| c.is_alphanumeric() || "-_.:".contains(*c)).collect();
    let page = format!(
        "<!doctype html><meta charset=utf-8><title>No team {name}</title>\
         <main style=\"font-family:system-ui;max-width:40em;margin:3em auto\"><h1>No team \u{201c}{name}\u{201d}</h1>\
         <p>Nobody created a team by that name on this hub, so there is nothing to show. Check the spelling, \
         or create it on the <a href=\"/teams\">Teams</a> page.</p><p><a href=\"/?team=main\">Back to team main</a></p></main>"
    );
    http::Response::builder()
        .status(404)
        .header(http::header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(page))
        .unwrap_or_else(|_| crate::api_error::ApiError::internal("page build").into_http())
}
