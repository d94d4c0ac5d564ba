//! One task: what it is (description, tags, files), what blocks it and
//! what it blocks, its epic's graph, its history; assign, reassign, block
//! and unblock it.

use hub_protocol::{TaskBrief, TaskDetail};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{load_task, AssignTask, BlockTask};
use crate::components::{action_error, on_success, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::RelTime;

#[component]
pub fn TaskPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let live = expect_context::<Live>();
    let assign = ServerAction::<AssignTask>::new();
    let block = ServerAction::<BlockTask>::new();
    provide_context(block);
    let page = Resource::new(
        move || (id(), live.tick.get(), assign.version().get(), block.version().get()),
        |(id, _, _, _)| load_task(id),
    );
    // Drafts above the live part, so an update does not wipe what a human types.
    let assignee = RwSignal::new(String::new());
    let blocker = RwSignal::new(String::new());
    on_success(block, move || blocker.set(String::new()));
    view! {
        <section aria-labelledby="task-title">
            <p><a href="/tasks">"← Tasks"</a></p>
            <Transition fallback=|| view! { <Loading what="the task"/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(d) => view! { <Detail d/> }.into_any(),
                        Err(e) => view! { <Failed what="the task" error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <h2>"Assign"</h2>
            <form class="row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                assign.dispatch(AssignTask { id: id(), assignee: assignee.get_untracked() });
            }>
                <label for="assign-to">"Agent (empty unassigns)"</label>
                <input id="assign-to" name="assignee" prop:value=assignee on:input=move |ev| assignee.set(event_target_value(&ev))/>
                <button type="submit">"Assign"</button>
            </form>
            {action_error(assign)}
            <h2>"Block"</h2>
            <form class="row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                block.dispatch(BlockTask { id: id(), blocker: blocker.get_untracked(), block: true });
            }>
                <label for="block-by">"Blocked by task id"</label>
                <input id="block-by" name="blocker" required prop:value=blocker on:input=move |ev| blocker.set(event_target_value(&ev))/>
                <button type="submit">"Block"</button>
            </form>
            {action_error(block)}
        </section>
    }
}

#[component]
fn Detail(d: TaskDetail) -> impl IntoView {
    let block = use_context::<ServerAction<BlockTask>>();
    let t = d.task;
    let id = t.id.to_string();
    let graph = (!d.children.is_empty()).then(|| format!("/charts/epic/{id}"));
    view! {
        <h1 id="task-title">{t.title.clone()}</h1>
        <p>
            <span class=format!("badge prio-{}", t.priority.as_str())>{t.priority.as_str()}</span>" "
            <span class="badge" data-field="status">{t.status.as_str()}</span>" "
            {d.ready.then(|| view! { <span class="badge ready">"ready"</span> })}" "
            <span data-field="assignee">{t.assignee.as_ref().map_or_else(|| "unassigned".to_owned(), ToString::to_string)}</span>
        </p>
        {t.description.clone().map(|text| view! { <p class="description">{text}</p> })}
        {(!t.tags.is_empty()).then(|| view! { <p>"Tags: "{t.tags.join(", ")}</p> })}
        {(!t.files.is_empty()).then(|| view! { <p>"Files: "<code>{t.files.join(" ")}</code></p> })}
        {t.parent.clone().map(|p| view! { <p>"Epic: "<a href=format!("/tasks/{p}")>{p.to_string()}</a></p> })}
        <h2>"Blocked by"</h2>
        <Briefs list=d.blockers.clone() unblock=block.map(|b| (b, id.clone()))/>
        <h2>"Blocks"</h2>
        <Briefs list=d.dependents unblock=None/>
        {(!d.children.is_empty()).then(|| view! {
            <h2>"Tasks of this epic"</h2>
            <Briefs list=d.children unblock=None/>
            <img class="chart" alt="This epic's tasks and what blocks what" src=graph/>
        })}
        <h2>"History"</h2>
        <ol class="list history">
            {d.history.into_iter().map(|h| view! {
                <li><RelTime at=h.at/>" "<strong>{h.by}</strong>": "{h.note}</li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Briefs(list: Vec<TaskBrief>, unblock: Option<(ServerAction<BlockTask>, String)>) -> impl IntoView {
    if list.is_empty() {
        return view! { <Empty>"None."</Empty> }.into_any();
    }
    view! {
        <ul class="list">
            {list.into_iter().map(|b| {
                let label = if b.gone { format!("{} (gone: counts as done)", b.id) } else { b.title.clone() };
                let button = unblock.clone().map(|(action, id)| {
                    let blocker = b.id.to_string();
                    view! { <button type="button" on:click=move |_| { action.dispatch(BlockTask { id: id.clone(), blocker: blocker.clone(), block: false }); }>"Unblock"</button> }
                });
                view! {
                    <li data-task=b.id.to_string()>
                        <a href=format!("/tasks/{}", b.id)>{label}</a>" "
                        <span class="muted">{b.status.as_str()}</span>" "
                        {button}
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}
