//! Counts per hour as the objects' SQL reads them (the coordinator's chat,
//! an agent's steps): one row type, one way to the wire's `HourCount`.

use hub_protocol::HourCount;
use serde::Deserialize;

use crate::sql::Millis;

/// Groups a table's rows by the hour of their `timestamp` column: the
/// SELECT list's first column, `hour`. Bind `?2` to `hub_protocol::HOUR_MS`
/// (it arrives as a JavaScript number, a real: `%` works in integers,
/// where `/` would not truncate).
pub const HOUR_OF_TIMESTAMP: &str = "(timestamp - timestamp % ?2)";

#[derive(Deserialize)]
pub struct HourRow {
    hour: Millis,
    #[serde(default)]
    messages: u32,
    #[serde(default)]
    steps: u32,
    #[serde(default)]
    errors: u32,
}

impl HourRow {
    pub fn into_count(self) -> HourCount {
        HourCount { hour: self.hour.0, messages: self.messages, steps: self.steps, errors: self.errors }
    }
}
