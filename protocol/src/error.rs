use serde::{Deserialize, Serialize};

use crate::{Claim, Zone};

/// Every non-2xx JSON body: `{"success": false, "error": "...", ...}`.
/// `error` says what is wrong in words; the optional fields point at the
/// culprit. (`success` is always false: the original's clients test it.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub success: bool,
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// A 409 of a claim: the claim in the way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    /// A 409 of a zone: the zone in the way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
}

impl ErrorBody {
    pub fn new(error: impl Into<String>) -> Self {
        Self {
            success: false,
            error: error.into(),
            field: None,
            allowed: None,
            path: None,
            limit: None,
            claim: None,
            zone: None,
        }
    }
}
