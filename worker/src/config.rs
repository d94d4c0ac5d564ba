//! Settings from `[vars]` in `wrangler.toml`, each with a default so a bare
//! deployment works.

use hub_domain::PresencePolicy;
use worker::Env;

/// Name of the coordinator object for requests that name no team.
pub const DEFAULT_TEAM: &str = "main";

pub fn presence(env: &Env) -> PresencePolicy {
    env.var("PRESENCE_OFFLINE_AFTER_SECS")
        .ok()
        .and_then(|v| v.to_string().parse::<i64>().ok())
        .filter(|secs| *secs > 0)
        .map_or_else(PresencePolicy::default, |secs| PresencePolicy { offline_after_ms: secs * 1000 })
}
