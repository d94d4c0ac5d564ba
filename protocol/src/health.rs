use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// `GET /health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub status: String,
    pub service: String,
    pub timestamp: Timestamp,
    pub durable_objects: Vec<String>,
}

/// `GET /coordinator/ping`: the team's coordinator answers, doing nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pong {
    pub ok: bool,
}

/// `GET /` for API clients (browsers get the portal): what the hub serves,
/// as the original listed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub name: String,
    pub version: String,
    /// Path → what it does and its methods.
    pub endpoints: std::collections::BTreeMap<String, String>,
    pub docs: String,
}
