//! What the Worker reads of a request before deciding anything: method, URL
//! and headers, as an `http::Request<()>`, without its body.
//!
//! API requests are forwarded to their object as the runtime's own
//! `Request` (its body stream untouched) and the object's `Response` comes
//! back the same way. Converting either into `http` types and back would
//! pump each body through the Wasm instance as a Rust stream, which cost
//! about half a millisecond per request here. Only the portal, which axum
//! and Leptos serve, takes the `http` path ([`buffered`]).

use axum::body::Body as AxumBody;

/// A request without its body.
pub type Head = http::Request<()>;

/// The headers the Worker decides by: who is calling, from where, for
/// which team, and what it wants back. Only these are copied into the
/// [`Head`]; a header the Worker starts reading must be listed here.
/// (Iterating all of a request's headers costs the runtime a copy of the
/// list and an object per entry: several times the cost of these reads.)
const READ: [&str; 16] = [
    "authorization",
    "cookie",
    "origin",
    "sec-fetch-site",
    "upgrade",
    "sec-websocket-protocol",
    "accept",
    "cf-connecting-ip",
    hub_protocol::TeamId::HEADER,
    hub_protocol::MCP_SESSION_HEADER,
    // The MCP revision a request speaks, and what it says it does.
    hub_protocol::MCP_VERSION_HEADER,
    hub_protocol::MCP_METHOD_HEADER,
    hub_protocol::MCP_NAME_HEADER,
    // An MCP stream resuming; a hook's repository root.
    "last-event-id",
    hub_protocol::HOOK_ROOT_HEADER,
    SOCKET_HEADER,
];

/// Set by workerd on every request of the hub's loopback socket (see
/// `xtask/src/workerd.rs`, which writes the config).
pub const SOCKET_HEADER: &str = "x-hub-socket";

/// # Errors
/// When the runtime hands over a method or URL `http` cannot hold.
pub fn of(req: &worker::web_sys::Request) -> worker::Result<Head> {
    let mut head = http::Request::builder().method(req.method().as_str()).uri(req.url());
    let from = req.headers();
    if let Some(headers) = head.headers_mut() {
        for name in READ {
            let Ok(Some(value)) = from.get(name) else { continue };
            if let Ok(value) = http::HeaderValue::try_from(value) {
                headers.insert(http::HeaderName::from_static(name), value);
            }
        }
    }
    head.body(()).map_err(|e| worker::Error::RustError(format!("request head: {e}")))
}

/// A response of the Worker's own (`http` types, from axum or built here)
/// as the runtime's, with the body read whole: these are small pages and
/// JSON, never a stream that must flow.
///
/// # Errors
/// When the body cannot be read or the runtime refuses a header.
pub async fn buffered(res: http::Response<AxumBody>) -> worker::Result<worker::Response> {
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| worker::Error::RustError(e.to_string()))?;
    let headers = worker::Headers::from(&parts.headers);
    Ok(worker::Response::from_bytes(bytes.to_vec())?.with_status(parts.status.as_u16()).with_headers(headers))
}

/// A JSON answer of the Worker's own routes in `http` types (the portal's
/// and sign-in's side; the objects build their own `worker::Response`s).
pub fn json_http<T: serde::Serialize>(status: u16, body: &T) -> http::Response<axum::body::Body> {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    http::Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(bytes))
        .unwrap_or_else(|_| http::Response::new(axum::body::Body::from("{}")))
}

/// Every value of the cookie `name` the request carries.
pub fn cookies<'a, B>(req: &'a http::Request<B>, name: &'a str) -> impl Iterator<Item = &'a str> {
    req.headers()
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(move |pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}
