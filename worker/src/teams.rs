//! Which teams exist, as the registry says, remembered by this isolate: a
//! request for a team nobody created wakes no object and stores nothing
//! (a typo in the portal's team box, or a made-up `X-Hub-Team`, is a 404
//! rather than a new team). Teams are never deleted, so a team known once
//! stays known; an unknown name is asked again next time.

use std::cell::RefCell;
use std::collections::HashSet;

use hub_protocol::TeamId;
use worker::Env;

use crate::api_error::ApiError;

thread_local! {
    static KNOWN: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Whether `team` exists (asking the registry unless this isolate knows).
///
/// # Errors
/// When the registry cannot be reached.
pub async fn exists(env: &Env, team: &TeamId) -> Result<bool, ApiError> {
    if KNOWN.with(|k| k.borrow().contains(team.as_str())) {
        return Ok(true);
    }
    let found = crate::objects::team_exists(env, team).await?;
    if found {
        remember(team);
    }
    Ok(found)
}

/// This isolate saw `team` created.
pub fn remember(team: &TeamId) {
    KNOWN.with(|k| k.borrow_mut().insert(team.as_str().to_owned()));
}

/// Creates `team` in the registry (a join with its secret).
///
/// # Errors
/// When the registry cannot be reached, or refuses (the hub's cap).
pub async fn create(env: &Env, team: &TeamId) -> Result<(), ApiError> {
    crate::objects::register_team(env, team.as_str()).await?;
    remember(team);
    Ok(())
}

/// The 404 for a team nobody created.
pub fn unknown(team: &TeamId) -> ApiError {
    ApiError::NotFound {
        what: format!(
            "No team '{team}' on this hub: a human creates teams (portal: Teams, or POST /registry/teams \
             {{\"name\": \"{team}\"}}); an agent joins one with its secret (POST /coordinator/join)"
        ),
        path: None,
    }
}
