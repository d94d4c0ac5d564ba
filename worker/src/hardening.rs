//! Headers every response carries. The portal's pages add their CSP (with
//! the render's nonce) in `hub_app::shell`; the sign-in page has its own.

const HEADERS: [(&str, &str); 6] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    // CORS answers depend on the request's origin.
    ("vary", "Origin"),
    // Browsers ignore it over plain http (RFC 6797, 8.1), so it needs no
    // knowledge of the scheme and can be part of every answer.
    ("strict-transport-security", "max-age=31536000"),
];

/// The policy of an SVG answer (charts, the favicon): its own inline
/// styles, nothing else.
pub const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

thread_local! {
    /// Built once per isolate; each answer copies it in one call instead
    /// of setting eight headers one by one across the Wasm boundary.
    static JSON: worker::Headers = {
        let headers = worker::Headers::new();
        let _ = headers.set("content-type", "application/json");
        let _ = headers.set("cache-control", "no-store");
        for (name, value) in HEADERS {
            let _ = headers.set(name, value);
        }
        headers
    };
}

/// Fresh headers for a JSON answer: its content type, every hardening
/// header, and `no-store` (answers are private to their caller: an inbox,
/// a token list).
pub fn json_headers() -> worker::Headers {
    JSON.with(Clone::clone)
}

/// Lends the isolate's one copy of those headers, for a `Response`
/// constructor (which copies what it is given): an answer built straight
/// from them saves making a copy of its own first. Never to be changed.
pub fn with_json_headers<R>(f: impl FnOnce(&wasm_bindgen::JsValue) -> R) -> R {
    JSON.with(|h| f(h.as_ref()))
}

/// Sets them on a response's (mutable) headers, for answers not built from
/// [`json_headers`] (the portal's pages and files). No cache keeps them
/// unless the response chose otherwise (the portal's static files).
///
/// # Errors
/// When the runtime refuses a header.
pub fn apply(headers: &worker::Headers) -> worker::Result<()> {
    for (name, value) in HEADERS {
        headers.set(name, value)?;
    }
    if !headers.has("cache-control")? {
        headers.set("cache-control", "no-store")?;
    }
    Ok(())
}
