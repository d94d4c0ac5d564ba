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

/// # Errors
/// When the runtime hands over a method, URL or header `http` cannot hold.
pub fn of(req: &worker::Request) -> worker::Result<Head> {
    let inner = req.inner();
    let mut head = http::Request::builder().method(inner.method().as_str()).uri(inner.url());
    if let Some(headers) = head.headers_mut() {
        for (name, value) in req.headers().entries() {
            if let (Ok(name), Ok(value)) =
                (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(&value))
            {
                headers.append(name, value);
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
