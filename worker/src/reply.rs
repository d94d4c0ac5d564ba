//! `Reply`: the one shape every Durable Object handler answers with.
//!
//! A status and a JSON body serialised once (straight to bytes, never through
//! a `serde_json::Value`), plus the effects the object carries out after the
//! answer is decided: lock changes to publish, events to push, escalations to
//! report. The coordinator has none (`E = ()`).

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use worker::js_sys::{JsString, Object};
use worker::Response;

use crate::api_error::ApiError;

#[wasm_bindgen]
extern "C" {
    /// An object's answer by RPC, as `worker/entry.js` and [`crate::objects`]
    /// read it: `{status, body, header?, value?}` (one extra header).
    #[wasm_bindgen(extends = Object)]
    pub type RpcAnswer;

    #[wasm_bindgen(method, getter)]
    pub fn status(this: &RpcAnswer) -> Option<u16>;
    #[wasm_bindgen(method, setter)]
    fn set_status(this: &RpcAnswer, status: u16);
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &RpcAnswer) -> JsString;
    #[wasm_bindgen(method, setter)]
    fn set_body(this: &RpcAnswer, body: &JsString);
    #[wasm_bindgen(method, getter)]
    pub fn header(this: &RpcAnswer) -> Option<String>;
    #[wasm_bindgen(method, setter)]
    fn set_header(this: &RpcAnswer, name: &str);
    #[wasm_bindgen(method, getter)]
    pub fn value(this: &RpcAnswer) -> Option<String>;
    #[wasm_bindgen(method, setter)]
    fn set_value(this: &RpcAnswer, value: &str);
}

pub struct Reply<E = ()> {
    status: u16,
    body: Vec<u8>,
    /// A header of its own (a body that is not JSON says its type).
    header: Option<(&'static str, String)>,
    pub effects: E,
}

impl<E: Default> Reply<E> {
    /// A 200 with `body`.
    pub fn ok<T: Serialize>(body: &T) -> Result<Self, ApiError> {
        Self::with_status(200, body)
    }

    pub fn with_status<T: Serialize>(status: u16, body: &T) -> Result<Self, ApiError> {
        Ok(Self { status, body: serde_json::to_vec(body)?, header: None, effects: E::default() })
    }
}

impl<E: Default> Reply<E> {
    /// A 200 whose body is JSON serialised before (see [`Self::body`]).
    pub fn ok_json(body: Vec<u8>) -> Self {
        Self { status: 200, body, header: None, effects: E::default() }
    }

    /// A 200 whose body is JSON Lines (one JSON value per line).
    pub fn ok_json_lines(body: Vec<u8>) -> Self {
        let header = Some(("content-type", "application/x-ndjson".to_owned()));
        Self { status: 200, body, header, effects: E::default() }
    }
}

impl<E> Reply<E> {
    /// Whether it is a 200: the only answer [`Self::ok_json`] can serve again.
    pub fn is_ok(&self) -> bool {
        self.status == 200
    }

    /// The body as serialised.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The same answer with `effects` to carry out.
    pub fn and<F>(self, effects: F) -> Reply<F> {
        Reply { status: self.status, body: self.body, header: self.header, effects }
    }

    /// The answer, with its effects split off for the caller to carry out.
    pub fn into_answer(self) -> (Answer, E) {
        (Answer::Json { status: self.status, body: self.body, header: self.header }, self.effects)
    }
}

/// A JSON answer with every header the hub's answers carry
/// ([`crate::hardening::json_headers`]), so the Worker can pass an
/// object's answer on as it is.
pub fn json(status: u16, body: Vec<u8>) -> Response {
    Response::builder().with_status(status).with_headers(crate::hardening::json_headers()).fixed(body)
}

/// What an object answers: JSON with a status (and at most one header of
/// an error's own), or a response of its own (a socket handshake).
pub enum Answer {
    Json { status: u16, body: Vec<u8>, header: Option<(&'static str, String)> },
    Response(Response),
}

impl Answer {
    /// For `fetch`.
    pub fn into_response(self) -> Response {
        match self {
            Answer::Json { status, body, header } => {
                let res = json(status, body);
                if let Some((name, value)) = header {
                    let _ = res.headers().set(name, &value);
                }
                res
            }
            Answer::Response(res) => res,
        }
    }

    /// For RPC, an [`RpcAnswer`]. A response of its own never answers RPC
    /// (handshakes come by `fetch`): 500.
    pub fn into_rpc(self) -> RpcAnswer {
        let Answer::Json { status, body, header } = self else {
            return Answer::from(ApiError::internal("a response that RPC cannot carry")).into_rpc();
        };
        let out: RpcAnswer = Object::new().unchecked_into();
        out.set_status(status);
        out.set_body(&JsString::from(String::from_utf8(body).unwrap_or_default().as_str()));
        if let Some((name, value)) = header {
            out.set_header(name);
            out.set_value(&value);
        }
        out
    }
}

impl From<Response> for Answer {
    fn from(res: Response) -> Self {
        Answer::Response(res)
    }
}

/// An error as an object's answer, for `fetch` or RPC alike.
impl From<ApiError> for Answer {
    fn from(e: ApiError) -> Self {
        e.log();
        let body = serde_json::to_vec(&e.body()).unwrap_or_else(|_| b"{}".to_vec());
        Answer::Json { status: e.status(), body, header: e.extra_header() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_once_with_the_status_given() {
        let r: Reply<Vec<u8>> = Reply::with_status(409, &serde_json::json!({"success": false})).unwrap();
        assert_eq!(r.status, 409);
        assert_eq!(r.body, br#"{"success":false}"#);
        assert!(r.effects.is_empty());
        let r = r.and(7u8);
        assert_eq!(r.effects, 7);
    }
}
