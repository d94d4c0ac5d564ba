//! The portal's session cookie: `v2.<expiry ms>.<HMAC-SHA256>` for the
//! human token, `v3.<expiry ms>.<token id>.<HMAC-SHA256>` for a named
//! human's, keyed by a key derived from the human token, so it needs no
//! storage and rotating the token ends every session. A named human's
//! session holds as long as their token does (the Worker asks the registry
//! whether the id is live). HttpOnly (no script reads it), Secure, SameSite=Strict
//! (no other site's request carries it).

use crate::secret;

pub const COOKIE: &str = "hub_session";
/// Seven days.
pub const MAX_AGE_SECS: i64 = 7 * 24 * 3600;

/// Whose session it is.
#[derive(Debug, PartialEq, Eq)]
pub enum Session {
    /// Signed in with the human token.
    Admin,
    /// Signed in with a named human's token: its id.
    Named(String),
}

/// Signed with a key of its own, derived from the human token under a
/// label: the token itself never keys anything but its own check.
fn signature(admin: &str, expires_ms: i64, token_id: Option<&str>) -> String {
    let key = secret::sign(admin, "agent-hub session key v2");
    match token_id {
        None => secret::sign(&key, &format!("agent-hub session v2 {expires_ms}")),
        Some(id) => secret::sign(&key, &format!("agent-hub session v3 {expires_ms} {id}")),
    }
}

/// The `Set-Cookie` value of a new session: the human token's, or (with
/// `token_id`) a named human's.
pub fn issue(admin: &str, token_id: Option<&str>, now_ms: i64) -> String {
    let expires = now_ms + MAX_AGE_SECS * 1000;
    let sig = signature(admin, expires, token_id);
    let value = match token_id {
        None => format!("v2.{expires}.{sig}"),
        Some(id) => format!("v3.{expires}.{id}.{sig}"),
    };
    format!("{COOKIE}={value}; Path=/; Max-Age={MAX_AGE_SECS}; HttpOnly; Secure; SameSite=Strict")
}

/// The `Set-Cookie` value that ends the session.
pub fn clear() -> String {
    format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
}

/// The request's unexpired session signed with `admin`, if it has one.
pub fn of<B>(req: &http::Request<B>, admin: &str, now_ms: i64) -> Option<Session> {
    crate::head::cookies(req, COOKIE).find_map(|value| check(value, admin, now_ms))
}

fn check(value: &str, admin: &str, now_ms: i64) -> Option<Session> {
    let parts: Vec<&str> = value.split('.').collect();
    let (expires, token_id, sig) = match parts[..] {
        ["v2", expires, sig] => (expires, None, sig),
        ["v3", expires, id, sig] => (expires, Some(id), sig),
        _ => return None,
    };
    let expires_ms = expires.parse::<i64>().ok()?;
    let valid = expires_ms > now_ms && secret::same(sig, &signature(admin, expires_ms, token_id));
    valid.then(|| token_id.map_or(Session::Admin, |id| Session::Named(id.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie_value(set_cookie: &str) -> &str {
        set_cookie.split(';').next().and_then(|c| c.split_once('=')).map(|(_, v)| v).unwrap_or_default()
    }

    #[test]
    fn a_session_names_its_human_and_holds_only_under_its_key() {
        let admin = cookie_value(&issue("k", None, 1_000)).to_owned();
        assert_eq!(check(&admin, "k", 2_000), Some(Session::Admin));
        let named = issue("k", Some("htok_1"), 1_000);
        let named = cookie_value(&named);
        assert_eq!(check(named, "k", 2_000), Some(Session::Named("htok_1".into())));
        assert_eq!(check(named, "other key", 2_000), None);
        assert_eq!(check(&named.replace("htok_1", "htok_2"), "k", 2_000), None, "the id is signed");
        assert_eq!(check(named, "k", 1_000 + MAX_AGE_SECS * 1000), None, "expired");
    }
}
