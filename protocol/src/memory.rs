//! Memories: what an agent learned and wants to keep.

use serde::{Deserialize, Serialize};

use crate::{Text, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemoryCategory {
    Discovery,
    Decision,
    Blocker,
    #[default]
    Learning,
    Pattern,
    Warning,
}

impl MemoryCategory {
    pub const ALL: [MemoryCategory; 6] = [
        MemoryCategory::Discovery,
        MemoryCategory::Decision,
        MemoryCategory::Blocker,
        MemoryCategory::Learning,
        MemoryCategory::Pattern,
        MemoryCategory::Warning,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MemoryCategory::Discovery => "discovery",
            MemoryCategory::Decision => "decision",
            MemoryCategory::Blocker => "blocker",
            MemoryCategory::Learning => "learning",
            MemoryCategory::Pattern => "pattern",
            MemoryCategory::Warning => "warning",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

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
