//! An epic's tasks as a small dependency graph (SVG): each task a box in
//! the column of its longest chain of blockers within the epic, an arrow
//! from each blocker to what it blocks, the box coloured by status.

use std::collections::HashMap;
use std::fmt::Write as _;

use hub_protocol::{Task, TaskId, TaskStatus};

use crate::html::escape;

const BOX_W: f64 = 150.0;
const BOX_H: f64 = 34.0;
const GAP_X: f64 = 40.0;
const GAP_Y: f64 = 12.0;
const PAD: f64 = 8.0;

const STYLE: &str = "<style>\
rect{stroke:#4a5260;stroke-width:1;rx:4}.todo{fill:#f3f4f6}.in-progress{fill:#dbeafe}.done{fill:#dcfce7}\
.blocked{fill:#fee2e2}text{font:11px system-ui,sans-serif;fill:#111827}line{stroke:#6b7280;stroke-width:1.2;\
marker-end:url(#arrow)}</style>";

/// Each task's column: 0 for one with no blocker in `tasks`, else one more
/// than its deepest blocker there (a cycle, refused by the hub, is cut).
pub fn columns(tasks: &[Task]) -> HashMap<TaskId, usize> {
    let by_id: HashMap<&TaskId, &Task> = tasks.iter().map(|t| (&t.id, t)).collect();
    fn depth(id: &TaskId, by_id: &HashMap<&TaskId, &Task>, memo: &mut HashMap<TaskId, usize>, guard: usize) -> usize {
        if let Some(d) = memo.get(id) {
            return *d;
        }
        let Some(task) = by_id.get(&id) else { return 0 };
        let d = task
            .blocked_by
            .iter()
            .filter(|b| by_id.contains_key(b) && guard < by_id.len())
            .map(|b| depth(b, by_id, memo, guard + 1) + 1)
            .max()
            .unwrap_or(0);
        memo.insert(id.clone(), d);
        d
    }
    let mut memo = HashMap::new();
    for t in tasks {
        depth(&t.id, &by_id, &mut memo, 0);
    }
    memo
}

fn short(s: &str) -> String {
    if s.chars().count() > 22 {
        format!("{}…", s.chars().take(21).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// The graph of `epic`'s `children`.
pub fn epic(epic: &str, children: &[Task]) -> String {
    let cols = columns(children);
    let mut rows: HashMap<usize, usize> = HashMap::new();
    let mut at: HashMap<&TaskId, (f64, f64)> = HashMap::new();
    for t in children {
        let c = cols.get(&t.id).copied().unwrap_or(0);
        let r = rows.entry(c).or_default();
        at.insert(&t.id, (PAD + c as f64 * (BOX_W + GAP_X), PAD + *r as f64 * (BOX_H + GAP_Y)));
        *r += 1;
    }
    let width = PAD * 2.0 + (cols.values().max().copied().unwrap_or(0) + 1) as f64 * (BOX_W + GAP_X) - GAP_X;
    let height = PAD * 2.0 + rows.values().max().copied().unwrap_or(1).max(1) as f64 * (BOX_H + GAP_Y) - GAP_Y;
    let title = escape(&format!("Tasks of {epic} and what blocks what"));
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{title}"><title>{title}</title>{STYLE}<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#6b7280"/></marker></defs>"##
    );
    for t in children {
        let (x2, y2) = at[&t.id];
        for b in &t.blocked_by {
            if let Some((x1, y1)) = at.get(b) {
                let _ = write!(
                    svg,
                    r#"<line x1="{}" y1="{}" x2="{x2}" y2="{}"/>"#,
                    x1 + BOX_W,
                    y1 + BOX_H / 2.0,
                    y2 + BOX_H / 2.0
                );
            }
        }
    }
    for t in children {
        let (x, y) = at[&t.id];
        let class = if t.status == TaskStatus::Blocked { "blocked" } else { t.status.as_str() };
        let _ = write!(
            svg,
            r#"<g data-task="{id}"><title>{full} ({status})</title><rect class="{class}" x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}"/><text x="{tx}" y="{ty}">{label}</text></g>"#,
            id = escape(t.id.as_str()),
            full = escape(&t.title),
            status = t.status.as_str(),
            label = escape(&short(&t.title)),
            tx = x + 6.0,
            ty = y + BOX_H / 2.0 + 4.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, blocked_by: &[&str]) -> Task {
        let mut t: Task = serde_json::from_value(serde_json::json!({
            "id": id, "title": format!("<{id}>"), "status": "todo", "priority": "medium",
            "createdBy": "x", "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-01T00:00:00.000Z"
        }))
        .unwrap();
        t.blocked_by = blocked_by.iter().map(|b| TaskId::parse(b).unwrap()).collect();
        t
    }

    #[test]
    fn a_task_sits_right_of_its_deepest_blocker() {
        let tasks = [task("a", &[]), task("b", &["a"]), task("c", &["a", "b", "elsewhere"])];
        let cols = columns(&tasks);
        let of = |id: &str| cols[&TaskId::parse(id).unwrap()];
        assert_eq!((of("a"), of("b"), of("c")), (0, 1, 2));
        let svg = epic("e", &tasks);
        assert_eq!(svg.matches("<line").count(), 3, "edges inside the epic only");
        assert!(svg.contains("&lt;a&gt;") && !svg.contains("<a>"), "labels escaped");
    }
}
