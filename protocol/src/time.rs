//! Instants on the wire: ISO-8601 UTC strings with millisecond precision
//! (`2026-11-27T04:10:22.123Z`), the format JavaScript's `toISOString` writes.
//! Held as milliseconds so rules can do arithmetic, and so SQLite TEXT columns
//! sort chronologically.

//!
//! The calendar arithmetic is written here (Howard Hinnant's
//! `days_from_civil`), not taken from chrono: it is all the hub needs, and it
//! keeps a date library out of the browser and Worker bundles. The tests
//! check it against chrono.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A strict RFC 3339 reader: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |n, c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i).is_some_and(|x| x.eq_ignore_ascii_case(&c));
    if !(at(4, b'-') && at(7, b'-') && (at(10, b'T') || at(10, b' ')) && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (y, mo, d, h, mi, sec) = (num(0, 4)?, num(5, 2)?, num(8, 2)?, num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo) || !(1..=days_in_month(y, mo)).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut ms = 0;
    if at(i, b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        // Milliseconds: the first three digits, padded; finer ones are dropped.
        ms = (0..3).fold(0, |n, k| n * 10 + if k < digits { i64::from(b[i + 1 + k] - b'0') } else { 0 });
        i += 1 + digits;
    }
    let offset_min = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && at(i + 3, b':') => {
            let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 60 + om;
            if *sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    // A leap second (:60) counts as the last millisecond before the next minute.
    let secs = h * 3600 + mi * 60 + sec.min(59);
    let extra = if sec == 60 { 999 - ms } else { 0 };
    Some(days_from_civil(y, mo, d) * DAY_MS + secs * 1000 + ms + extra - offset_min * 60_000)
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, as JavaScript's `toISOString` writes it.
fn format_iso(ms: i64) -> String {
    let (days, in_day) = (ms.div_euclid(DAY_MS), ms.rem_euclid(DAY_MS));
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, milli) = (in_day / 3_600_000, in_day / 60_000 % 60, in_day / 1000 % 60, in_day % 1000);
    if !(0..=9999).contains(&y) {
        return format!("{y:+07}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z");
    }
    // Every list answer formats a few times per row: fixed-width digits
    // written by hand cost a tenth of `format!` on wasm32 (measured).
    let mut out = *b"0000-00-00T00:00:00.000Z";
    let mut put = |at: usize, width: usize, mut value: i64| {
        for i in (at..at + width).rev() {
            out[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, 4, y);
    put(5, 2, m);
    put(8, 2, d);
    put(11, 2, h);
    put(14, 2, mi);
    put(17, 2, s);
    put(20, 3, milli);
    out.iter().map(|&b| char::from(b)).collect()
}

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
        parse_rfc3339(s).map(Self)
    }

    pub fn to_iso(self) -> String {
        format_iso(self.0)
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
        Timestamp::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not an ISO-8601 time: {s:?}")))
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
    fn formats_every_field_at_fixed_width() {
        assert_eq!(Timestamp::from_millis(0).to_iso(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::from_millis(253_402_300_799_999).to_iso(), "9999-12-31T23:59:59.999Z");
        assert_eq!(Timestamp::from_millis(-1).to_iso(), "1969-12-31T23:59:59.999Z");
        assert_eq!(Timestamp::from_millis(253_402_300_800_000).to_iso(), "+010000-01-01T00:00:00.000Z");
    }

    #[test]
    fn normalises_offsets_and_rejects_garbage() {
        let t = Timestamp::parse("2026-11-27T06:10:22+02:00").unwrap();
        assert_eq!(t.to_iso(), "2026-11-27T04:10:22.000Z");
        assert!(Timestamp::parse("yesterday").is_none());
        assert!(serde_json::from_str::<Timestamp>("\"nope\"").is_err());
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T04:10:22",
            "2026-11-27T04:10:22.Z",
            "2026-11-27T04:10:22+2:00",
            "2026-11-27T04:10:22Zjunk",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn agrees_with_chrono() {
        use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
        // Every 7,919,999,999 ms (~92 days and a bit) from 1900 to 2200, plus edges.
        let mut ms = -2_208_988_800_000i64;
        let mut probes = vec![0, -1, 1, 951_782_400_000, 4_107_542_399_999, 253_402_300_799_999];
        while ms < 7_258_118_400_000 {
            probes.push(ms);
            ms += 7_919_999_999;
        }
        for ms in probes {
            let ours = format_iso(ms);
            let theirs = Utc.timestamp_millis_opt(ms).unwrap().to_rfc3339_opts(SecondsFormat::Millis, true);
            assert_eq!(ours, theirs, "{ms}");
            assert_eq!(parse_rfc3339(&ours), Some(ms), "{ours}");
        }
        for s in [
            "2026-11-27T06:10:22+02:00",
            "1999-12-31T23:59:59.9999-05:30",
            "2024-02-29t12:00:00z",
            "2026-11-27 04:10:22.1Z",
            "1969-12-31T23:59:59.999Z",
        ] {
            let theirs = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc).timestamp_millis();
            assert_eq!(parse_rfc3339(s), Some(theirs), "{s}");
        }
    }
}
