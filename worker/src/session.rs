//! The portal's session cookie: `v2.<expiry ms>.<HMAC-SHA256>` keyed by a
//! key derived from the human token, so it needs no storage and rotating the token ends
//! every session. HttpOnly (no script reads it), Secure, SameSite=Strict
//! (no other site's request carries it).

use crate::secret;

pub const COOKIE: &str = "hub_session";
/// Seven days.
pub const MAX_AGE_SECS: i64 = 7 * 24 * 3600;

/// Signed with a key of its own, derived from the human token under a
/// label: the token itself never keys anything but its own check.
fn signature(admin: &str, expires_ms: i64) -> String {
    let key = secret::sign(admin, "agent-hub session key v2");
    secret::sign(&key, &format!("agent-hub session v2 {expires_ms}"))
}

/// The `Set-Cookie` value of a new session.
pub fn issue(admin: &str, now_ms: i64) -> String {
    let expires = now_ms + MAX_AGE_SECS * 1000;
    format!(
        "{COOKIE}=v2.{expires}.{}; Path=/; Max-Age={MAX_AGE_SECS}; HttpOnly; Secure; SameSite=Strict",
        signature(admin, expires)
    )
}

/// The `Set-Cookie` value that ends the session.
pub fn clear() -> String {
    format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
}

/// Whether the request carries an unexpired session signed with `admin`.
pub fn is_valid<B>(req: &http::Request<B>, admin: &str, now_ms: i64) -> bool {
    crate::route::cookies(req, COOKIE).any(|value| check(value, admin, now_ms))
}

fn check(value: &str, admin: &str, now_ms: i64) -> bool {
    let mut parts = value.splitn(3, '.');
    let (Some("v2"), Some(expires), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let Ok(expires_ms) = expires.parse::<i64>() else {
        return false;
    };
    expires_ms > now_ms && secret::same(sig, &signature(admin, expires_ms))
}
