//! Held locks: holder, time left, who waits (since when), history, and
//! force release for humans (confirmed, saying who gets the lock next).

use hub_protocol::Waiting;
use leptos::prelude::*;

use crate::api::{load_lock_history, locks, ForceRelease, HeldLock};
use crate::components::{action_error, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::{now, span, RelTime};

#[component]
pub fn LocksPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let release = ServerAction::<ForceRelease>::new();
    let list = Resource::new(move || (live.tick.get(), release.version().get()), |_| locks());
    // Which rows show their history, and which ask to confirm a release,
    // kept here: every live update rebuilds the rows.
    let open = RwSignal::new(std::collections::HashSet::<String>::new());
    let confirming = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="locks-title">
            <h1 id="locks-title">"Locks"</h1>
            {action_error(release)}
            <Transition fallback=|| view! { <Loading what="locks"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) if l.is_empty() => view! { <Empty>"No file is locked. Agents lock a file before editing it, with the hub_lock tool or " <code>"hub lock PATH"</code> "."</Empty> }.into_any(),
                        Ok(l) => view! { <ul class="list locks" data-testid="locks">{l.into_iter().map(|held| view! { <LockRow held release open confirming/> }).collect_view()}</ul> }.into_any(),
                        Err(e) => view! { <Failed what="locks" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Who waits, in order, and for how long: "bob (3 min), cy (1 min)".
pub fn queue_words(waiting: &[Waiting]) -> String {
    let at = now();
    waiting
        .iter()
        .map(|w| match w.since {
            Some(since) => format!("{} ({})", w.agent_id, span(at.since(since).max(0))),
            None => w.agent_id.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn LockRow(
    held: HeldLock,
    release: ServerAction<ForceRelease>,
    open: RwSignal<std::collections::HashSet<String>>,
    confirming: RwSignal<Option<String>>,
) -> impl IntoView {
    let HeldLock { lock, waiting } = held;
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
    let asking = {
        let path = path.clone();
        Memo::new(move |_| confirming.with(|c| c.as_deref() == Some(path.as_str())))
    };
    let ask = {
        let path = path.clone();
        move |_| confirming.set(Some(path.clone()))
    };
    let on_release = {
        let path = path.clone();
        move |_| {
            confirming.set(None);
            release.dispatch(ForceRelease { path: path.clone() });
        }
    };
    let holder = lock.locked_by.to_string();
    let next = waiting.first().map(|w| w.agent_id.to_string());
    let consequence = match &next {
        Some(n) => format!("{n} gets it next."),
        None => "Nobody waits: it becomes free.".to_owned(),
    };
    let fencing =
        "Fencing token: it rises with each grant of this lock, so a write that carries an older one is stale.";
    view! {
        <li class="lock" data-lock=path.clone()>
            <code>{path.clone()}</code>
            <span>" held by " <strong>{holder.clone()}</strong></span>
            <span class="muted">" · " <span data-testid="left">{span(lock.remaining_ms)} " left"</span> " · "
                <abbr title=fencing>"fencing token " {lock.fencing_token}</abbr></span>
            {lock.reason.clone().map(|r| view! { <p class="muted">{r}</p> })}
            <p class="queue muted" data-testid="queue">{if waiting.is_empty() {
                "Nobody waits for it.".to_owned()
            } else {
                format!("Waiting, in order: {}", queue_words(&waiting))
            }}</p>
            <div class="row">
                <button on:click=toggle aria-expanded=move || show.get().to_string()>"History"</button>
                <button class="danger" on:click=ask>"Force release"</button>
            </div>
            {move || asking.get().then(|| view! {
                <div class="confirm" role="alertdialog" aria-label="Confirm force release" data-testid="confirm-release">
                    <p>"Take the lock from " <strong>{holder.clone()}</strong> "? " {consequence.clone()}</p>
                    <button class="danger" on:click=on_release.clone()>"Release it"</button>
                    <button on:click=move |_| confirming.set(None)>"Cancel"</button>
                </div>
            })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(Some(h)) => view! {
                            <ol class="history">{h.history.into_iter().map(|e| view! {
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
