//! The objects' side of authorization: who the Worker says is calling, and
//! the one check every handler passes through.

use hub_domain::Access;
use hub_protocol::Caller;

use crate::api_error::ApiError;

/// The caller the Worker (or a calling object) named. A request without
/// the header is anonymous, so it can reach public routes only.
pub fn of(req: &worker::Request) -> Caller {
    req.headers()
        .get(Caller::HEADER)
        .ok()
        .flatten()
        .and_then(|v| Caller::from_header(&v))
        .unwrap_or(Caller::Anonymous)
}

/// # Errors
/// 401 without a credential, 403 with one that may not do this.
pub fn check(caller: &Caller, needs: impl IntoIterator<Item = Access>) -> Result<(), ApiError> {
    Ok(hub_domain::all(needs, caller)?)
}
