//! The Worker's only clock and entropy source. Rules never call these: the
//! shells read the clock once per request and pass `now` down.

use hub_protocol::Timestamp;

pub fn now() -> Timestamp {
    Timestamp::from_millis(worker::Date::now().as_millis() as i64)
}

/// 52 random bits, enough for id suffixes.
pub fn entropy() -> u64 {
    (worker::js_sys::Math::random() * (1u64 << 52) as f64) as u64
}
