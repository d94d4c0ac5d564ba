use hub_protocol::{Priority, TaskResponse, TaskStatus, TasksResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn create_with_defaults() {
    let app = TestApp::new();
    let res = app.create_task(json!({})).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let t: TaskResponse = res.typed();
    assert_eq!(t.task.title, "Untitled Task");
    assert_eq!(t.task.status, TaskStatus::Todo);
    assert_eq!(t.task.priority, Priority::Medium);
    assert_eq!(t.task.created_by, "system");
    assert!(t.task.id.as_str().starts_with("task-"));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn filter_by_status_and_assignee() {
    let app = TestApp::new();
    app.create_task(json!({"title": "a", "assignee": "ann"})).await;
    app.create_task(json!({"title": "b", "assignee": "bob", "status": "in-progress"})).await;
    app.create_task(json!({"title": "c"})).await;
    let all: TasksResponse = app.get("/coordinator/tasks").await.typed();
    assert_eq!(all.tasks.len(), 3);
    assert_eq!(all.tasks[0].title, "c", "newest first");
    let ann: TasksResponse = app.get("/coordinator/tasks?assignee=ann").await.typed();
    assert_eq!(ann.tasks.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["a"]);
    let wip: TasksResponse = app.get("/coordinator/tasks?status=in-progress").await.typed();
    assert_eq!(wip.tasks.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["b"]);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn patch_moves_assigns_and_completes() {
    let app = TestApp::new();
    let t: TaskResponse = app.create_task(json!({"title": "ship it"})).await.typed();
    let path = format!("/coordinator/tasks/{}", t.task.id);
    // A task goes to an agent the team knows.
    let unknown = app.patch(&path, json!({"assignee": "ann"})).await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    app.register("ann").await;
    let moved: TaskResponse =
        app.patch(&path, json!({"status": "in-progress", "assignee": "ann", "priority": "high"})).await.typed();
    assert_eq!(moved.task.status, TaskStatus::InProgress);
    assert_eq!(moved.task.assignee.as_ref().map(hub_protocol::AgentId::as_str), Some("ann"));
    assert_eq!(moved.task.priority, Priority::High);
    assert!(moved.task.updated_at >= t.task.updated_at);

    let done: TaskResponse = app.patch(&path, json!({"status": "done", "assignee": null})).await.typed();
    assert_eq!(done.task.status, TaskStatus::Done);
    assert_eq!(done.task.assignee, None);
    assert_eq!(done.task.title, "ship it");

    let listed: TasksResponse = app.get("/coordinator/tasks?status=done").await.typed();
    assert_eq!(listed.tasks.len(), 1);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn patch_unknown_task_is_404_and_bad_status_is_400() {
    let app = TestApp::new();
    let res = app.patch("/coordinator/tasks/task-nope", json!({"status": "done"})).await;
    assert_eq!(res.status, 404);
    let t: TaskResponse = app.create_task(json!({"title": "x"})).await.typed();
    let res = app.patch(&format!("/coordinator/tasks/{}", t.task.id), json!({"status": "finished"})).await;
    assert_eq!(res.status, 400);
    assert!(res.error().contains("in-progress"), "names the allowed values: {}", res.error());
    let res = app.patch(&format!("/coordinator/tasks/{}", t.task.id), json!({})).await;
    assert_eq!(res.status, 400);
    let after: TasksResponse = app.get("/coordinator/tasks").await.typed();
    assert_eq!(after.tasks[0].status, TaskStatus::Todo, "nothing half-written");
}
