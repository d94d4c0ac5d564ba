//! Charts as SVG documents, drawn by the Worker ([`crate::charts`]) and
//! shown by the portal as images, so no chart code reaches the browser's
//! bundle. Pure: series in, markup out, every label escaped. An image
//! does not see the page's stylesheet: each chart carries its own.

use std::fmt::Write as _;

use hub_app::span;
use hub_protocol::{HourCount, Step, XpPoint};

use crate::html::escape;

const W: f64 = 640.0;
const H: f64 = 180.0;
/// Room for the axis labels.
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 10.0;

/// One line of a chart: its name (the legend), CSS class, and a value per
/// point of the x axis.
struct Series<'a> {
    name: &'a str,
    class: &'a str,
    values: Vec<f64>,
    /// A dot on each point: a series of one point is otherwise invisible.
    dots: bool,
}

const STYLE: &str = "<style>\
.axis{stroke:#d5d9e0}.tick{font:10px system-ui,sans-serif;fill:#4a5260}polyline{fill:none;stroke-width:2}\
.messages{stroke:#2563eb}.steps{stroke:#16a34a}.errors{stroke:#dc2626}.xp{stroke:#7c3aed}circle.xp{fill:#7c3aed}\
rect.found{fill:#16a34a}rect.partial{fill:#2563eb}rect.nothing{fill:#9ca3af}rect.error{fill:#dc2626}</style>";

/// The document's start: size, title (also its accessible name), style.
fn open(title: &str) -> String {
    let title = escape(title);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-label="{title}"><title>{title}</title>{STYLE}"#
    )
}

/// Lines over evenly spaced points, labelled at the first, middle and last.
fn lines(title: &str, x_labels: &[String], series: &[Series<'_>]) -> String {
    let max = series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max).max(1.0);
    let n = x_labels.len().max(1);
    let step = if n > 1 { (W - LEFT - 8.0) / (n - 1) as f64 } else { 0.0 };
    let x = |i: usize| LEFT + step * i as f64;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
    let mut svg = open(title);
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LEFT}" y1="{b}" x2="{W}" y2="{b}"/><text class="tick" x="{t}" y="{}" text-anchor="end">{}</text><text class="tick" x="{t}" y="{b}" text-anchor="end">0</text>"#,
        TOP + 8.0,
        fmt_number(max),
        b = H - BOTTOM,
        t = LEFT - 4.0,
    );
    // First, last and middle, anchored so none runs off the edge, each once.
    let marks = [(0, "start"), (n - 1, "end"), (n / 2, "middle")];
    for (k, &(i, anchor)) in marks.iter().enumerate() {
        let Some(label) = x_labels.get(i).filter(|_| marks[..k].iter().all(|(j, _)| *j != i)) else { continue };
        let _ = write!(
            svg,
            r#"<text class="tick" x="{:.1}" y="{H}" text-anchor="{anchor}">{}</text>"#,
            x(i),
            escape(label)
        );
    }
    for s in series {
        let points: Vec<String> =
            s.values.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v))).collect();
        let _ = write!(
            svg,
            r#"<polyline class="{}" fill="none" points="{}"><title>{}</title></polyline>"#,
            escape(s.class),
            points.join(" "),
            escape(s.name)
        );
        if s.dots {
            for (i, v) in s.values.iter().enumerate() {
                let _ =
                    write!(svg, r#"<circle class="{}" cx="{:.1}" cy="{:.1}" r="3"/>"#, escape(s.class), x(i), y(*v));
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// `HH:00` for a day, `MM-DD` for longer.
fn hour_label(c: &HourCount, long: bool) -> String {
    let iso = c.hour.to_iso();
    if long {
        iso.get(5..10).unwrap_or(&iso).to_owned()
    } else {
        format!("{}:00", iso.get(11..13).unwrap_or("00"))
    }
}

/// A chart with nothing to draw says so, instead of an empty axis.
fn nothing(title: &str, words: &str) -> String {
    let mut svg = open(title);
    let _ = write!(
        svg,
        r#"<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text></svg>"#,
        W / 2.0,
        H / 2.0,
        escape(words)
    );
    svg
}

/// The team's messages, steps and errors per hour.
pub fn activity(hours: &[HourCount], days: u32) -> String {
    if hours.iter().all(|c| c.messages == 0 && c.steps == 0 && c.errors == 0) {
        let title = format!("Team activity per hour, last {days} day(s)");
        return nothing(&title, "No messages or steps in this period yet.");
    }
    let labels: Vec<String> = hours.iter().map(|c| hour_label(c, days > 1)).collect();
    let series = |name, values: Vec<f64>| Series { name, class: name, values, dots: false };
    // Errors under steps under messages: the rarer line stays visible.
    let series = [
        series("errors", hours.iter().map(|c| f64::from(c.errors)).collect()),
        series("steps", hours.iter().map(|c| f64::from(c.steps)).collect()),
        series("messages", hours.iter().map(|c| f64::from(c.messages)).collect()),
    ];
    lines(&format!("Team activity per hour, last {days} day(s): messages, steps, errors"), &labels, &series)
}

/// The agent's XP after each change, with the level it reached.
pub fn xp(points: &[XpPoint]) -> String {
    match points {
        [] => return nothing("XP over time", "No XP yet: it comes with completed traces."),
        [only] => {
            let words =
                format!("{} XP so far ({}); the line starts with the next change.", only.total_xp, only.level.as_str());
            return nothing("XP over time", &words);
        }
        _ => {}
    }
    let labels: Vec<String> =
        points.iter().map(|p| format!("{} {}", p.at.to_iso().get(5..10).unwrap_or(""), p.level.as_str())).collect();
    let series =
        [Series { name: "XP", class: "xp", values: points.iter().map(|p| p.total_xp as f64).collect(), dots: true }];
    lines("XP over time, with the level reached", &labels, &series)
}

/// Each step's duration, in the order logged, coloured by outcome.
pub fn step_durations(steps: &[Step]) -> String {
    if steps.is_empty() {
        return nothing("Step durations", "No step logged in this trace yet.");
    }
    let max = steps.iter().map(|s| s.duration_ms.max(0) as f64).fold(1.0_f64, f64::max);
    let width = (W - LEFT) / steps.len().max(1) as f64;
    let mut svg = open("Step durations, in the order logged");
    let _ = write!(
        svg,
        r#"<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
        LEFT - 4.0,
        TOP + 8.0,
        span(max as i64)
    );
    for (i, s) in steps.iter().enumerate() {
        let h = (H - TOP - BOTTOM) * (s.duration_ms.max(0) as f64 / max);
        let _ = write!(
            svg,
            r#"<rect class="step {}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect>"#,
            s.outcome.as_str(),
            LEFT + width * i as f64 + 1.0,
            H - BOTTOM - h,
            (width - 2.0).max(1.0),
            h,
            escape(&format!("{} · {} · {}", s.tool, span(s.duration_ms), s.intent))
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::{Level, Timestamp};

    #[test]
    fn an_activity_chart_has_a_line_per_series_and_escapes_nothing_it_should_not() {
        let hours: Vec<HourCount> = (0..24)
            .map(|h| HourCount { hour: Timestamp::from_millis(h * 3_600_000), messages: h as u32, steps: 2, errors: 0 })
            .collect();
        let svg = activity(&hours, 1);
        assert_eq!(svg.matches("<polyline").count(), 3);
        assert!(svg.contains(">23<"), "the y axis is labelled with the maximum: {svg}");
        assert!(svg.contains(">00:00<") && svg.contains(">23:00<"));
        assert_eq!(svg.matches("text-anchor=\"end\">23:00<").count(), 1, "the last label ends inside the image");
    }

    #[test]
    fn labels_are_escaped() {
        let p = XpPoint { at: Timestamp::from_millis(0), total_xp: 10, level: Level::Novice };
        let svg = lines(
            "<script>",
            &["a&b".into()],
            &[Series { name: "\"x\"", class: "xp", values: vec![1.0], dots: false }],
        );
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;") && svg.contains("a&amp;b"));
        assert!(xp(&[p]).contains("novice"));
    }

    #[test]
    fn a_chart_with_nothing_to_draw_says_so() {
        assert!(activity(&[], 1).contains("No messages or steps"));
        assert!(xp(&[]).contains("No XP yet"));
        let one = XpPoint { at: Timestamp::from_millis(0), total_xp: 40, level: Level::Novice };
        let single = xp(&[one]);
        assert!(single.contains("40 XP so far") && !single.contains("<circle"), "no lone dot: {single}");
        assert!(step_durations(&[]).contains("No step"));
    }
}
