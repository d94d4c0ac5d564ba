//! `ResourceLock`: one per resource path (TTL locks, history, expiry alarms).
//! Filled in by the locks issue; until then every path answers 501.

use worker::{durable_object, DurableObject, Env, Request, Response, State};

use crate::api_error::ApiError;

#[durable_object(fetch)]
pub struct ResourceLock {
    _state: State,
}

impl DurableObject for ResourceLock {
    fn new(state: State, _env: Env) -> Self {
        Self { _state: state }
    }

    async fn fetch(&self, _req: Request) -> worker::Result<Response> {
        Ok(ApiError::NotImplemented("Resource locks (/lock/{path}/...) are not implemented yet".into()).into_response())
    }
}
