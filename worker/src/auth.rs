//! The Worker's side of security: who is calling (bearer token, portal
//! session cookie, or nothing), established once per request before
//! anything reaches an object.
//!
//! Agent tokens are verified by the team's coordinator, which stores their
//! hashes, named humans' tokens by the hub's registry; a verified token is remembered for [`CACHE_MS`] by this isolate
//! so a busy agent does not cost its coordinator a call per request. A
//! revocation through this isolate forgets the token at once; other
//! isolates (in production) forget it within `CACHE_MS`.

use std::cell::RefCell;
use std::collections::HashMap;

use hub_protocol::{Caller, TeamId, VerifiedToken};
use worker::Env;

use crate::api_error::ApiError;
use crate::head::SOCKET_HEADER;
use crate::objects::HumanKey;
use crate::session::Session;
use crate::{config, objects, secret, session};

/// How long a verified agent token is trusted without asking again.
pub const CACHE_MS: i64 = 10_000;

/// The WebSocket sub-protocol a client offers beside `bearer.<token>`; the
/// hub selects it in the handshake (browsers require one to be selected).
pub const WS_PROTOCOL: &str = "agent-hub";

/// Who is calling, and the key their writes are counted under (never the
/// token itself).
pub struct Credential {
    pub caller: Caller,
    pub limit_key: String,
    /// An agent token sealed for this team: the team is known to exist
    /// (it was there when the token was minted), without asking.
    pub sealed: bool,
}

impl Credential {
    /// The id of the agent token presented, if one was.
    pub fn token_id(&self) -> Option<&str> {
        self.limit_key.strip_prefix("token:")
    }
}

thread_local! {
    static VERIFIED: RefCell<HashMap<String, (VerifiedToken, i64)>> = RefCell::new(HashMap::new());
}

/// # Errors
/// 503 when the hub has no admin secret (and the compatibility switch does
/// not apply), 401 for a missing or unknown credential.
pub async fn authenticate<B>(
    req: &http::Request<B>,
    env: &Env,
    team: &TeamId,
    public: bool,
) -> Result<Credential, ApiError> {
    let admin = config::admin_token(env);
    let tokenless_ok = config::tokenless_on_loopback(env) && is_loopback(req) && !from_another_site(req);
    let Some(admin) = admin else {
        return if tokenless_ok {
            Ok(Credential { caller: Caller::Legacy, limit_key: "legacy".into(), sealed: false })
        } else {
            Err(unconfigured())
        };
    };
    if let Some(token) = presented_token(req) {
        if secret::same(&token, &admin) {
            return Ok(Credential { caller: Caller::Human, limit_key: "human".into(), sealed: false });
        }
        if let Some(credential) = by_token(env, team, &token).await? {
            return Ok(credential);
        }
        return Err(ApiError::Unauthorized(format!(
            "Unknown or revoked token for team '{team}': a token works only in the team it was minted for \
             (send X-Hub-Team); ask a human for a new one, or join with the team's secret"
        )));
    }
    if let Some(credential) = by_session(req, env, &admin).await? {
        return Ok(credential);
    }
    if public {
        return Ok(Credential {
            caller: Caller::Anonymous,
            limit_key: format!("ip:{}", client_ip(req, env)),
            sealed: false,
        });
    }
    if tokenless_ok {
        return Ok(Credential { caller: Caller::Legacy, limit_key: "legacy".into(), sealed: false });
    }
    Err(ApiError::Unauthorized(
        "This needs a token: send Authorization: Bearer <token> (WebSocket: the sub-protocol bearer.<token>)".into(),
    ))
}

/// An agent's token (verified by the team's coordinator) or a named
/// human's (by the hub's registry); `None` for an unknown one. A token's
/// seal is checked first, with no storage: a made-up token, or one of
/// another team, never wakes an object. Tokens from before seals are looked
/// up only in teams the registry lists.
async fn by_token(env: &Env, team: &TeamId, token: &str) -> Result<Option<Credential>, ApiError> {
    let Some(key) = config::token_key(env) else { return Ok(None) };
    let (prefix, scope) = if token.starts_with(secret::HUMAN_TOKEN_PREFIX) {
        (secret::HUMAN_TOKEN_PREFIX, secret::HUMANS_SCOPE)
    } else if token.starts_with(secret::TOKEN_PREFIX) {
        (secret::TOKEN_PREFIX, team.as_str())
    } else {
        return Ok(None);
    };
    let sealed = match secret::check_seal(&key, prefix, scope, token) {
        secret::Seal::Forged => return Ok(None),
        secret::Seal::Valid => true,
        // Named humans' tokens live in the registry, which always exists.
        secret::Seal::Unsealed if prefix == secret::HUMAN_TOKEN_PREFIX => false,
        secret::Seal::Unsealed if crate::teams::exists(env, team).await? => false,
        secret::Seal::Unsealed => return Ok(None),
    };
    let hash = secret::sha256_hex(token);
    let verified = if prefix == secret::HUMAN_TOKEN_PREFIX {
        remembered(format!("humans\n{hash}"), objects::verify_human(env, HumanKey::Hash(&hash))).await?
    } else {
        remembered(format!("{team}\n{hash}"), objects::verify_token(env, team, &hash)).await?
    };
    Ok(verified.map(|v| Credential { sealed: sealed && prefix == secret::TOKEN_PREFIX, ..credential(v) }))
}

/// The portal's session cookie, from the hub's own pages only: the human
/// token's, or a named human's whose token is still live.
///
/// # Errors
/// When the registry cannot be reached.
pub async fn by_session<B>(req: &http::Request<B>, env: &Env, admin: &str) -> Result<Option<Credential>, ApiError> {
    if !same_origin_or_none(req) {
        return Ok(None);
    }
    Ok(match session::of(req, admin, crate::clock::now().millis()) {
        None => None,
        Some(Session::Admin) => Some(Credential { caller: Caller::Human, limit_key: "human".into(), sealed: false }),
        Some(Session::Named(id)) => {
            remembered(format!("session\n{id}"), objects::verify_human(env, HumanKey::Id(&id))).await?.map(credential)
        }
    })
}

/// Who a verified token speaks for: a `human:<name>` id is a named human.
fn credential(v: VerifiedToken) -> Credential {
    let caller = match Caller::from_header(v.agent_id.as_str()) {
        Some(human @ Caller::NamedHuman(_)) => human,
        _ => Caller::Agent(v.agent_id),
    };
    Credential { limit_key: format!("token:{}", v.token_id), caller, sealed: false }
}

pub fn unconfigured() -> ApiError {
    ApiError::Unavailable(
        "This hub has no HUB_ADMIN_TOKEN secret, so it serves no API. Set it with `wrangler secret put HUB_ADMIN_TOKEN` \
         (locally `cargo xtask serve` writes one to .dev.vars)."
            .into(),
    )
}

/// Forgets a revoked token in this isolate.
pub fn forget(token_id: &str) {
    VERIFIED.with(|v| v.borrow_mut().retain(|_, (t, _)| t.token_id != token_id));
}

/// Forgets every token of `agent` in `team` (all revoked at once).
pub fn forget_agent(team: &TeamId, agent: &str) {
    let prefix = format!("{team}\n");
    VERIFIED.with(|v| v.borrow_mut().retain(|key, (t, _)| !(key.starts_with(&prefix) && t.agent_id.as_str() == agent)));
}

/// The answer of `lookup`, remembered under `key` for [`CACHE_MS`].
async fn remembered(
    key: String,
    lookup: impl std::future::Future<Output = worker::Result<Option<VerifiedToken>>>,
) -> Result<Option<VerifiedToken>, ApiError> {
    let now = crate::clock::now().millis();
    let cached = VERIFIED.with(|v| v.borrow().get(&key).filter(|(_, at)| now - at < CACHE_MS).map(|(t, _)| t.clone()));
    if cached.is_some() {
        return Ok(cached);
    }
    let verified = lookup.await?;
    if let Some(v) = &verified {
        VERIFIED.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.len() > 10_000 {
                cache.retain(|_, (_, at)| now - *at < CACHE_MS);
            }
            cache.insert(key, (v.clone(), now));
        });
    }
    Ok(verified)
}

/// `Authorization: Bearer <token>`, or on a WebSocket upgrade the
/// sub-protocol `bearer.<token>` (browsers cannot set headers there).
fn presented_token<B>(req: &http::Request<B>) -> Option<String> {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(auth) = header(http::header::AUTHORIZATION) {
        let (scheme, token) = auth.trim().split_once(' ').unwrap_or((auth, ""));
        if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() {
            return Some(token.trim().to_owned());
        }
    }
    header(http::header::SEC_WEBSOCKET_PROTOCOL)?
        .split(',')
        .find_map(|p| p.trim().strip_prefix("bearer.").map(str::to_owned))
}

/// Whether the client offered [`WS_PROTOCOL`], so the handshake must
/// select it.
/// A WebSocket handshake.
pub fn offered_ws_upgrade<B>(req: &http::Request<B>) -> bool {
    req.headers()
        .get(http::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

pub fn offered_ws_protocol<B>(req: &http::Request<B>) -> bool {
    req.headers()
        .get(http::header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|p| p.trim() == WS_PROTOCOL))
}

/// The portal's cookie counts only for requests from the hub's own pages:
/// a browser sends `Origin` on cross-origin requests and WebSocket
/// handshakes, and SameSite=Strict already keeps the cookie off other
/// sites' requests.
pub fn same_origin_or_none<B>(req: &http::Request<B>) -> bool {
    match req.headers().get(http::header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => own_origin(req).is_some_and(|own| own.eq_ignore_ascii_case(origin)),
    }
}

/// `scheme://host[:port]` of the request.
pub fn own_origin<B>(req: &http::Request<B>) -> Option<String> {
    let uri = req.uri();
    Some(format!("{}://{}", uri.scheme_str()?, uri.authority()?))
}

/// The client's address as the proxy in front reports it, when the
/// deployment says one does (`HUB_TRUST_CLIENT_IP`); otherwise `unknown`
/// for every client: a header any client can write must not decide whose
/// failures count where.
pub fn client_ip<B>(req: &http::Request<B>, env: &Env) -> String {
    if !config::trust_client_ip(env) {
        return "unknown".to_owned();
    }
    req.headers().get("cf-connecting-ip").and_then(|v| v.to_str().ok()).unwrap_or("unknown").to_owned()
}

/// A browser request made by a page of another site: such a page must not
/// reach an agent's inbox through the tokenless switch just because the
/// developer who runs the hub visits it. Browsers send `Sec-Fetch-Site`
/// and, on cross-origin requests, `Origin`; agents' own clients send
/// neither.
fn from_another_site<B>(req: &http::Request<B>) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let cross_fetch = header("sec-fetch-site").is_some_and(|v| v.eq_ignore_ascii_case("cross-site"));
    let foreign_origin =
        header("origin").is_some_and(|o| own_origin(req).is_none_or(|own| !own.eq_ignore_ascii_case(o)));
    cross_fetch || foreign_origin
}

/// A request that came in through the hub's loopback socket. The proof is
/// the header workerd injects there; `Host` and `CF-Connecting-IP` are the
/// client's to write, so they can only refuse (on Cloudflare, where nothing
/// injects the header, the host is never a loopback name).
fn is_loopback<B>(req: &http::Request<B>) -> bool {
    let through_loopback_socket = req.headers().get(SOCKET_HEADER).is_some_and(|v| v == "loopback");
    let host_is_loopback = req.uri().host().is_some_and(|h| matches!(h, "127.0.0.1" | "localhost" | "[::1]" | "::1"));
    let ip_is_loopback = req
        .headers()
        .get("cf-connecting-ip")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ip| ip.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback()));
    through_loopback_socket && host_is_loopback && ip_is_loopback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(host: &str, headers: &[(&str, &str)]) -> http::Request<()> {
        let mut b = http::Request::builder().uri(format!("http://{host}/coordinator/chat"));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn loopback_is_proved_by_the_socket_not_by_what_the_client_writes() {
        let socket = (SOCKET_HEADER, "loopback");
        assert!(is_loopback(&request("127.0.0.1:8787", &[socket])));
        assert!(!is_loopback(&request("127.0.0.1:8787", &[])), "a Host header proves nothing");
        assert!(!is_loopback(&request("localhost", &[("cf-connecting-ip", "127.0.0.1")])), "nor CF-Connecting-IP");
        assert!(!is_loopback(&request("hub.example.com", &[socket])), "a public name refuses");
        assert!(!is_loopback(&request("127.0.0.1", &[socket, ("cf-connecting-ip", "203.0.113.9")])));
    }

    #[test]
    fn pages_of_other_sites_never_pass_the_switch() {
        assert!(from_another_site(&request("127.0.0.1", &[("sec-fetch-site", "cross-site")])));
        assert!(from_another_site(&request("127.0.0.1", &[("origin", "https://evil.example")])));
        assert!(!from_another_site(&request("127.0.0.1", &[])), "agents' own clients send neither");
    }
}
