//! Headers every response carries. The portal's pages add their CSP (with
//! the render's nonce) in `hub_app::shell`; the sign-in page has its own.

use axum::body::Body;

const HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

pub fn apply(mut res: http::Response<Body>) -> http::Response<Body> {
    if res.status() != http::StatusCode::SWITCHING_PROTOCOLS {
        let headers = res.headers_mut();
        for (name, value) in HEADERS {
            headers.insert(name, http::HeaderValue::from_static(value));
        }
    }
    res
}
