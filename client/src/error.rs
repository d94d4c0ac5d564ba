use std::fmt;

/// What can go wrong talking to the hub. `Api` carries the hub's own words
/// (`{"error": ...}`) and status, so callers can branch on 409 and friends.
#[derive(Debug)]
pub enum HubError {
    /// The hub answered with an error status.
    Api { status: u16, message: String },
    /// The hub could not be reached (or timed out).
    Unreachable(String),
    /// The hub answered something that is not the expected JSON.
    Decode(String),
    /// A value given to the client is invalid (an agent id, a path).
    Invalid(String),
}

impl HubError {
    pub fn status(&self) -> Option<u16> {
        match self {
            HubError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl fmt::Display for HubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HubError::Api { status, message } => write!(f, "hub answered {status}: {message}"),
            HubError::Unreachable(e) => write!(f, "hub unreachable: {e}"),
            HubError::Decode(e) => write!(f, "unexpected answer from the hub: {e}"),
            HubError::Invalid(e) => write!(f, "invalid input: {e}"),
        }
    }
}

impl std::error::Error for HubError {}
