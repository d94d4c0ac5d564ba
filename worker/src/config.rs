//! Settings from `[vars]` in `wrangler.toml` and Worker secrets, each with
//! a default so a bare deployment works (and refuses the API until it has
//! its secrets).

use hub_domain::{PresencePolicy, RateLimit};
use std::cell::RefCell;
use std::collections::HashMap;

use worker::Env;

/// Name of the coordinator object for requests that name no team.
pub const DEFAULT_TEAM: &str = hub_protocol::TeamId::DEFAULT;

/// A non-empty string var or secret. Read as a plain property: on workerd a
/// binding `fromEnvironment` of an unset variable is `null`, which
/// `Env::var` cannot take (it throws inside the Wasm instance).
///
/// Read once per isolate and remembered: a deployment's vars and secrets
/// are fixed for the isolate's life (changing one starts new isolates),
/// and each read is a crossing of the Wasm boundary on every request.
fn text(env: &Env, name: &'static str) -> Option<String> {
    thread_local! {
        static READ: RefCell<HashMap<&'static str, Option<String>>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = READ.with(|read| read.borrow().get(name).cloned()) {
        return known;
    }
    let value = worker::js_sys::Reflect::get(env, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|v| !v.trim().is_empty());
    READ.with(|read| read.borrow_mut().insert(name, value.clone()));
    value
}

fn number(env: &Env, name: &'static str) -> Option<f64> {
    text(env, name).and_then(|v| v.trim().parse::<f64>().ok())
}

pub fn presence(env: &Env) -> PresencePolicy {
    number(env, "PRESENCE_OFFLINE_AFTER_SECS")
        .filter(|secs| *secs > 0.0)
        .map_or_else(PresencePolicy::default, |secs| PresencePolicy { offline_after_ms: (secs * 1000.0) as i64 })
}

/// The deployment's defaults for every team's settings: `HUB_NOT_DELIVERED_AFTER_SECS`,
/// `HUB_REESCALATE_EVERY_SECS`, `HUB_REESCALATE_TIMES`, `HUB_IN_PROGRESS_PER_AGENT`,
/// `HUB_RETURN_TASKS_AFTER_SECS` (the built-in value where unset or out of bounds).
pub fn team_settings(env: &Env) -> hub_protocol::TeamSettings {
    hub_domain::deployment_settings(|name| {
        let var = match name {
            "notDeliveredAfterSecs" => "HUB_NOT_DELIVERED_AFTER_SECS",
            "reescalateEverySecs" => "HUB_REESCALATE_EVERY_SECS",
            "reescalateTimes" => "HUB_REESCALATE_TIMES",
            "inProgressPerAgent" => "HUB_IN_PROGRESS_PER_AGENT",
            "returnTasksAfterSecs" => "HUB_RETURN_TASKS_AFTER_SECS",
            _ => return None,
        };
        text(env, var).and_then(|v| v.trim().parse().ok())
    })
}

/// The human (admin) token: secret `HUB_ADMIN_TOKEN`. Without it the hub
/// serves no API (unless the loopback compatibility switch is on).
pub fn admin_token(env: &Env) -> Option<String> {
    text(env, "HUB_ADMIN_TOKEN")
}

/// The key that seals agent and named humans' tokens: secret
/// `HUB_TOKEN_KEY`, or, without it, one derived from the human token (so a
/// hub with its one secret works; set the key to rotate the human token
/// without ending every agent's token).
pub fn token_key(env: &Env) -> Option<String> {
    text(env, "HUB_TOKEN_KEY").or_else(|| admin_token(env).map(|a| crate::secret::sign(&a, "agent-hub token key v1")))
}

/// `HUB_TRUST_CLIENT_IP = "cf-connecting-ip"`: a proxy in front (Cloudflare)
/// sets `CF-Connecting-IP`, so failed sign-ins are counted per address.
/// Off by default: a client could write any address there and never be
/// slowed, so without the switch every client shares one failure count.
pub fn trust_client_ip(env: &Env) -> bool {
    text(env, "HUB_TRUST_CLIENT_IP").is_some_and(|v| v.eq_ignore_ascii_case("cf-connecting-ip"))
}

/// The team join secret: secret `HUB_JOIN_SECRET`; joining is off without.
pub fn join_secret(env: &Env) -> Option<String> {
    text(env, "HUB_JOIN_SECRET")
}

/// `HUB_ALLOW_TOKENLESS = "loopback"`: old clients without tokens work,
/// from loopback only. Off unless set to exactly that.
pub fn tokenless_on_loopback(env: &Env) -> bool {
    text(env, "HUB_ALLOW_TOKENLESS").is_some_and(|v| v == "loopback")
}

/// `HUB_PUBLIC_URL`: where people reach this hub (for the answer links in
/// webhook messages); unset, messages carry none.
pub fn public_url(env: &Env) -> Option<String> {
    text(env, "HUB_PUBLIC_URL")
}

/// `HUB_WEBHOOKS_TO_LOCAL = "allow"`: webhooks may go to loopback and
/// private addresses (the generated workerd config lets them out too).
pub fn webhooks_to_local(env: &Env) -> bool {
    text(env, "HUB_WEBHOOKS_TO_LOCAL").is_some_and(|v| v == "allow")
}

/// `HUB_WEBHOOK_RETRY_SECS`: the wait before each retry of a failed
/// delivery ("60,300,1800,7200" unless set).
pub fn webhook_retry_secs(env: &Env) -> Vec<u32> {
    text(env, "HUB_WEBHOOK_RETRY_SECS")
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect::<Vec<u32>>())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| hub_domain::WEBHOOK_RETRY_SECS.to_vec())
}

/// Writes per credential: `HUB_WRITE_BURST` at once, then
/// `HUB_WRITES_PER_SEC`; either at 0 turns limiting off.
pub fn write_limit(env: &Env) -> RateLimit {
    let default = RateLimit::default();
    RateLimit {
        burst: number(env, "HUB_WRITE_BURST").unwrap_or(default.burst),
        per_sec: number(env, "HUB_WRITES_PER_SEC").unwrap_or(default.per_sec),
    }
}

/// Other origins allowed to call the API from a browser
/// (`HUB_CORS_ORIGINS`, comma-separated). None by default: the portal is
/// same-origin and agents are not browsers.
pub fn cors_origins(env: &Env) -> Vec<String> {
    text(env, "HUB_CORS_ORIGINS")
        .map(|v| v.split(',').map(|o| o.trim().trim_end_matches('/').to_owned()).filter(|o| !o.is_empty()).collect())
        .unwrap_or_default()
}

/// Joins per client address and team: a few at once, then one every ten
/// seconds; off with the write limit (benchmarks, tests of other things).
pub fn join_limit(env: &Env) -> RateLimit {
    if write_limit(env).is_off() {
        return RateLimit { burst: 0.0, per_sec: 0.0 };
    }
    RateLimit { burst: 5.0, per_sec: 0.1 }
}

/// Sockets one agent may hold open, on its team's coordinator and on its
/// own object (`HUB_SOCKETS_PER_AGENT`, default 8).
pub fn sockets_per_agent(env: &Env) -> usize {
    count(env, "HUB_SOCKETS_PER_AGENT", 8)
}

/// Sockets one human credential may hold open on a team's coordinator
/// (`HUB_SOCKETS_PER_HUMAN`, default 32: a portal tab holds one).
pub fn sockets_per_human(env: &Env) -> usize {
    count(env, "HUB_SOCKETS_PER_HUMAN", 32)
}

/// Sockets a team's coordinator holds at most, every agent and the portal
/// together (`HUB_SOCKETS_PER_TEAM`, default 1000).
pub fn sockets_per_team(env: &Env) -> usize {
    count(env, "HUB_SOCKETS_PER_TEAM", 1000)
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small, non-negative counts
fn count(env: &Env, name: &'static str, default: usize) -> usize {
    number(env, name).filter(|n| *n >= 1.0).map_or(default, |n| n as usize)
}

/// How much history is kept (`HUB_KEEP_CHAT`, `HUB_KEEP_DMS`,
/// `HUB_KEEP_MEMORIES`, `HUB_KEEP_TRACES`, `HUB_STEPS_PER_TRACE`).
pub fn retention(env: &Env) -> hub_domain::Retention {
    let d = hub_domain::Retention::default();
    #[allow(clippy::cast_possible_truncation)] // counts, far below u32::MAX
    let keep = |name: &'static str, default: u32| count(env, name, default as usize) as u32;
    hub_domain::Retention {
        chat: keep("HUB_KEEP_CHAT", d.chat),
        dms: keep("HUB_KEEP_DMS", d.dms),
        memories: keep("HUB_KEEP_MEMORIES", d.memories),
        traces: keep("HUB_KEEP_TRACES", d.traces),
        steps_per_trace: keep("HUB_STEPS_PER_TRACE", d.steps_per_trace),
    }
}
