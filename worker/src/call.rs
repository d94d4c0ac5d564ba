//! A request as the objects read it, and their answer. It reaches an
//! object one of two ways:
//! - as the arguments of an RPC call (`api`), which is how the Worker
//!   forwards the API: no `Request` is built, sent or read on either side,
//!   and the answer comes back as `[status, body]`, which the Worker turns
//!   into the one `Response` the client gets. (In workerd a Durable Object
//!   hop by RPC cost 68 and 105 µs of CPU less than by `fetch` in two
//!   rounds, measured with two plain JavaScript objects.)
//! - as a runtime `Request` (`fetch`): socket handshakes, the portal's
//!   server functions, objects calling each other.

use hub_protocol::Caller;
use wasm_bindgen::JsValue;
use worker::{Method, Request, Response};

use crate::api_error::ApiError;
pub use crate::reply::{Answer, RpcAnswer};

pub struct Call {
    pub method: Method,
    /// The path alone (`/coordinator/chat`), percent-encoded as sent.
    pub path: String,
    /// The query string, without `?`.
    pub query: String,
    /// Who the Worker says is calling (anonymous when it said nothing).
    pub caller: Caller,
    pub team: String,
    /// The agent token's id on a socket handshake (`Caller::TOKEN_HEADER`).
    pub token: Option<String>,
    /// A WebSocket handshake (only ever by `fetch`).
    pub upgrade: bool,
    pub body: Vec<u8>,
}

impl Call {
    /// The arguments of an RPC `api` call (the body a JavaScript string,
    /// copied in by [`crate::js_text`]).
    pub fn of_rpc(method: &str, url: &str, caller: &str, team: String, body: &JsValue) -> Self {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        Self {
            method: Method::from(method.to_owned()),
            path: path.to_owned(),
            query: query.to_owned(),
            caller: Caller::from_header(caller).unwrap_or(Caller::Anonymous),
            team,
            token: None,
            upgrade: false,
            body: crate::js_text::utf8(body).unwrap_or_default(),
        }
    }

    /// A runtime request, its body read (within [`hub_protocol::MAX_BODY_BYTES`]).
    ///
    /// # Errors
    /// 413 above the limit, 400 when the body cannot be read.
    pub async fn of_request(mut req: Request) -> Result<Self, ApiError> {
        let header = |name: &str| req.headers().get(name).ok().flatten();
        declared_length(req.inner())?;
        let caller = header(Caller::HEADER).and_then(|v| Caller::from_header(&v)).unwrap_or(Caller::Anonymous);
        let team = header(hub_protocol::TeamId::HEADER).unwrap_or_else(|| crate::config::DEFAULT_TEAM.to_owned());
        let token = header(Caller::TOKEN_HEADER);
        let upgrade = header("upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
        let url = req.url()?;
        let method = req.method();
        let body = if req.inner().body().is_some() {
            req.bytes().await.map_err(|_| ApiError::bad_request("Could not read the request body"))?
        } else {
            Vec::new()
        };
        Ok(Self {
            method,
            path: url.path().to_owned(),
            query: url.query().unwrap_or("").to_owned(),
            caller,
            team,
            token,
            upgrade,
            body,
        })
    }
}

/// An object's `fetch`: the request read into a [`Call`], served, answered.
///
/// # Errors
/// Never: every failure is an answer.
pub async fn by_fetch<F>(req: Request, serve: impl FnOnce(Call) -> F) -> worker::Result<Response>
where
    F: std::future::Future<Output = Result<Answer, ApiError>>,
{
    let answer = match Call::of_request(req).await {
        Ok(call) => serve(call).await.unwrap_or_else(Answer::from),
        Err(e) => Answer::from(e),
    };
    Ok(answer.into_response())
}

/// An object's `api`: the RPC arguments served, answered as an [`RpcAnswer`].
pub async fn by_rpc<F>(args: [String; 4], body: JsValue, serve: impl FnOnce(Call) -> F) -> RpcAnswer
where
    F: std::future::Future<Output = Result<Answer, ApiError>>,
{
    let [method, url, caller, team] = args;
    let call = Call::of_rpc(&method, &url, &caller, team, &body);
    serve(call).await.unwrap_or_else(Answer::from).into_rpc()
}

/// The body's length as its `Content-Length` declares it (`None` when it
/// does not), refused above [`MAX_BODY_BYTES`].
///
/// # Errors
/// 413 for a declared length above the limit.
pub fn declared_length(req: &worker::web_sys::Request) -> Result<Option<u64>, ApiError> {
    match req.headers().get("content-length").ok().flatten().and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(n) if n > hub_protocol::MAX_BODY_BYTES as u64 => Err(ApiError::PayloadTooLarge),
        declared => Ok(declared),
    }
}
