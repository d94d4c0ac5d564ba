//! CORS: the hub's own origin needs none, and no other origin is allowed
//! unless `HUB_CORS_ORIGINS` names it. Agents are not browsers, so this
//! only narrows what web pages on other sites can make a visitor's browser
//! do. Cookies are never allowed cross-origin.

use axum::body::Body;
use worker::{Env, HttpRequest};

const METHODS: &str = "GET, POST, PUT, DELETE, PATCH, OPTIONS";
const HEADERS: &str = "Authorization, Content-Type, X-Agent-Id, X-Resource-Path, X-Hub-Team";

/// The CORS answer for one request: the origin to allow, if any.
pub struct Cors {
    allowed: Option<http::HeaderValue>,
}

impl Cors {
    pub fn for_request(req: &HttpRequest, env: &Env) -> Self {
        let allowed = req
            .headers()
            .get(http::header::ORIGIN)
            .filter(|origin| {
                let origin = origin.to_str().unwrap_or("");
                crate::config::cors_origins(env).iter().any(|o| o == "*" || o.eq_ignore_ascii_case(origin))
            })
            .cloned();
        Self { allowed }
    }

    pub fn preflight(&self) -> http::Response<Body> {
        let status = if self.allowed.is_some() { 204 } else { 403 };
        http::Response::builder().status(status).body(Body::empty()).unwrap_or_default()
    }

    /// Adds the CORS headers for an allowed origin, except on a WebSocket
    /// handshake (101), which must pass untouched.
    pub fn apply(&self, mut res: http::Response<Body>) -> http::Response<Body> {
        if res.status() == http::StatusCode::SWITCHING_PROTOCOLS {
            return res;
        }
        res.headers_mut().insert(http::header::VARY, http::HeaderValue::from_static("Origin"));
        if let Some(origin) = &self.allowed {
            let headers = res.headers_mut();
            headers.insert("access-control-allow-origin", origin.clone());
            headers.insert("access-control-allow-methods", http::HeaderValue::from_static(METHODS));
            headers.insert("access-control-allow-headers", http::HeaderValue::from_static(HEADERS));
            headers.insert("access-control-expose-headers", http::HeaderValue::from_static("Retry-After"));
        }
        res
    }
}
