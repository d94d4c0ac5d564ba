//! Tasks as a work graph: blockers, the ready queue's order, taking a task
//! and returning the task of an agent gone offline.
//!
//! `blockedBy` (waiting on other tasks) is not the `blocked` status (the
//! assignee is stuck). A task is *ready* when it is `todo`, unassigned and
//! every blocker is done; a blocker that no longer exists (done tasks are
//! pruned) counts as done.

use std::collections::HashSet;

use hub_protocol::{AgentId, Priority, Task, TaskId, TaskStatus, Timestamp, UpdateTask};

use crate::caps::Refusal;

/// Blockers one task may have.
pub const MAX_BLOCKERS: usize = 50;

/// A priority as the ready queue sorts it: higher first.
pub fn priority_rank(p: Priority) -> i64 {
    match p {
        Priority::Low => 0,
        Priority::Medium => 1,
        Priority::High => 2,
        Priority::Urgent => 3,
    }
}

/// The queue's order: priority, then age (oldest first), then id.
pub fn queue_order(a: &Task, b: &Task) -> std::cmp::Ordering {
    priority_rank(b.priority)
        .cmp(&priority_rank(a.priority))
        .then(a.created_at.cmp(&b.created_at))
        .then(a.id.cmp(&b.id))
}

/// The blockers `task` has after `update`: replaced, then added to, then
/// removed from; in the order given, each once.
pub fn blockers_after(task: &Task, update: &UpdateTask) -> Vec<TaskId> {
    let mut list = update.blocked_by.clone().unwrap_or_else(|| task.blocked_by.clone());
    list.extend(update.block.iter().flatten().cloned());
    if let Some(gone) = &update.unblock {
        list.retain(|b| !gone.contains(b));
    }
    let mut seen = HashSet::new();
    list.retain(|b| seen.insert(b.clone()));
    list
}

/// Checks `task`'s new blockers: not itself, within [`MAX_BLOCKERS`], and no
/// cycle through the graph `blockers_of` describes (a task's stored
/// blockers; `task`'s own are the new ones).
///
/// # Errors
/// A 400 for itself or too many; a 409 naming the cycle (`a → b → a`).
pub fn check_blockers(
    task: &TaskId,
    blockers: &[TaskId],
    blockers_of: impl Fn(&TaskId) -> Vec<TaskId>,
) -> Result<(), Refusal> {
    if blockers.contains(task) {
        return Err(Refusal::Field { field: "blockedBy", message: format!("task {task} cannot block itself") });
    }
    if blockers.len() > MAX_BLOCKERS {
        return Err(Refusal::Field {
            field: "blockedBy",
            message: format!("{} blockers; a task may have at most {MAX_BLOCKERS}", blockers.len()),
        });
    }
    match find_cycle(task, blockers, blockers_of) {
        Some(cycle) => {
            let names: Vec<&str> = cycle.iter().map(TaskId::as_str).collect();
            Err(Refusal::Conflict(format!("That would make a cycle: {}", names.join(" → "))))
        }
        None => Ok(()),
    }
}

/// A path `task → b → … → task` if `task` blocked by `blockers` closes a
/// loop: a depth-first walk from each blocker along stored blockers.
pub fn find_cycle(
    task: &TaskId,
    blockers: &[TaskId],
    blockers_of: impl Fn(&TaskId) -> Vec<TaskId>,
) -> Option<Vec<TaskId>> {
    // Each entry: a task to visit and the path that reached it.
    let mut stack: Vec<(TaskId, Vec<TaskId>)> =
        blockers.iter().map(|b| (b.clone(), vec![task.clone(), b.clone()])).collect();
    let mut seen = HashSet::new();
    while let Some((at, path)) = stack.pop() {
        if &at == task {
            return Some(path);
        }
        if !seen.insert(at.clone()) {
            continue;
        }
        for next in blockers_of(&at) {
            let mut longer = path.clone();
            longer.push(next.clone());
            stack.push((next, longer));
        }
    }
    None
}

/// Whether `task` is ready, given which of its blockers are still open.
/// The coordinator asks the same of SQLite (`READY` in its task store), so
/// the queue is one indexed query.
pub fn is_ready(task: &Task, open: impl Fn(&TaskId) -> bool) -> bool {
    task.status == TaskStatus::Todo && task.assignee.is_none() && !task.blocked_by.iter().any(open)
}

/// `task` taken by `agent` at `now`.
pub fn take(mut task: Task, agent: &AgentId, now: Timestamp) -> Task {
    task.status = TaskStatus::InProgress;
    task.assignee = Some(agent.clone());
    task.taken_at = Some(now);
    task.updated_at = now;
    task
}

/// `task` back in the queue.
pub fn give_back(mut task: Task, now: Timestamp) -> Task {
    task.status = TaskStatus::Todo;
    task.assignee = None;
    task.taken_at = None;
    task.updated_at = now;
    task
}

/// Whether an agent holding `held` tasks in progress may take one more
/// (`cap` 0: no cap).
///
/// # Errors
/// A 409 saying what to do when it holds `cap` already.
pub fn may_take(agent: &AgentId, held: usize, cap: u32) -> Result<(), Refusal> {
    if cap > 0 && held >= cap as usize {
        return Err(Refusal::Conflict(format!(
            "'{agent}' has {held} tasks in progress, the team's limit (inProgressPerAgent): finish one or give it back first"
        )));
    }
    Ok(())
}

/// Since when an agent counts as offline: when its socket closed (stored
/// offline), or once `offline_after_ms` passed since it was last seen.
/// `None` while it holds a socket.
pub fn offline_since(
    stored_offline: bool,
    last_seen: Timestamp,
    connected: bool,
    offline_after_ms: i64,
) -> Option<Timestamp> {
    match (connected, stored_offline) {
        (true, _) => None,
        (false, true) => Some(last_seen),
        (false, false) => Some(last_seen.plus_millis(offline_after_ms)),
    }
}

/// When a taken task goes back to the queue: `return_after_ms` after its
/// agent went offline (`None`: it has not).
pub fn return_at(offline_since: Option<Timestamp>, return_after_ms: i64) -> Option<Timestamp> {
    offline_since.map(|t| t.plus_millis(return_after_ms))
}

/// Ids a new id stands for in an import: kept, or given `prefix`.
/// Deterministic, so importing the same lines twice writes the same tasks.
pub fn imported_id(id: &TaskId, prefix: Option<&str>) -> Result<TaskId, Refusal> {
    let Some(prefix) = prefix else { return Ok(id.clone()) };
    TaskId::parse(&format!("{prefix}{id}"))
        .map_err(|e| Refusal::Field { field: "prefix", message: format!("{prefix}{id}: {e}") })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn id(s: &str) -> TaskId {
        TaskId::parse(s).unwrap()
    }

    fn task(name: &str, priority: Priority, created: i64, blocked_by: &[&str]) -> Task {
        let mut t = crate::new_task(id(name), Default::default(), Timestamp::from_millis(created));
        t.priority = priority;
        t.blocked_by = blocked_by.iter().map(|b| id(b)).collect();
        t
    }

    fn graph(edges: &[(&str, &[&str])]) -> HashMap<TaskId, Vec<TaskId>> {
        edges.iter().map(|(t, bs)| (id(t), bs.iter().map(|b| id(b)).collect())).collect()
    }

    #[test]
    fn queue_is_priority_then_age() {
        let mut q = [
            task("old-low", Priority::Low, 1, &[]),
            task("new-high", Priority::High, 9, &[]),
            task("old-high", Priority::High, 2, &[]),
            task("urgent", Priority::Urgent, 50, &[]),
        ];
        q.sort_by(queue_order);
        let names: Vec<&str> = q.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(names, ["urgent", "old-high", "new-high", "old-low"]);
    }

    #[test]
    fn a_cycle_is_named_and_a_diamond_is_not_one() {
        let g = graph(&[("b", &["c"]), ("c", &[])]);
        let of = |t: &TaskId| g.get(t).cloned().unwrap_or_default();
        assert!(check_blockers(&id("a"), &[id("b"), id("c")], of).is_ok());
        let g = graph(&[("b", &["a"])]);
        let of = |t: &TaskId| g.get(t).cloned().unwrap_or_default();
        let err = check_blockers(&id("a"), &[id("b")], of).unwrap_err();
        assert_eq!(err, Refusal::Conflict("That would make a cycle: a → b → a".into()));
        let g = graph(&[("b", &["c"]), ("c", &["a"])]);
        let cycle = find_cycle(&id("a"), &[id("b")], |t| g.get(t).cloned().unwrap_or_default()).unwrap();
        assert_eq!(cycle, [id("a"), id("b"), id("c"), id("a")]);
        assert!(matches!(check_blockers(&id("a"), &[id("a")], |_| vec![]), Err(Refusal::Field { .. })));
    }

    #[test]
    fn ready_waits_for_every_blocker_and_a_gone_one_counts_as_done() {
        let a = task("a", Priority::Medium, 1, &["b", "c"]);
        let open: HashSet<TaskId> = [id("b"), id("c")].into();
        assert!(!is_ready(&a, |t| open.contains(t)));
        // b is done: a still waits for c.
        assert!(!is_ready(&a, |t| t == &id("c")));
        // c is done last (b was pruned away, so no longer open): a is ready.
        assert!(is_ready(&a, |_| false));
        let mut taken = a.clone();
        taken.assignee = Some(AgentId::parse("ann").unwrap());
        assert!(!is_ready(&taken, |_| false));
    }

    #[test]
    fn blockers_are_replaced_added_and_removed_once_each() {
        let t = task("a", Priority::Medium, 1, &["b"]);
        let u: UpdateTask = serde_json::from_str(r#"{"block":["c","b","d"],"unblock":["d"]}"#).unwrap();
        assert_eq!(blockers_after(&t, &u), [id("b"), id("c")]);
        let u: UpdateTask = serde_json::from_str(r#"{"blockedBy":[]}"#).unwrap();
        assert!(blockers_after(&t, &u).is_empty());
    }

    #[test]
    fn take_give_back_and_the_cap() {
        let ann = AgentId::parse("ann").unwrap();
        let t = take(task("a", Priority::Medium, 1, &[]), &ann, Timestamp::from_millis(7));
        assert_eq!(
            (t.status, t.assignee.as_ref(), t.taken_at),
            (TaskStatus::InProgress, Some(&ann), Some(Timestamp::from_millis(7)))
        );
        let back = give_back(t, Timestamp::from_millis(9));
        assert!(is_ready(&back, |_| false));
        assert!(may_take(&ann, 2, 3).is_ok());
        assert!(matches!(may_take(&ann, 3, 3), Err(Refusal::Conflict(_))));
        assert!(may_take(&ann, 30, 0).is_ok());
    }

    #[test]
    fn an_agent_is_offline_from_its_socket_close_or_after_the_quiet_time() {
        let seen = Timestamp::from_millis(1_000);
        assert_eq!(offline_since(false, seen, true, 600), None);
        assert_eq!(offline_since(true, seen, false, 600), Some(seen));
        assert_eq!(offline_since(false, seen, false, 600), Some(Timestamp::from_millis(1_600)));
        assert_eq!(return_at(Some(seen), 5), Some(Timestamp::from_millis(1_005)));
    }

    #[test]
    fn imports_keep_or_prefix_ids_and_refuse_cycles() {
        assert_eq!(imported_id(&id("t1"), None).unwrap(), id("t1"));
        assert_eq!(imported_id(&id("t1"), Some("x-")).unwrap(), id("x-t1"));
        assert!(imported_id(&id("t1"), Some("bad/")).is_err());
    }
}
