//! How a command fails: an exit code scripts can rely on and a message for
//! the person (see `main.rs`), and the two helpers every command shares.

use hub_client::HubError;
use hub_protocol::Text;
use serde::Serialize;

/// A failed command: the exit code and what to say.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl From<HubError> for Failure {
    fn from(e: HubError) -> Self {
        let code = match &e {
            HubError::Api { .. } => 3,
            HubError::Unreachable(_) => 5,
            HubError::Decode(_) | HubError::Invalid(_) => 1,
        };
        Failure { code, message: e.to_string() }
    }
}

/// Prints `value` as JSON, or the words `text` gives.
pub fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    if json {
        println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
    } else {
        println!("{}", text());
    }
}

/// Bounded text for a field, refused with the field's name.
pub fn text<const N: usize>(s: String, field: &str) -> Result<Text<N>, Failure> {
    Ok(hub_client::text(s, field)?)
}
