//! Relative times for people: "3 min ago", with the exact time on hover.

use hub_protocol::Timestamp;

pub fn ago(then: Timestamp, now: Timestamp) -> String {
    let secs = now.since(then) / 1000;
    match secs {
        s if s < 10 => "just now".into(),
        s if s < 60 => format!("{s} s ago"),
        s if s < 3600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3600),
        s => format!("{} d ago", s / 86_400),
    }
}

pub fn now() -> Timestamp {
    Timestamp::from_millis(js_now())
}

#[cfg(any(feature = "ssr", feature = "hydrate"))]
fn js_now() -> i64 {
    js_sys_now() as i64
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn js_now() -> i64 {
    0
}

#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn js_sys_now() -> f64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_person() {
        let now = Timestamp::from_millis(10_000_000);
        assert_eq!(ago(now, now), "just now");
        assert_eq!(ago(now.plus_millis(-45_000), now), "45 s ago");
        assert_eq!(ago(now.plus_millis(-180_000), now), "3 min ago");
        assert_eq!(ago(now.plus_millis(-7_200_000), now), "2 h ago");
    }
}
