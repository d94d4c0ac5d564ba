//! CORS as the original hub sent it: any origin, the usual methods, and the
//! headers its clients set. (The security issue narrows this.)

use axum::body::Body;

const HEADERS: [(&str, &str); 3] = [
    ("access-control-allow-origin", "*"),
    ("access-control-allow-methods", "GET, POST, PUT, DELETE, PATCH, OPTIONS"),
    ("access-control-allow-headers", "Content-Type, X-Agent-Id, X-Resource-Path, X-Hub-Team"),
];

pub fn preflight() -> http::Response<Body> {
    http::Response::builder()
        .status(204)
        .body(Body::empty())
        .unwrap_or_default()
}

/// Adds the CORS headers, except on a WebSocket handshake (101), which must
/// pass untouched.
pub fn with_headers(mut res: http::Response<Body>) -> http::Response<Body> {
    if res.status() != http::StatusCode::SWITCHING_PROTOCOLS {
        let headers = res.headers_mut();
        for (name, value) in HEADERS {
            headers.insert(name, http::HeaderValue::from_static(value));
        }
    }
    res
}
