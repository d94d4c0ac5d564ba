//! The objects' side of a forwarded request: its team, who the Worker says
//! is calling, and the one check every handler passes through.

use hub_domain::Access;
use hub_protocol::Caller;

use crate::api_error::ApiError;
use crate::call::Call;

/// What every object reads first: its schema is ready, then the team and
/// the caller the Worker named.
pub struct Inbound {
    pub team: String,
    pub caller: Caller,
    /// The agent token's id on a socket handshake (see `Caller::TOKEN_HEADER`).
    pub token: Option<String>,
}

impl Inbound {
    /// # Errors
    /// 500 when the object's migrations failed.
    pub fn read(call: &Call, schema: &crate::migrations::Schema) -> Result<Self, ApiError> {
        schema.ready()?;
        Ok(Self { team: call.team.clone(), caller: call.caller.clone(), token: call.token.clone() })
    }
}

/// # Errors
/// 401 without a credential, 403 with one that may not do this.
pub fn check(caller: &Caller, needs: impl IntoIterator<Item = Access>) -> Result<(), ApiError> {
    Ok(hub_domain::all(needs, caller)?)
}
