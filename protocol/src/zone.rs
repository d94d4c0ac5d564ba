//! Zones: directory ownership ("src/parser is mine").

use serde::{Deserialize, Serialize};

use crate::{AgentId, Text, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    pub zone_id: String,
    pub path: String,
    pub owner: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub claimed_at: Timestamp,
}

/// `POST /coordinator/zones`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum ZoneAction {
    #[serde(rename_all = "camelCase")]
    Claim {
        zone_id: Text<200>,
        path: Text<1024>,
        owner: AgentId,
        #[serde(default)]
        description: Option<Text<1000>>,
    },
    #[serde(rename_all = "camelCase")]
    Release { zone_id: Text<200>, owner: AgentId },
}

/// `GET /coordinator/zones?owner=` or `?path=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZoneQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    /// Answer with the zone that covers this path (`{zone}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZonesResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<Vec<Zone>>,
    /// With `?path=`: the covering zone, or null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Option<Zone>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZoneResult {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
