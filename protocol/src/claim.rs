//! Claims: "I am working on X", stale after 30 minutes.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    pub what: String,
    pub by: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub since: Timestamp,
    pub stale: bool,
}

/// `POST /coordinator/claims`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum ClaimAction {
    Claim {
        what: Text<500>,
        by: AgentId,
        #[serde(default)]
        description: Option<Text<1000>>,
    },
    Release {
        what: Text<500>,
        by: AgentId,
    },
}

/// `GET /coordinator/claims?what=` or `?includeStale=true`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub include_stale: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimsResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Option<Claim>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimResult {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
