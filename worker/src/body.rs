//! Decoding what a client sent: a JSON body within the size limit, or a query
//! string, into a typed request. Failures become 400/413 with words that say
//! which field is wrong.

use hub_protocol::MAX_BODY_BYTES;
use serde::de::DeserializeOwned;
use worker::Request;

use crate::api_error::ApiError;

/// # Errors
/// 413 above [`MAX_BODY_BYTES`]; 400 when the body is not JSON of type `T`.
pub async fn json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    let declared = req.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(ApiError::PayloadTooLarge);
    }
    let bytes = req.bytes().await.map_err(|_| ApiError::bad_request("Could not read the request body"))?;
    decode(&bytes)
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
pub async fn json_tagged<T: DeserializeOwned>(req: &mut Request, tag: &str, default: &str) -> Result<T, ApiError> {
    let mut value: serde_json::Value = json(req).await?;
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
pub fn query<T: DeserializeOwned>(req: &Request) -> Result<T, ApiError> {
    let url = req.url()?;
    serde_urlencoded::from_str(url.query().unwrap_or(""))
        .map_err(|e| ApiError::bad_request(format!("Invalid query string: {e}")))
}
