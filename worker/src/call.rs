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
use worker::js_sys::{Array, JsString};
use worker::{Method, Request, Response};

use crate::api_error::ApiError;

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
        crate::body::declared_length(req.inner())?;
        let caller = header(Caller::HEADER).and_then(|v| Caller::from_header(&v)).unwrap_or(Caller::Anonymous);
        let team = header(crate::route::TEAM_HEADER).unwrap_or_else(|| crate::config::DEFAULT_TEAM.to_owned());
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
                let res = crate::reply::json(status, body);
                if let Some((name, value)) = header {
                    let _ = res.headers().set(name, &value);
                }
                res
            }
            Answer::Response(res) => res,
        }
    }

    /// For RPC: `[status, body, header name?, header value?]`. A response of
    /// its own never answers RPC (handshakes come by `fetch`): 500.
    pub fn into_rpc(self) -> Array {
        let Answer::Json { status, body, header } = self else {
            return ApiError::internal("a response that RPC cannot carry").into_answer().into_rpc();
        };
        let text = String::from_utf8(body).unwrap_or_default();
        let out = Array::of2(&JsValue::from(status), &JsString::from(text.as_str()));
        if let Some((name, value)) = header {
            out.push(&JsValue::from_str(name));
            out.push(&JsValue::from_str(&value));
        }
        out
    }
}

impl From<Response> for Answer {
    fn from(res: Response) -> Self {
        Answer::Response(res)
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
        Ok(call) => serve(call).await.unwrap_or_else(ApiError::into_answer),
        Err(e) => e.into_answer(),
    };
    Ok(answer.into_response())
}

/// An object's `api`: the RPC arguments served, answered as an array.
pub async fn by_rpc<F>(args: [String; 4], body: JsValue, serve: impl FnOnce(Call) -> F) -> Array
where
    F: std::future::Future<Output = Result<Answer, ApiError>>,
{
    let [method, url, caller, team] = args;
    let call = Call::of_rpc(&method, &url, &caller, team, &body);
    serve(call).await.unwrap_or_else(ApiError::into_answer).into_rpc()
}
