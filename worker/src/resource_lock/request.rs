use hub_domain::Access;
use hub_protocol::{LockRequest, RenewRequest, ResourcePath, UnlockRequest};
use worker::Method;

use crate::api_error::ApiError;
use crate::body;
use crate::call::Call;

pub enum LockCall {
    Check,
    Lock(LockRequest),
    Unlock(UnlockRequest),
    Renew(RenewRequest),
    History,
}

impl LockCall {
    /// Decodes `/lock/{path}[/action]`; returns the resource path too.
    ///
    /// # Errors
    /// 404/405 for unknown paths or methods, 400/413 for bad bodies.
    pub fn decode(req: &Call) -> Result<(ResourcePath, Self), ApiError> {
        let path = req.path.clone();
        let mut segments = path.trim_start_matches('/').split('/').skip(1);
        let resource = ResourcePath::from_segment(segments.next().unwrap_or(""))
            .map_err(|e| ApiError::bad_field("resourcePath", e))?;
        let action = segments.next().unwrap_or("check");
        if segments.next().is_some() {
            return Err(ApiError::route_not_found(&path));
        }
        let method = req.method.clone();
        let not_allowed = |allowed: &'static str| ApiError::MethodNotAllowed {
            method: method.to_string(),
            path: path.clone(),
            allowed: vec![allowed],
        };
        let call = match (action, &method) {
            ("check" | "", Method::Get) => LockCall::Check,
            ("history", Method::Get) => LockCall::History,
            ("lock", Method::Post) => LockCall::Lock(body::json(req)?),
            ("unlock", Method::Post) => LockCall::Unlock(body::json(req)?),
            ("renew", Method::Post) => LockCall::Renew(body::json(req)?),
            ("check" | "" | "history", _) => return Err(not_allowed("GET")),
            ("lock" | "unlock" | "renew", _) => return Err(not_allowed("POST")),
            _ => return Err(ApiError::route_not_found(&path)),
        };
        Ok((resource, call))
    }
}

impl LockCall {
    /// What the caller needs: reads are team-wide, writes act as the agent
    /// named in the body, and forcing is the human's.
    pub fn access(&self) -> Vec<Access> {
        match self {
            LockCall::Check | LockCall::History => vec![Access::Member],
            LockCall::Lock(r) => vec![Access::Own(r.agent_id.clone())],
            LockCall::Renew(r) => vec![Access::Own(r.agent_id.clone())],
            LockCall::Unlock(u) if u.force => vec![Access::AsHuman(u.agent_id.clone())],
            LockCall::Unlock(u) => vec![Access::Own(u.agent_id.clone())],
        }
    }
}
