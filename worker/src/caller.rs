//! The objects' side of a forwarded request: its team, who the Worker says
//! is calling, and the one check every handler passes through.

use hub_domain::Access;
use hub_protocol::Caller;

use crate::api_error::ApiError;

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
    pub fn read(req: &worker::Request, schema: &crate::migrations::Schema) -> Result<Self, ApiError> {
        schema.ready()?;
        let token = req.headers().get(Caller::TOKEN_HEADER).ok().flatten();
        Ok(Self { team: crate::route::team_of(req), caller: of(req), token })
    }
}

/// The caller the Worker (or a calling object) named. A request without
/// the header is anonymous, so it can reach public routes only.
pub fn of(req: &worker::Request) -> Caller {
    req.headers().get(Caller::HEADER).ok().flatten().and_then(|v| Caller::from_header(&v)).unwrap_or(Caller::Anonymous)
}

/// # Errors
/// 401 without a credential, 403 with one that may not do this.
pub fn check(caller: &Caller, needs: impl IntoIterator<Item = Access>) -> Result<(), ApiError> {
    Ok(hub_domain::all(needs, caller)?)
}
