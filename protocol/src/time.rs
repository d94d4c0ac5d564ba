//! Instants on the wire: ISO-8601 UTC strings with millisecond precision
//! (`2026-11-27T04:10:22.123Z`), the format JavaScript's `toISOString` writes.
//! Held as milliseconds so rules can do arithmetic, and so SQLite TEXT columns
//! sort chronologically.

use std::fmt;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_millis(ms: i64) -> Self {
        Self(ms)
    }

    pub const fn millis(self) -> i64 {
        self.0
    }

    /// `self - earlier` in milliseconds (negative if `earlier` is later).
    pub const fn since(self, earlier: Timestamp) -> i64 {
        self.0 - earlier.0
    }

    pub const fn plus_millis(self, ms: i64) -> Self {
        Self(self.0 + ms)
    }

    /// Parses any RFC 3339 instant (offsets are normalised to UTC).
    pub fn parse(s: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|dt| Self(dt.with_timezone(&Utc).timestamp_millis()))
    }

    pub fn to_iso(self) -> String {
        match Utc.timestamp_millis_opt(self.0).single() {
            Some(dt) => dt.to_rfc3339_opts(SecondsFormat::Millis, true),
            None => String::from("1970-01-01T00:00:00.000Z"),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO-8601 time: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_iso_with_millis() {
        let t = Timestamp::parse("2026-11-27T04:10:22.123Z").unwrap();
        assert_eq!(t.to_iso(), "2026-11-27T04:10:22.123Z");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2026-11-27T04:10:22.123Z\"");
    }

    #[test]
    fn normalises_offsets_and_rejects_garbage() {
        let t = Timestamp::parse("2026-11-27T06:10:22+02:00").unwrap();
        assert_eq!(t.to_iso(), "2026-11-27T04:10:22.000Z");
        assert!(Timestamp::parse("yesterday").is_none());
        assert!(serde_json::from_str::<Timestamp>("\"nope\"").is_err());
    }
}
