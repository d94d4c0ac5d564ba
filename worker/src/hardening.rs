//! Headers every response carries. The portal's pages add their CSP (with
//! the render's nonce) in `hub_app::shell`; the sign-in page has its own.

const HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// Sets them on a response's (mutable) headers. Answers are private to
/// their caller (an inbox, a token list): no cache keeps them unless the
/// response chose otherwise (the portal's static files). Over https,
/// browsers are told to stay on https.
///
/// # Errors
/// When the runtime refuses a header.
pub fn apply(headers: &worker::Headers, https: bool) -> worker::Result<()> {
    for (name, value) in HEADERS {
        headers.set(name, value)?;
    }
    if !headers.has("cache-control")? {
        headers.set("cache-control", "no-store")?;
    }
    if https {
        headers.set("strict-transport-security", "max-age=31536000")?;
    }
    Ok(())
}
