//! The portal's sign-in: a plain HTML form (no script, so it works under
//! the strictest CSP) that trades the human token for a session cookie,
//! and sign-out.

use axum::body::Body;
use worker::{Env, HttpRequest};

use crate::html::escape;
use crate::{auth, config, limits, session};

/// `GET /login`: the form. `POST /login`: check the token, set the cookie.
pub async fn handle(req: HttpRequest, env: &Env) -> http::Response<Body> {
    let now = crate::clock::now().millis();
    let Some(admin) = config::admin_token(env) else {
        return page(
            503,
            "This hub has no HUB_ADMIN_TOKEN secret yet, so nobody can sign in. Set it with \
                          `wrangler secret put HUB_ADMIN_TOKEN` (locally, `cargo xtask serve` creates one).",
            "/",
        );
    };
    let next = next_of(&req);
    if req.method() != http::Method::POST {
        return page(200, "", &next);
    }
    // Sign-in attempts count as writes of the client's address: guessing is slow.
    if let Err(e) = limits::take(&format!("login:{}", auth::client_ip(&req, env)), config::write_limit(env), now) {
        return e.into_http();
    }
    if !auth::same_origin_or_none(&req) {
        return page(403, "Sign in from the hub's own page.", &next);
    }
    let form = read_form(req).await;
    let token = form.iter().find_map(|(k, v)| (k == "token").then_some(v.trim())).unwrap_or("");
    if crate::secret::same(token, &admin) {
        return redirect(&next, Some(&session::issue(&admin, None, now)));
    }
    // A named human signs in with their own token; the session names it.
    if token.starts_with(crate::secret::HUMAN_TOKEN_PREFIX) {
        let hash = crate::secret::sha256_hex(token);
        match crate::objects::verify_human(env, crate::objects::HumanKey::Hash(&hash)).await {
            Ok(Some(v)) => return redirect(&next, Some(&session::issue(&admin, Some(&v.token_id), now))),
            Ok(None) => {}
            Err(_) => return page(503, "The hub could not check that token; try again.", &next),
        }
    }
    page(401, "That is not the human token of this hub, nor a live named human's token.", &next)
}

/// Signing out is a POST from the hub's own pages: a link or a form on
/// another site cannot sign the human out.
///
/// # Errors
/// 405 for another method, 403 for a foreign `Origin`.
pub fn may_log_out<B>(req: &http::Request<B>) -> Result<(), crate::api_error::ApiError> {
    if req.method() != http::Method::POST {
        return Err(crate::api_error::ApiError::MethodNotAllowed {
            method: req.method().to_string(),
            path: "/logout".into(),
            allowed: vec!["POST"],
        });
    }
    if !auth::same_origin_or_none(req) {
        return Err(crate::api_error::ApiError::Forbidden("Sign out from the hub's own page".into()));
    }
    Ok(())
}

/// `POST /logout`: ends the session in this browser.
pub fn logout() -> http::Response<Body> {
    redirect("/login", Some(&session::clear()))
}

/// Where to go after signing in: a local path only, never another site.
fn next_of<B>(req: &http::Request<B>) -> String {
    crate::route::query_param(req, "next").filter(|n| is_local_path(n)).unwrap_or_else(|| "/".into())
}

pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

async fn read_form(req: HttpRequest) -> Vec<(String, String)> {
    let bytes = axum::body::to_bytes(Body::new(req.into_body()), 4096).await.unwrap_or_default();
    serde_urlencoded::from_bytes(&bytes).unwrap_or_default()
}

/// 303 to `to`, optionally setting a cookie.
pub fn redirect(to: &str, cookie: Option<&str>) -> http::Response<Body> {
    let mut res = http::Response::builder().status(303).header(http::header::LOCATION, to);
    if let Some(c) = cookie {
        res = res.header(http::header::SET_COOKIE, c);
    }
    res.header(http::header::CACHE_CONTROL, "no-store").body(Body::empty()).unwrap_or_default()
}

fn page(status: u16, error: &str, next: &str) -> http::Response<Body> {
    let alert = if error.is_empty() {
        String::new()
    } else {
        format!(r#"<p class="error" role="alert">{}</p>"#, escape(error))
    };
    let action = format!("/login?next={}", hub_protocol::percent_encode(next));
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · agent-hub</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/pkg/hub.css"></head>
<body><main id="main" class="login">
<h1>agent-hub</h1>
<form method="post" action="{action}" class="card">
<h2>Sign in</h2>
<p>Paste the hub's human token (<code>cargo xtask serve</code> prints it; on Cloudflare it is the <code>HUB_ADMIN_TOKEN</code> secret), or the token minted for you by name: then what you do is recorded under your name.</p>
{alert}
<label for="token">Human token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form></main></body></html>"#,
        action = escape(&action),
    );
    http::Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(http::header::CACHE_CONTROL, "no-store")
        .header(
            "content-security-policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        )
        .body(Body::from(html))
        .unwrap_or_default()
}
