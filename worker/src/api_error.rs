//! Every way a request can fail, mapped once to a status and a JSON body.
//!
//! Handlers return `Result<_, ApiError>` and use `?`; only this file knows
//! HTTP statuses. Internal causes are logged and answered with a generic 500,
//! so storage details never reach a client.

use hub_protocol::{ErrorBody, MAX_BODY_BYTES};

#[derive(Debug)]
pub enum ApiError {
    /// The body or query did not decode; the message names the field.
    BadRequest { message: String, field: Option<String> },
    PayloadTooLarge,
    NotFound { what: String, path: Option<String> },
    MethodNotAllowed { method: String, path: String, allowed: Vec<&'static str> },
    Conflict(String),
    Internal(String),
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest { message: message.into(), field: None }
    }

    pub fn bad_field(field: &str, message: impl std::fmt::Display) -> Self {
        ApiError::BadRequest { message: format!("{field} {message}"), field: Some(field.to_owned()) }
    }

    pub fn route_not_found(path: &str) -> Self {
        ApiError::NotFound { what: "Not found".into(), path: Some(path.to_owned()) }
    }

    pub fn internal(context: &str) -> Self {
        ApiError::Internal(context.to_owned())
    }

    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest { .. } => 400,
            ApiError::NotFound { .. } => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Conflict(_) => 409,
            ApiError::PayloadTooLarge => 413,
            ApiError::Internal(_) => 500,
        }
    }

    pub fn body(&self) -> ErrorBody {
        match self {
            ApiError::BadRequest { message, field } => {
                ErrorBody { field: field.clone(), ..ErrorBody::new(message.clone()) }
            }
            ApiError::PayloadTooLarge => ErrorBody {
                limit: Some(MAX_BODY_BYTES),
                ..ErrorBody::new(format!("Request body is larger than {MAX_BODY_BYTES} bytes"))
            },
            ApiError::NotFound { what, path } => ErrorBody { path: path.clone(), ..ErrorBody::new(what.clone()) },
            ApiError::MethodNotAllowed { method, path, allowed } => ErrorBody {
                path: Some(path.clone()),
                allowed: Some(allowed.iter().map(|m| (*m).to_owned()).collect()),
                ..ErrorBody::new(format!("Method {method} is not allowed here"))
            },
            ApiError::Conflict(message) => ErrorBody::new(message.clone()),
            ApiError::Internal(_) => ErrorBody::new("Internal server error"),
        }
    }

    fn log(&self) {
        if let ApiError::Internal(cause) = self {
            worker::console_error!("internal error: {cause}");
        }
    }

    /// For the Durable Objects, which answer with `worker::Response`.
    pub fn into_response(self) -> worker::Response {
        self.log();
        let status = self.status();
        match worker::Response::from_json(&self.body()) {
            Ok(res) => res.with_status(status),
            Err(_) => worker::Response::empty().map(|r| r.with_status(500)).unwrap_or_else(|_| unreachable_response()),
        }
    }

    /// For the Worker's own routes.
    pub fn into_http(self) -> http::Response<axum::body::Body> {
        self.log();
        crate::json_http(self.status(), &self.body())
    }
}

/// `Response::empty()` only fails if the JS runtime cannot build an object.
fn unreachable_response() -> worker::Response {
    worker::Response::from_bytes(Vec::new()).expect("the runtime can build an empty response")
}

impl From<worker::Error> for ApiError {
    fn from(e: worker::Error) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        ApiError::Internal(format!("json: {e}"))
    }
}
