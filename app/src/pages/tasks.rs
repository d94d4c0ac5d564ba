//! The task board: columns by status; create, assign, move.

use hub_protocol::{Task, TaskStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{create_task, move_task, tasks};
use crate::components::{Empty, Failed, Loading};
use crate::live::Live;

#[component]
pub fn TasksPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let list = Resource::new(move || live.tick.get(), |_| tasks());
    let (title, set_title) = signal(String::new());
    let (priority, set_priority) = signal("medium".to_owned());
    let (assignee, set_assignee) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (t, p, a) = (title.get_untracked(), priority.get_untracked(), assignee.get_untracked());
        if t.trim().is_empty() {
            set_error.set(Some("Give the task a title.".into()));
            return;
        }
        spawn_local(async move {
            match create_task(t, p, a).await {
                Ok(()) => {
                    set_title.set(String::new());
                    set_error.set(None);
                    list.refetch();
                }
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section aria-labelledby="tasks-title">
            <h1 id="tasks-title">"Tasks"</h1>
            <form class="row" on:submit=submit>
                <label class="sr-only" for="task-title">"Title"</label>
                <input id="task-title" placeholder="New task" prop:value=title on:input=move |ev| set_title.set(event_target_value(&ev))/>
                <label class="sr-only" for="task-prio">"Priority"</label>
                <select id="task-prio" on:change=move |ev| set_priority.set(event_target_value(&ev))>
                    <option value="low">"low"</option>
                    <option value="medium" selected>"medium"</option>
                    <option value="high">"high"</option>
                    <option value="urgent">"urgent"</option>
                </select>
                <label class="sr-only" for="task-who">"Assignee"</label>
                <input id="task-who" placeholder="Assignee (optional)" prop:value=assignee on:input=move |ev| set_assignee.set(event_target_value(&ev))/>
                <button type="submit">"Create"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Transition fallback=|| view! { <Loading what="tasks"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(all) => view! {
                            <div class="board">
                                {TaskStatus::ALL.iter().map(|status| {
                                    let column: Vec<Task> = all.iter().filter(|t| t.status == *status).cloned().collect();
                                    view! {
                                        <section class="column" aria-label=status.as_str() data-status=status.as_str()>
                                            <h2>{status.as_str()}" "<span class="muted">{column.len()}</span></h2>
                                            {if column.is_empty() {
                                                view! { <Empty>"Nothing here."</Empty> }.into_any()
                                            } else {
                                                view! { <ul class="list">{column.into_iter().map(|t| view! { <TaskCard t refetch=move || list.refetch()/> }).collect_view()}</ul> }.into_any()
                                            }}
                                        </section>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any(),
                        Err(e) => view! { <Failed what="tasks" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TaskCard(t: Task, refetch: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let id = t.id.to_string();
    let current = t.status;
    let on_move = move |ev: leptos::ev::Event| {
        let (id, refetch, status) = (id.clone(), refetch.clone(), event_target_value(&ev));
        spawn_local(async move {
            if move_task(id, status).await.is_ok() {
                refetch();
            }
        });
    };
    let select_id = format!("move-{}", t.id);
    view! {
        <li class="task" data-task=t.id.to_string()>
            <strong>{t.title.clone()}</strong>
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
