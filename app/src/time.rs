//! Relative times for people: "3 min ago", with the exact time on hover.

use hub_protocol::Timestamp;
use leptos::prelude::*;

pub fn ago(then: Timestamp, now: Timestamp) -> String {
    let secs = now.since(then) / 1000;
    match secs {
        s if s < -5 => in_future(-s),
        s if s < 10 => "just now".into(),
        s if s < 60 => format!("{s} s ago"),
        s if s < 3600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3600),
        s => format!("{} d ago", s / 86_400),
    }
}

fn in_future(secs: i64) -> String {
    match secs {
        s if s < 60 => format!("in {s} s"),
        s if s < 3600 => format!("in {} min", s / 60),
        s => format!("in {} h", s / 3600),
    }
}

/// A duration in milliseconds, for people.
pub fn span(ms: i64) -> String {
    match ms {
        m if m < 1000 => format!("{m} ms"),
        m if m < 60_000 => format!("{:.1} s", m as f64 / 1000.0),
        m if m < 3_600_000 => format!("{} min", m / 60_000),
        m => format!("{} h {} min", m / 3_600_000, (m % 3_600_000) / 60_000),
    }
}

pub fn now() -> Timestamp {
    Timestamp::from_millis(js_now())
}

#[cfg(any(feature = "ssr", feature = "hydrate"))]
fn js_now() -> i64 {
    date_now() as i64
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn js_now() -> i64 {
    0
}

#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

/// `<time>` with a relative text and the exact instant as its title.
#[component]
pub fn RelTime(at: Timestamp) -> impl IntoView {
    let iso = at.to_iso();
    view! { <time datetime=iso.clone() title=iso>{ago(at, now())}</time> }
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
        assert_eq!(ago(now.plus_millis(120_000), now), "in 2 min");
        assert_eq!(span(1500), "1.5 s");
        assert_eq!(span(3_900_000), "1 h 5 min");
    }
}
