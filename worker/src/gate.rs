//! The Worker's gate, in front of every object: who is calling, whether
//! they may reach this team and this object at all, and how failures are
//! slowed. Nothing is stored and no object wakes before a request passes
//! it (the objects then check `access()` in full).

use hub_protocol::{AgentId, Caller, JoinTeam, TeamId};
use worker::{web_sys, Env};

use crate::api_error::ApiError;
use crate::auth::{self, Credential};
use crate::{clock, config, limits, secret, teams};

/// Who is calling, for the objects of `team` at `path`.
///
/// A failed sign-in counts against the client's address (one bucket for
/// all when no trusted proxy names it); once that is empty, failures get
/// 429 instead of 401. A valid credential is never refused for others'
/// failures: it is checked first, and only a failure is counted.
///
/// # Errors
/// 401/429 for an unknown credential, 404 for a team nobody created, 403
/// for an agent reaching into another agent's object.
pub async fn admit<B>(head: &http::Request<B>, env: &Env, team: &TeamId, public: bool) -> Result<Credential, ApiError> {
    let credential = match auth::authenticate(head, env, team, public).await {
        Err(ApiError::Unauthorized(why)) => return Err(failed(head, env, why)),
        other => other?,
    };
    let path = head.uri().path();
    // Sealed tokens prove their team; the registry is hub-wide; a join
    // creates its team once the secret is checked (`join`).
    if !credential.sealed && !public && !path.starts_with("/registry") && !teams::exists(env, team).await? {
        return Err(teams::unknown(team));
    }
    if let Some((owner, rest)) = agent_path(path) {
        let rest: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        hub_domain::may_reach_agent(&credential.caller, &owner, head.method().as_str(), &rest)?;
    }
    Ok(credential)
}

/// One more failure from this client: the 401, or 429 once they are too many.
fn failed<B>(head: &http::Request<B>, env: &Env, why: String) -> ApiError {
    let key = format!("auth-failures:{}", auth::client_ip(head, env));
    match limits::take(&key, config::write_limit(env), clock::now().millis()) {
        Ok(()) => ApiError::Unauthorized(why),
        Err(ApiError::TooManyRequests { retry_after_secs }) => ApiError::TooManyFailures { retry_after_secs },
        Err(other) => other,
    }
}

/// `/agent/{id}/rest`: the owner and the rest.
fn agent_path(path: &str) -> Option<(AgentId, &str)> {
    let rest = path.strip_prefix("/agent/")?;
    let (raw, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let id = AgentId::parse(&hub_protocol::percent_decode(raw)?).ok()?;
    Some((id, rest))
}

/// `POST /coordinator/join`: the secret is checked here, before the team's
/// coordinator wakes, and a right secret creates the team if it is new (the
/// one way an agent creates one). The body is read from a copy; the
/// request goes on untouched.
///
/// # Errors
/// 400 for a body that is no join, 403 for a wrong secret or a hub without
/// joining, 409 past the hub's team cap.
pub async fn join(req: &web_sys::Request, env: &Env, team: &TeamId) -> Result<(), ApiError> {
    let master = config::join_secret(env).ok_or_else(|| {
        ApiError::Forbidden("Joining by secret is not enabled on this hub (no HUB_JOIN_SECRET)".into())
    })?;
    let copy = req.clone().map_err(|_| ApiError::bad_request("Unreadable body"))?;
    let text = crate::body::js_text(&copy).await?.as_string().unwrap_or_default();
    let join: JoinTeam = crate::body::decode(text.as_bytes())?;
    if !secret::same(join.secret.as_str(), &secret::team_join_secret(&master, team.as_str())) {
        return Err(ApiError::Forbidden(format!("Wrong join secret for team '{team}'")));
    }
    if !teams::exists(env, team).await? {
        teams::create(env, team).await?;
    }
    Ok(())
}

/// After a named human's socket opened: the registry remembers where, so
/// revoking the token closes it.
pub async fn opened_socket(env: &Env, credential: &Credential, team: &TeamId, path: &str) {
    let (Caller::NamedHuman(_), Some(token_id)) = (&credential.caller, credential.token_id()) else { return };
    let socket = hub_protocol::HumanSocket {
        token_id: token_id.to_owned(),
        team: team.clone(),
        agent_id: agent_path(path).map(|(id, _)| id),
    };
    if let Err(e) = crate::objects::record_human_socket(env, &socket).await {
        worker::console_error!("could not record a named human's socket: {e}");
    }
}
