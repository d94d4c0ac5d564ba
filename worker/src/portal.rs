//! The portal's server side: Leptos SSR and server functions through axum.
//! Static files (`/pkg/*`, favicon) never reach here: Workers Assets serves
//! them before the Worker runs.

use std::sync::Arc;

use axum::{body::Body, Extension, Router};
use hub_app::{shell, App};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_service::Service;
use worker::{Env, HttpRequest};

pub async fn serve(req: HttpRequest, env: Env) -> worker::Result<http::Response<Body>> {
    let options = LeptosOptions::builder()
        .output_name(hub_app::OUTPUT_NAME)
        .site_pkg_dir("pkg")
        .build();
    let routes = generate_route_list(App);
    let mut router = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options)
        .layer(Extension(Arc::new(env)));
    Ok(router.call(req).await?)
}
