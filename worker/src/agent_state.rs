//! `AgentState`: one per agent (checkpoint, inbox, memory, traces, soul).
//! Filled in by the AgentState issue; until then every path answers 501.

use worker::{durable_object, DurableObject, Env, Request, Response, State};

use crate::api_error::ApiError;

#[durable_object(fetch)]
pub struct AgentState {
    _state: State,
}

impl DurableObject for AgentState {
    fn new(state: State, _env: Env) -> Self {
        Self { _state: state }
    }

    async fn fetch(&self, _req: Request) -> worker::Result<Response> {
        Ok(ApiError::NotImplemented("Agent state (/agent/{id}/...) is not implemented yet".into()).into_response())
    }
}
