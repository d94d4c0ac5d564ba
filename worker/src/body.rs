//! Decoding what a client sent: a JSON body within the size limit, or a query
//! string, into a typed request. Failures become 400/413 with words that say
//! which field is wrong.

use hub_protocol::MAX_BODY_BYTES;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{web_sys, Request};

use crate::api_error::ApiError;
use crate::call::Call;

/// The Worker's copy of a request to forward, its body within
/// [`MAX_BODY_BYTES`] before any object wakes: a declared `Content-Length`
/// is checked and the stream passes through untouched (the runtime holds a
/// body to its declared length); a body of unknown length (chunked) is
/// read here, stopping at the limit, and forwarded as bytes.
///
/// # Errors
/// 413 above the limit, 400 when the body cannot be read.
pub async fn capped(req: &web_sys::Request) -> Result<web_sys::Request, ApiError> {
    if crate::call::declared_length(req)?.is_some() || req.body().is_none() {
        return Ok(copy(req)?);
    }
    let mut unknown = Request::from(copy(req)?);
    let mut stream = unknown.stream()?;
    let mut bytes = Vec::new();
    while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
        let chunk = chunk.map_err(|_| ApiError::bad_request("Could not read the request body"))?;
        if bytes.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let init = web_sys::RequestInit::new();
    init.set_method(&req.method());
    init.set_headers(&req.headers());
    init.set_body(&worker::js_sys::Uint8Array::from(bytes.as_slice()));
    Ok(web_sys::Request::new_with_str_and_init(&req.url(), &init).map_err(worker::Error::from)?)
}

/// The body as the runtime's string, within [`MAX_BODY_BYTES`] (empty
/// without one): forwarded as it is, never copied into Wasm here.
///
/// # Errors
/// 413 above the limit, 400 when the body cannot be read.
pub async fn js_text(req: &web_sys::Request) -> Result<JsValue, ApiError> {
    if req.body().is_none() {
        return Ok(JsValue::from_str(""));
    }
    // Of unknown length (chunked): read to the limit and no further.
    let read;
    let req = if crate::call::declared_length(req)?.is_some() {
        req
    } else {
        read = capped(req).await?;
        &read
    };
    let promise = req.text().map_err(worker::Error::from)?;
    let text = worker::wasm_bindgen_futures::JsFuture::from(promise).await;
    text.ok().filter(JsValue::is_string).ok_or_else(|| ApiError::bad_request("Could not read the request body"))
}

/// `new Request(req)`: the same method, URL and body, with headers of its
/// own that the Worker may change.
fn copy(req: &web_sys::Request) -> worker::Result<web_sys::Request> {
    web_sys::Request::new_with_request(req).map_err(worker::Error::from)
}

/// # Errors
/// 413 above [`MAX_BODY_BYTES`]; 400 when the body is not JSON of type `T`.
pub fn json<T: DeserializeOwned>(call: &Call) -> Result<T, ApiError> {
    decode(&call.body)
}

/// As [`json`], with an empty body meaning `T::default()` (a request whose
/// every field is optional: `POST /coordinator/tasks/take`).
///
/// # Errors
/// As [`json`].
pub fn json_or_empty<T: DeserializeOwned + Default>(call: &Call) -> Result<T, ApiError> {
    if call.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    json(call)
}

/// # Errors
/// As [`json`], on bytes already read.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("Request body is empty; expected a JSON object"));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(explain)?;
    de.end().map_err(|e| ApiError::bad_request(format!("Request body is not valid JSON: {e}")))?;
    Ok(value)
}

/// A JSON object body whose `tag` field defaults to `default` when absent
/// (`POST /coordinator/handoffs` without `action` means `create`).
///
/// # Errors
/// As [`json`].
pub fn json_tagged<T: DeserializeOwned>(call: &Call, tag: &str, default: &str) -> Result<T, ApiError> {
    let mut value: serde_json::Value = json(call)?;
    if let Some(obj) = value.as_object_mut() {
        obj.entry(tag).or_insert_with(|| default.into());
    }
    serde_path_to_error::deserialize(value).map_err(explain)
}

/// Words for a decoding failure that name the field at fault.
fn explain(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let field = e.path().to_string();
    let inner = e.into_inner();
    match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            ApiError::bad_request(format!("Request body is not valid JSON: {inner}"))
        }
        // serde names a missing field itself; for a bad value, say which.
        _ if field == "." || field.is_empty() => ApiError::bad_request(format!("Invalid request body: {inner}")),
        _ => ApiError::BadRequest { message: format!("Invalid {field}: {inner}"), field: Some(field) },
    }
}

/// # Errors
/// 400 when a query parameter has the wrong type or an invalid value.
pub fn query<T: DeserializeOwned>(call: &Call) -> Result<T, ApiError> {
    serde_urlencoded::from_str(&call.query).map_err(|e| ApiError::bad_request(format!("Invalid query string: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Lock {
        agent_id: String,
        ttl_ms: Option<u32>,
    }

    fn error(bytes: &[u8]) -> hub_protocol::ErrorBody {
        decode::<Lock>(bytes).unwrap_err().body()
    }

    #[test]
    fn a_good_body_decodes() {
        let lock: Lock = decode(br#" {"agentId": "ann", "ttlMs": 5000} "#).unwrap();
        assert_eq!((lock.agent_id.as_str(), lock.ttl_ms), ("ann", Some(5000)));
    }

    #[test]
    fn each_failure_says_what_is_wrong() {
        assert!(error(b"  ").error.contains("empty"));
        assert!(error(b"{\"agentId\": ").error.contains("not valid JSON"));
        assert!(error(br#"{"agentId": "ann"} trailing"#).error.contains("not valid JSON"));
        assert!(error(b"{}").error.contains("agentId"), "a missing field is named");
        let wrong = error(br#"{"agentId": "ann", "ttlMs": "soon"}"#);
        assert_eq!(wrong.field.as_deref(), Some("ttlMs"));
    }

    #[test]
    fn a_body_past_the_limit_is_never_parsed() {
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        assert!(matches!(decode::<Lock>(&big), Err(ApiError::PayloadTooLarge)));
    }
}
