//! Reading `{"type": ..., "payload": ...}` messages that clients send on a
//! socket, leniently where the original was: a payload where none is needed
//! is ignored (the original's `DOClient.ping()` sends `"payload": {}`, which
//! serde's adjacent tagging refuses for a unit variant).

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::Deserialize;

/// A socket message split into its type and (untyped) payload.
#[derive(Deserialize)]
pub(crate) struct Tagged {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub payload: Option<serde_json::Value>,
}

impl Tagged {
    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Tagged::deserialize(d)
    }

    /// The payload as `T`; an error names the message type.
    pub fn payload<T: DeserializeOwned, E: de::Error>(self) -> Result<T, E> {
        let kind = self.kind;
        serde_json::from_value(self.payload.unwrap_or(serde_json::Value::Null))
            .map_err(|e| E::custom(format!("{kind} payload: {e}")))
    }
}
