//! Tasks as a work graph: blockers and cycles, the ready queue, an atomic
//! take under a real race, a taken task returned when its agent is gone,
//! reading one task, paging, and the JSON Lines interchange.

use std::collections::HashSet;

use futures_util::future::join_all;
use hub_protocol::{
    Event, ReadyResponse, TakeResponse, TaskDetail, TaskResponse, TaskStatus, TaskUpdate, TasksResponse,
};
use hub_tests::TestApp;
use serde_json::{json, Value};

async fn task(app: &TestApp, body: Value) -> String {
    let res = app.create_task(body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.typed::<TaskResponse>().task.id.to_string()
}

async fn done(app: &TestApp, id: &str) {
    let res = app.patch(&format!("/coordinator/tasks/{id}"), json!({"status": "done"})).await;
    assert_eq!(res.status, 200, "{}", res.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn fifty_takers_on_ten_tasks_take_each_once() {
    let app = TestApp::new();
    for i in 0..10 {
        task(&app, json!({"title": format!("job {i}")})).await;
    }
    let mut agents = Vec::new();
    for i in 0..50 {
        agents.push(app.as_agent(&format!("taker-{i}")).await.0);
    }
    // All 50 in flight together: nothing is sent until every future exists.
    let takes = join_all(agents.iter().map(|a| a.post("/coordinator/tasks/take", json!({})))).await;
    let won: Vec<TakeResponse> = takes.iter().filter(|r| r.status == 200).map(hub_tests::Reply::typed).collect();
    let lost: Vec<_> = takes.iter().filter(|r| r.status == 404).collect();
    assert_eq!((won.len(), lost.len()), (10, 40), "{:?}", takes.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!(lost.iter().all(|r| r.error().contains("Nothing ready")), "{}", lost[0].body);
    let ids: HashSet<String> = won.iter().map(|t| t.task.id.to_string()).collect();
    assert_eq!(ids.len(), 10, "every task taken once");
    let takers: HashSet<String> = won.iter().map(|t| t.task.assignee.clone().unwrap().to_string()).collect();
    assert_eq!(takers.len(), 10, "by ten different agents");
    let wip: TasksResponse = app.get("/coordinator/tasks?status=in-progress").await.typed();
    assert_eq!(wip.tasks.len(), 10);
    let ready: ReadyResponse = app.get("/coordinator/tasks/ready").await.typed();
    assert_eq!(ready.count, 0);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_task_is_ready_when_its_last_blocker_is_done() {
    let app = TestApp::new();
    let b = task(&app, json!({"title": "B"})).await;
    let c = task(&app, json!({"title": "C"})).await;
    let a = task(&app, json!({"title": "A", "blockedBy": [b, c], "priority": "urgent"})).await;
    let ready: ReadyResponse = app.get("/coordinator/tasks/ready").await.typed();
    let titles: Vec<&str> = ready.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["B", "C"], "A waits; the rest by age");

    // A cycle is refused and names itself; nothing changes.
    let cycle = app.patch(&format!("/coordinator/tasks/{b}"), json!({"block": [a]})).await;
    assert_eq!(cycle.status, 409, "{}", cycle.body);
    assert!(cycle.error().contains(&format!("{b} → {a} → {b}")), "{}", cycle.body);
    let itself = app.patch(&format!("/coordinator/tasks/{a}"), json!({"block": [a]})).await;
    assert_eq!(itself.status, 400, "{}", itself.body);

    let mut socket = app.connect(None).await;
    socket.next().await;
    done(&app, &b).await;
    let detail: TaskDetail = app.get(&format!("/coordinator/tasks/{a}")).await.typed();
    assert!(!detail.ready, "C is still open");
    done(&app, &c).await;
    let moved =
        socket.until(|e| matches!(&e.event, Event::TaskUpdate(TaskUpdate::Moved(m)) if m.action == "task-ready")).await;
    let Event::TaskUpdate(TaskUpdate::Moved(m)) = moved.event else { unreachable!() };
    assert_eq!(m.task.id.as_str(), a);
    assert!(moved.seq.is_some(), "logged: a reconnecting client gets it too");

    let detail: TaskDetail = app.get(&format!("/coordinator/tasks/{a}")).await.typed();
    assert!(detail.ready);
    assert_eq!(detail.blockers.iter().map(|t| t.status).collect::<Vec<_>>(), [TaskStatus::Done; 2]);
    let ready: ReadyResponse = app.get("/coordinator/tasks/ready").await.typed();
    assert_eq!(ready.tasks[0].id.as_str(), a, "urgent first");
    let b_detail: TaskDetail = app.get(&format!("/coordinator/tasks/{b}")).await.typed();
    assert_eq!(b_detail.dependents[0].id.as_str(), a);
    let notes: Vec<&str> = b_detail.history.iter().map(|h| h.note.as_str()).collect();
    assert_eq!(notes, ["created", "status todo → done"]);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn take_names_a_task_keeps_the_cap_and_says_who_holds_its_files() {
    let app = TestApp::new();
    let set = app.patch("/coordinator/settings", json!({"inProgressPerAgent": 1})).await;
    assert_eq!(set.status, 200, "{}", set.body);
    let (ann, _) = app.as_agent("ann").await;
    let first = task(&app, json!({"title": "first", "files": ["src/*.rs", "docs/x.md"]})).await;
    let second = task(&app, json!({"title": "second", "tags": ["ui"]})).await;
    let blocked = task(&app, json!({"title": "blocked", "blockedBy": [second]})).await;
    assert_eq!(app.lock("src/lib.rs", "bob").await.status, 200);
    app.eventually("/coordinator/locks", |b| b["locks"].as_array().is_some_and(|l| l.len() == 1)).await;

    let named = ann.post("/coordinator/tasks/take", json!({"taskId": blocked})).await;
    assert_eq!(named.status, 409, "{}", named.body);
    assert!(named.error().contains("open blocker"), "{}", named.body);
    let by_tag = ann.post("/coordinator/tasks/take", json!({"tag": "nope"})).await;
    assert_eq!(by_tag.status, 404, "{}", by_tag.body);

    let took: TakeResponse = ann.post("/coordinator/tasks/take", json!({"taskId": first})).await.typed();
    assert_eq!(took.task.status, TaskStatus::InProgress);
    assert!(took.task.taken_at.is_some());
    assert_eq!(took.held.len(), 1, "{:?}", took.held);
    assert_eq!((took.held[0].held.as_str(), took.held[0].by.as_str()), ("src/lib.rs", "bob"));

    let over = ann.post("/coordinator/tasks/take", json!({})).await;
    assert_eq!(over.status, 409, "{}", over.body);
    assert!(over.error().contains("inProgressPerAgent"), "{}", over.body);

    // A human hands work to known agents only.
    let typo = app.patch(&format!("/coordinator/tasks/{second}"), json!({"assignee": "nobody-here"})).await;
    assert_eq!(typo.status, 400, "{}", typo.body);
    assert!(typo.error().contains("nobody-here"), "{}", typo.body);
    let given = app.patch(&format!("/coordinator/tasks/{second}"), json!({"assignee": "ann"})).await;
    assert_eq!(given.status, 200, "{}", given.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_taken_task_returns_when_its_agent_is_gone() {
    let app = TestApp::new();
    let set = app.patch("/coordinator/settings", json!({"returnTasksAfterSecs": 1})).await;
    assert_eq!(set.status, 200, "{}", set.body);
    let (rex, _) = app.as_agent("rex").await;
    let id = task(&app, json!({"title": "left behind"})).await;
    let mut watcher = app.connect(None).await;
    watcher.next().await;
    let mut rex_socket = rex.connect(Some("rex")).await;
    rex_socket.next().await;
    let took = rex.post("/coordinator/tasks/take", json!({})).await;
    assert_eq!(took.status, 200, "{}", took.body);
    rex_socket.close().await;

    let back = watcher
        .until(|e| matches!(&e.event, Event::TaskUpdate(TaskUpdate::Moved(m)) if m.action == "task-returned"))
        .await;
    let Event::TaskUpdate(TaskUpdate::Moved(m)) = back.event else { unreachable!() };
    assert_eq!(m.task.id.as_str(), id);
    assert_eq!((m.task.status, m.task.assignee.as_ref()), (TaskStatus::Todo, None));
    let detail: TaskDetail = app.get(&format!("/coordinator/tasks/{id}")).await.typed();
    assert!(detail.ready);
    let last = detail.history.last().expect("history");
    assert!(last.note.starts_with("returned: rex offline since"), "{last:?}");
    assert_eq!(last.by, "hub");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn paging_returns_every_task_once() {
    let app = TestApp::new();
    let bodies: Vec<Value> = (0..1200).map(|i| json!({"title": format!("t{i}")})).collect();
    for chunk in bodies.chunks(50) {
        let made = join_all(chunk.iter().map(|b| app.create_task(b.clone()))).await;
        assert!(made.iter().all(|r| r.status == 200));
    }
    let (mut seen, mut before, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let path = match &before {
            Some(b) => format!("/coordinator/tasks?limit=500&before={b}"),
            None => "/coordinator/tasks?limit=500".to_owned(),
        };
        let page: TasksResponse = app.get(&path).await.typed();
        assert_eq!(page.total, Some(1200));
        seen.extend(page.tasks.iter().map(|t| t.id.to_string()));
        pages += 1;
        match page.next_before {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 1200);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 1200, "each once");
    let bad = app.get("/coordinator/tasks?before=nonsense").await;
    assert_eq!(bad.status, 400, "{}", bad.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn export_then_import_gives_the_same_graph() {
    let app = TestApp::new();
    let epic = task(&app, json!({"title": "epic"})).await;
    let b = task(&app, json!({"title": "B", "parent": epic, "tags": ["x"]})).await;
    let a = task(&app, json!({"title": "A", "parent": epic, "blockedBy": [b], "files": ["src/a.rs"]})).await;
    done(&app, &b).await;
    let exported = app.get("/coordinator/tasks/export").await;
    assert_eq!(exported.status, 200);
    let lines = exported.text.clone();
    assert_eq!(lines.lines().count(), 3, "{lines}");

    let other = TestApp::new();
    let imported = other.send("POST", "/coordinator/tasks/import", Some(lines.as_bytes())).await;
    assert_eq!(imported.status, 200, "{}", imported.body);
    assert_eq!(imported.body["imported"], 3);
    let again = other.send("POST", "/coordinator/tasks/import", Some(lines.as_bytes())).await;
    assert_eq!(again.status, 200, "idempotent: {}", again.body);
    assert_eq!(other.get("/coordinator/tasks/export").await.text, lines, "the same tasks, the same graph");
    let detail: TaskDetail = other.get(&format!("/coordinator/tasks/{epic}")).await.typed();
    assert_eq!(detail.children.len(), 2);
    let a_detail: TaskDetail = other.get(&format!("/coordinator/tasks/{a}")).await.typed();
    assert_eq!(a_detail.blockers[0].id.as_str(), b);
    assert!(a_detail.ready, "its blocker came done");

    // Remapped: every id prefixed, blockers and parents too.
    let third = TestApp::new();
    let res = third.send("POST", "/coordinator/tasks/import?prefix=old-", Some(lines.as_bytes())).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a2: TaskDetail = third.get(&format!("/coordinator/tasks/old-{a}")).await.typed();
    assert_eq!(a2.task.blocked_by[0].to_string(), format!("old-{b}"));
    assert_eq!(a2.task.parent.as_ref().map(ToString::to_string), Some(format!("old-{epic}")));

    // Bad lines and cycles write nothing.
    let broken = other.send("POST", "/coordinator/tasks/import", Some(b"{\"id\": 3}\n")).await;
    assert_eq!(broken.status, 400, "{}", broken.body);
    assert!(broken.error().contains("Line 1"), "{}", broken.body);
    let loop_lines = [("la", "lb"), ("lb", "la")]
        .map(|(id, by)| {
            json!({"id": id, "title": id, "status": "todo", "createdBy": "x", "priority": "low", "blockedBy": [by],
                "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-01T00:00:00.000Z"})
            .to_string()
        })
        .join("\n");
    let cycle = other.send("POST", "/coordinator/tasks/import", Some(loop_lines.as_bytes())).await;
    assert_eq!(cycle.status, 409, "{}", cycle.body);
    assert!(cycle.error().contains("cycle"), "{}", cycle.body);
    assert_eq!(other.get("/coordinator/tasks/la").await.status, 404, "nothing written");
    let (agent, _) = other.as_agent("ann").await;
    let refused = agent.send("POST", "/coordinator/tasks/import", Some(lines.as_bytes())).await;
    assert_eq!(refused.status, 403, "humans import: {}", refused.body);
}
