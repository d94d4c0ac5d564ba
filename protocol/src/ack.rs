use serde::{Deserialize, Serialize};

/// `{"success": true}`: a write with nothing more to say (the index updates
/// that locks and agents send their team's coordinator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub success: bool,
}
