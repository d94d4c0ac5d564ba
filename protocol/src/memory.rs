//! Memories: what an agent learned and wants to keep.

use serde::{Deserialize, Serialize};

use crate::{Text, Timestamp};

wire_enum!(MemoryCategory {
    Discovery = "discovery",
    Decision = "decision",
    Blocker = "blocker",
    Learning = "learning",
    Pattern = "pattern",
    Warning = "warning",
});
wire_default!(MemoryCategory::Learning);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub id: String,
    pub category: MemoryCategory,
    pub content: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub created_at: Timestamp,
}

/// `POST /agent/{id}/memory`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveMemory {
    #[serde(default)]
    pub category: MemoryCategory,
    pub content: Text<20000>,
    #[serde(default)]
    pub tags: Vec<Text<100>>,
}

/// `GET /agent/{id}/memory?category=&query=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemoryQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<MemoryCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// At most this many, newest first (default 50, cap 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Paging back: only memories older than the one with this id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemoriesResponse {
    pub memories: Vec<Memory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveMemoryResponse {
    pub success: bool,
    pub memory: Memory,
}
