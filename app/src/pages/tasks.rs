//! The task board: a Ready column, then one per status, each by priority
//! then age; create, move; a blocked task names its blockers; a task opens
//! to its own page.

use std::collections::HashMap;

use hub_protocol::{Task, TaskStatus};
use leptos::prelude::*;

use crate::api::{tasks, CreateTask, MoveTask};
use crate::components::{action_error, on_success, Empty, Failed, Loading};
use crate::live::Live;

#[component]
pub fn TasksPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let create = ServerAction::<CreateTask>::new();
    let move_to = ServerAction::<MoveTask>::new();
    let list = Resource::new(move || (live.tick.get(), create.version().get(), move_to.version().get()), |_| tasks());
    // The drafts live above the live-refreshed board; a created task clears the title.
    let title = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let priority = RwSignal::new("medium".to_owned());
    on_success(create, move || title.set(String::new()));
    view! {
        <section aria-labelledby="tasks-title">
            <h1 id="tasks-title">"Tasks"</h1>
            <form class="row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                create.dispatch(CreateTask {
                    title: title.get_untracked(),
                    priority: priority.get_untracked(),
                    assignee: assignee.get_untracked(),
                });
            }>
                <label class="sr-only" for="task-title">"Title"</label>
                <input id="task-title" name="title" required placeholder="New task" prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
                <label class="sr-only" for="task-prio">"Priority"</label>
                <select id="task-prio" name="priority" on:change=move |ev| priority.set(event_target_value(&ev))>
                    <option value="low">"low"</option>
                    <option value="medium" selected>"medium"</option>
                    <option value="high">"high"</option>
                    <option value="urgent">"urgent"</option>
                </select>
                <label class="sr-only" for="task-who">"Assignee"</label>
                <input id="task-who" name="assignee" placeholder="Assignee (optional)" prop:value=assignee on:input=move |ev| assignee.set(event_target_value(&ev))/>
                <button type="submit">"Create"</button>
            </form>
            {action_error(create)}
            {action_error(move_to)}
            <Transition fallback=|| view! { <Loading what="tasks"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(board) => {
                            let titles: HashMap<String, (String, TaskStatus)> =
                                board.tasks.iter().map(|t| (t.id.to_string(), (t.title.clone(), t.status))).collect();
                            let columns = std::iter::once(("ready", board.ready.clone()))
                                .chain(TaskStatus::ALL.iter().map(|s| {
                                    (s.as_str(), board.tasks.iter().filter(|t| t.status == *s).cloned().collect())
                                }))
                                .collect::<Vec<(&str, Vec<Task>)>>();
                            view! {
                                <p class="muted">{board.total}" tasks; the board shows the newest 500. Each column by priority, then age."</p>
                                <div class="board">
                                    {columns.into_iter().map(|(name, column)| view! {
                                        <section class="column" aria-label=name data-status=name>
                                            <h2>{name}" "<span class="muted">{column.len()}</span></h2>
                                            {if column.is_empty() {
                                                view! { <Empty>"Nothing here."</Empty> }.into_any()
                                            } else {
                                                let titles = titles.clone();
                                                view! { <ul class="list">{column.into_iter().map(|t| {
                                                    let blockers = open_blockers(&t, &titles);
                                                    view! { <TaskCard t column=name blockers move_to/> }
                                                }).collect_view()}</ul> }.into_any()
                                            }}
                                        </section>
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <Failed what="tasks" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The titles of `t`'s blockers that are not done (a blocker off the
/// board shows its id).
fn open_blockers(t: &Task, titles: &HashMap<String, (String, TaskStatus)>) -> Vec<String> {
    t.blocked_by
        .iter()
        .filter_map(|b| match titles.get(b.as_str()) {
            Some((_, TaskStatus::Done)) => None,
            Some((title, _)) => Some(title.clone()),
            None => Some(b.to_string()),
        })
        .collect()
}

#[component]
fn TaskCard(t: Task, column: &'static str, blockers: Vec<String>, move_to: ServerAction<MoveTask>) -> impl IntoView {
    let id = t.id.to_string();
    let current = t.status;
    let on_move = move |ev: leptos::ev::Event| {
        move_to.dispatch(MoveTask { id: id.clone(), status: event_target_value(&ev) });
    };
    // A ready task is on the board twice: ids unique per column.
    let select_id = format!("move-{column}-{}", t.id);
    view! {
        <li class="task" data-task=t.id.to_string()>
            <a class="task-title" href=format!("/tasks/{}", t.id)><strong>{t.title.clone()}</strong></a>
            {(!blockers.is_empty()).then(|| view! { <p class="blocked-by">"Waits on: "{blockers.join(", ")}</p> })}
            <p class="muted">
                <span class=format!("badge prio-{}", t.priority.as_str())>{t.priority.as_str()}</span>" "
                {t.assignee.as_ref().map_or_else(|| "unassigned".to_owned(), std::string::ToString::to_string)}
            </p>
            <label class="sr-only" for=select_id.clone()>"Move to"</label>
            <select id=select_id on:change=on_move>
                {TaskStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected=*s == current>{s.as_str()}</option> }).collect_view()}
            </select>
        </li>
    }
}
