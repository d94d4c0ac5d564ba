//! An admitted API request's hop to its object, made by the entry module.
//!
//! Once the Worker has decided where a request goes, as whom, and that it
//! may (`auth`, `limits`), what is left is plumbing: read the body, call the
//! object's `api`, wrap its `[status, body]` in a `Response`. Done from
//! Rust, that plumbing is a future: a `Promise` built around it, the body
//! and the answer each awaited through a `JsFuture` and resumed from a
//! microtask. worker/entry.js makes the same three calls directly when the
//! Worker answers with a [`Hop`] (measured with the hop written in the
//! entry for one route: 457–493 µs of CPU per checkpoint read against
//! 527–587 through Rust, three rounds). The Worker still forwards by itself
//! whatever needs more: a socket handshake, a revocation this isolate must
//! then forget, an answer that needs CORS headers, a body of undeclared
//! length.
//!
//! And since the Worker's own work rarely waits (a token it knows, a
//! loopback caller), [`now_or_later`] hands JavaScript its answer without
//! a `Promise` when it did not.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use worker::js_sys::Object;

use crate::api_error::ApiError;

/// Where an admitted request goes, and as whom: the arguments of the
/// object's `api` (see `crate::call`).
pub struct Hop {
    pub binding: &'static str,
    pub name: String,
    pub method: String,
    /// Path and query, as sent.
    pub url: String,
    pub caller: String,
    pub team: String,
    /// The request has a body (of declared length, within the limit).
    pub with_body: bool,
}

#[wasm_bindgen]
extern "C" {
    /// A [`Hop`] as `worker/entry.js` reads it: `{binding, name, method,
    /// url, caller, team, withBody, headers, failure}` — the headers every JSON answer carries (the isolate's one copy: the
    /// entry's `Response` copies it, and copies it first to add a header),
    /// and the body of the 500 the entry answers if the object cannot be
    /// reached.
    #[wasm_bindgen(extends = Object)]
    pub type JsHop;

    #[wasm_bindgen(method, setter)]
    fn set_binding(this: &JsHop, v: &str);
    #[wasm_bindgen(method, setter)]
    fn set_name(this: &JsHop, v: &str);
    #[wasm_bindgen(method, setter)]
    fn set_method(this: &JsHop, v: &str);
    #[wasm_bindgen(method, setter)]
    fn set_url(this: &JsHop, v: &str);
    #[wasm_bindgen(method, setter)]
    fn set_caller(this: &JsHop, v: &str);
    #[wasm_bindgen(method, setter)]
    fn set_team(this: &JsHop, v: &str);
    #[wasm_bindgen(method, setter, js_name = withBody)]
    fn set_with_body(this: &JsHop, v: bool);
    #[wasm_bindgen(method, setter)]
    fn set_headers(this: &JsHop, v: &JsValue);
    #[wasm_bindgen(method, setter)]
    fn set_failure(this: &JsHop, v: &JsValue);
}

impl Hop {
    /// The [`JsHop`] the entry module carries out.
    pub fn into_js(self) -> JsValue {
        let out: JsHop = Object::new().unchecked_into();
        out.set_binding(self.binding);
        out.set_name(&self.name);
        out.set_method(&self.method);
        out.set_url(&self.url);
        out.set_caller(&self.caller);
        out.set_team(&self.team);
        out.set_with_body(self.with_body);
        crate::hardening::with_json_headers(|headers| out.set_headers(headers));
        FAILURE.with(|f| out.set_failure(f));
        out.into()
    }
}

thread_local! {
    /// As the Worker answers any failure it does not name: a 500 whose
    /// cause stays in the log (the entry logs the rejection).
    static FAILURE: JsValue =
        JsValue::from_str(&serde_json::to_string(&ApiError::Internal(String::new()).body()).unwrap_or_default());
}

/// `fut`'s value now if it finishes without waiting, else a `Promise` of it.
pub fn now_or_later<F>(fut: F) -> JsValue
where
    F: Future<Output = JsValue> + 'static,
{
    let mut fut = Box::pin(fut);
    // A future that waits registers the waker of each poll: the noop one is
    // replaced when the promise's task polls it again.
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => worker::wasm_bindgen_futures::future_to_promise(async move { Ok(fut.await) }).into(),
    }
}
