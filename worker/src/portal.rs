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
    if let Ok(value) = http::HeaderValue::from_str(team.as_str()) {
        req.headers_mut().insert(crate::route::TEAM_HEADER, value);
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
        .layer(Extension(hub_app::OnRevoke(crate::auth::forget)));
    let mut res = router.call(req).await?;
    if switched {
        let cookie = format!("{}={team}; Path=/; HttpOnly; Secure; SameSite=Strict", crate::route::TEAM_COOKIE);
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            res.headers_mut().append(http::header::SET_COOKIE, value);
        }
    }
    Ok(res)
}
