//! Headers every response carries. The portal's pages add their CSP (with
//! the render's nonce) in `hub_app::shell`; the sign-in page has its own.

const HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// Sets them on a response's (mutable) headers.
///
/// # Errors
/// When the runtime refuses a header.
pub fn apply(headers: &worker::Headers) -> worker::Result<()> {
    for (name, value) in HEADERS {
        headers.set(name, value)?;
    }
    Ok(())
}
