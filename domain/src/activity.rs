//! Activity per hour for the portal's charts: the team's counts come from
//! the coordinator (messages) and from each agent's object (steps, errors),
//! and are summed into one continuous series here.

use std::collections::BTreeMap;

use hub_protocol::{HourCount, Timestamp, HOUR_MS};

/// Every hour from the one holding `since` to the one holding `until`, in
/// order, each with the sum of the counts reported for it (zero if none).
/// Counts outside the window are dropped.
pub fn hourly(since: Timestamp, until: Timestamp, reported: impl IntoIterator<Item = HourCount>) -> Vec<HourCount> {
    let start = since.millis().div_euclid(HOUR_MS) * HOUR_MS;
    let end = until.millis().div_euclid(HOUR_MS) * HOUR_MS;
    let mut sums: BTreeMap<i64, HourCount> = (0..)
        .map(|i| start + i * HOUR_MS)
        .take_while(|h| *h <= end)
        .map(|h| (h, HourCount { hour: Timestamp::from_millis(h), messages: 0, steps: 0, errors: 0 }))
        .collect();
    for r in reported {
        let hour = r.hour.millis().div_euclid(HOUR_MS) * HOUR_MS;
        if let Some(sum) = sums.get_mut(&hour) {
            sum.messages += r.messages;
            sum.steps += r.steps;
            sum.errors += r.errors;
        }
    }
    sums.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64, min: i64) -> Timestamp {
        Timestamp::from_millis(h * HOUR_MS + min * 60_000)
    }

    fn count(hour: Timestamp, messages: u32, steps: u32, errors: u32) -> HourCount {
        HourCount { hour, messages, steps, errors }
    }

    #[test]
    fn fills_every_hour_and_sums_reports_of_the_same_hour() {
        let series = hourly(
            at(10, 30),
            at(13, 5),
            [count(at(11, 0), 2, 0, 0), count(at(11, 0), 0, 5, 1), count(at(13, 0), 1, 1, 0)],
        );
        let hours: Vec<i64> = series.iter().map(|c| c.hour.millis() / HOUR_MS).collect();
        assert_eq!(hours, [10, 11, 12, 13]);
        assert_eq!(series[1], count(at(11, 0), 2, 5, 1));
        assert_eq!(series[2], count(at(12, 0), 0, 0, 0));
        assert_eq!(series[3].messages, 1);
    }

    #[test]
    fn drops_counts_outside_the_window() {
        let series = hourly(at(10, 0), at(11, 0), [count(at(9, 0), 7, 7, 7), count(at(12, 0), 7, 7, 7)]);
        assert_eq!(series.len(), 2);
        assert!(series.iter().all(|c| c.messages == 0 && c.steps == 0));
    }
}
