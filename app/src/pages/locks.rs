//! Held locks: holder, time left, history, and force release for humans.

use hub_protocol::LockInfo;
use leptos::prelude::*;

use crate::api::{load_lock_history, locks, ForceRelease};
use crate::components::{action_error, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::{span, RelTime};

#[component]
pub fn LocksPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let release = ServerAction::<ForceRelease>::new();
    let list = Resource::new(move || (live.tick.get(), release.version().get()), |_| locks());
    // Which rows show their history, kept here: every live update rebuilds
    // the rows, and a row's own signal would close its history each time.
    let open = RwSignal::new(std::collections::HashSet::<String>::new());
    view! {
        <section aria-labelledby="locks-title">
            <h1 id="locks-title">"Locks"</h1>
            {action_error(release)}
            <Transition fallback=|| view! { <Loading what="locks"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) if l.is_empty() => view! { <Empty>"No file is locked. Agents lock with POST /lock/{path}/lock before editing."</Empty> }.into_any(),
                        Ok(l) => view! { <ul class="list locks" data-testid="locks">{l.into_iter().map(|lock| view! { <LockRow lock release open/> }).collect_view()}</ul> }.into_any(),
                        Err(e) => view! { <Failed what="locks" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn LockRow(
    lock: LockInfo,
    release: ServerAction<ForceRelease>,
    open: RwSignal<std::collections::HashSet<String>>,
) -> impl IntoView {
    let path = lock.resource_path.to_string();
    let show = {
        let path = path.clone();
        Memo::new(move |_| open.with(|o| o.contains(&path)))
    };
    let toggle = {
        let path = path.clone();
        move |_| {
            open.update(|o| {
                if !o.remove(&path) {
                    o.insert(path.clone());
                }
            });
        }
    };
    let history = {
        let path = path.clone();
        Resource::new(
            move || show.get(),
            move |open| {
                let path = path.clone();
                async move {
                    if open {
                        load_lock_history(path).await.map(Some)
                    } else {
                        Ok(None)
                    }
                }
            },
        )
    };
    let on_release = {
        let path = path.clone();
        move |_| {
            release.dispatch(ForceRelease { path: path.clone() });
        }
    };
    view! {
        <li class="lock" data-lock=path.clone()>
            <code>{path.clone()}</code>
            <span>" held by " <strong>{lock.locked_by.to_string()}</strong></span>
            <span class="muted">" · " {span(lock.remaining_ms)} " left · token " {lock.fencing_token}</span>
            {lock.reason.clone().map(|r| view! { <p class="muted">{r}</p> })}
            <div class="row">
                <button on:click=toggle aria-expanded=move || show.get().to_string()>"History"</button>
                <button class="danger" on:click=on_release>"Force release"</button>
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(Some(d)) => view! {
                            <p class="muted" data-testid="queue">{if d.queue.is_empty() {
                                "Nobody waits for it.".to_owned()
                            } else {
                                format!("Waiting, in order: {}", d.queue.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
                            }}</p>
                            <ol class="history">{d.history.history.into_iter().map(|e| view! {
                            <li>
                                {e.locked_by.to_string()}" · "<RelTime at=e.locked_at/>
                                {e.release_reason.map(|r| format!(" · {}", r.as_str()))}
                                {e.released_by.map(|b| format!(" by {b}"))}
                            </li>
                        }).collect_view()}</ol>
                        }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(e) => view! { <Failed what="history" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </li>
    }
}
