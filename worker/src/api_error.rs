//! Every way a request can fail, mapped once to a status and a JSON body.
//!
//! Handlers return `Result<_, ApiError>` and use `?`; only this file knows
//! HTTP statuses. Internal causes are logged and answered with a generic 500,
//! so storage details never reach a client.

use hub_protocol::{ErrorBody, MAX_BODY_BYTES};

#[derive(Debug)]
pub enum ApiError {
    /// The body or query did not decode; the message names the field.
    BadRequest {
        message: String,
        field: Option<String>,
    },
    PayloadTooLarge,
    NotFound {
        what: String,
        path: Option<String>,
    },
    MethodNotAllowed {
        method: String,
        path: String,
        allowed: Vec<&'static str>,
    },
    Conflict(String),
    /// A 409 that names what is in the way (the claim or zone held).
    Taken(Box<ErrorBody>),
    /// No credential, or one the hub does not know: 401.
    Unauthorized(String),
    /// A known credential that may not do this: 403.
    Forbidden(String),
    /// Too many writes for this credential: 429 with `Retry-After`.
    TooManyRequests {
        retry_after_secs: u64,
    },
    /// Over a cap of open sockets (per agent or per team): 429, saying which.
    TooManySockets(String),
    /// Too many failed sign-ins from this address (or, without a trusted
    /// proxy, from anywhere): 429 with `Retry-After`. Only failing attempts
    /// get it; a valid credential is never refused for others' failures.
    TooManyFailures {
        retry_after_secs: u64,
    },
    /// The hub is not configured to serve this (no secrets): 503.
    Unavailable(String),
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
            ApiError::Conflict(_) | ApiError::Taken(_) => 409,
            ApiError::Unauthorized(_) => 401,
            ApiError::Forbidden(_) => 403,
            ApiError::TooManyRequests { .. } | ApiError::TooManySockets(_) | ApiError::TooManyFailures { .. } => 429,
            ApiError::Unavailable(_) => 503,
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
            ApiError::Conflict(message)
            | ApiError::Unauthorized(message)
            | ApiError::Forbidden(message)
            | ApiError::Unavailable(message)
            | ApiError::TooManySockets(message) => ErrorBody::new(message.clone()),
            ApiError::TooManyRequests { retry_after_secs } => {
                ErrorBody::new(format!("Too many writes with this credential: retry after {retry_after_secs} s"))
            }
            ApiError::TooManyFailures { retry_after_secs } => ErrorBody::new(format!(
                "Too many failed sign-ins: retry after {retry_after_secs} s with a valid token (a valid one is never \
                 refused for this)"
            )),
            ApiError::Taken(body) => (**body).clone(),
            ApiError::Internal(_) => ErrorBody::new("Internal server error"),
        }
    }

    pub(crate) fn log(&self) {
        if let ApiError::Internal(cause) = self {
            worker::console_error!("internal error: {cause}");
        }
    }

    /// The headers this error adds: `WWW-Authenticate` on a 401,
    /// `Retry-After` on a 429.
    pub(crate) fn extra_header(&self) -> Option<(&'static str, String)> {
        match self {
            ApiError::Unauthorized(_) => Some(("www-authenticate", "Bearer realm=\"agent-hub\"".into())),
            ApiError::TooManyRequests { retry_after_secs } | ApiError::TooManyFailures { retry_after_secs } => {
                Some(("retry-after", retry_after_secs.to_string()))
            }
            _ => None,
        }
    }

    /// As `worker::Response` (the objects' and the Worker's API answers),
    /// with the headers every JSON answer carries.
    pub fn into_response(self) -> worker::Response {
        self.log();
        let body = serde_json::to_vec(&self.body()).unwrap_or_else(|_| b"{}".to_vec());
        let res = worker::Response::builder()
            .with_status(self.status())
            .with_headers(crate::hardening::json_headers())
            .fixed(body);
        if let Some((name, value)) = self.extra_header() {
            let _ = res.headers().set(name, &value);
        }
        res
    }

    /// For the Worker's own routes.
    pub fn into_http(self) -> http::Response<axum::body::Body> {
        self.log();
        let mut res = crate::head::json_http(self.status(), &self.body());
        if let Some((name, value)) = self.extra_header() {
            if let Ok(value) = http::HeaderValue::from_str(&value) {
                res.headers_mut().insert(name, value);
            }
        }
        res
    }
}

/// `Response::empty()` only fails if the JS runtime cannot build an object.
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

impl From<hub_domain::Refusal> for ApiError {
    fn from(r: hub_domain::Refusal) -> Self {
        match r {
            hub_domain::Refusal::Field { field, message } => ApiError::bad_field(field, message),
            hub_domain::Refusal::Conflict(why) => ApiError::Conflict(why),
        }
    }
}

impl From<hub_domain::Denied> for ApiError {
    fn from(denied: hub_domain::Denied) -> Self {
        match denied {
            hub_domain::Denied::NoCredential => ApiError::Unauthorized(denied.to_string()),
            other => ApiError::Forbidden(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_status() {
        let cases = [
            (ApiError::bad_field("ttlMs", "must be positive"), 400),
            (ApiError::PayloadTooLarge, 413),
            (ApiError::route_not_found("/nowhere"), 404),
            (ApiError::MethodNotAllowed { method: "PUT".into(), path: "/x".into(), allowed: vec!["GET"] }, 405),
            (ApiError::Conflict("held".into()), 409),
            (ApiError::Unauthorized("who?".into()), 401),
            (ApiError::Forbidden("not yours".into()), 403),
            (ApiError::TooManyRequests { retry_after_secs: 3 }, 429),
            (ApiError::Unavailable("no secrets".into()), 503),
            (ApiError::internal("disk on fire"), 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.status(), status, "{error:?}");
            assert!(!error.body().error.is_empty(), "{error:?} says nothing");
        }
    }

    #[test]
    fn bodies_point_at_the_culprit() {
        let bad = ApiError::bad_field("ttlMs", "must be positive").body();
        assert_eq!((bad.error.as_str(), bad.field.as_deref()), ("ttlMs must be positive", Some("ttlMs")));
        let big = ApiError::PayloadTooLarge.body();
        assert_eq!(big.limit, Some(MAX_BODY_BYTES));
        let method = ApiError::MethodNotAllowed { method: "PUT".into(), path: "/x".into(), allowed: vec!["GET"] };
        assert_eq!(method.body().allowed, Some(vec!["GET".to_owned()]));
        assert_eq!(ApiError::route_not_found("/nowhere").body().path.as_deref(), Some("/nowhere"));
    }

    #[test]
    fn an_internal_cause_never_reaches_the_client() {
        let body = serde_json::to_string(&ApiError::internal("SQLITE_CORRUPT in table tokens").body()).unwrap();
        assert_eq!(body, r#"{"success":false,"error":"Internal server error"}"#);
    }

    #[test]
    fn refusals_say_how_to_come_back() {
        assert_eq!(ApiError::TooManyRequests { retry_after_secs: 3 }.extra_header(), Some(("retry-after", "3".into())));
        assert_eq!(ApiError::Unauthorized("who?".into()).extra_header().map(|h| h.0), Some("www-authenticate"));
        assert_eq!(ApiError::Forbidden("no".into()).extra_header(), None);
    }
}
