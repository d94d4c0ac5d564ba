//! The landing page: what happened since I left, and what needs me.

use hub_protocol::{Handoff, SessionResume};
use leptos::prelude::*;

use super::needs_you::{Actions, AttentionList, ShippedList};
use crate::api::{load_resume, Attend, ForceRelease, HandoffStep, Needs, ResolveEscalation};
use crate::components::{action_error, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::span;

#[component]
pub fn ResumePage() -> impl IntoView {
    let live = expect_context::<Live>();
    let actions = Actions {
        resolve: ServerAction::<ResolveEscalation>::new(),
        claim: ServerAction::<HandoffStep>::new(),
        attend: ServerAction::<Attend>::new(),
        release: ServerAction::<ForceRelease>::new(),
        typed: RwSignal::new(std::collections::HashMap::new()),
    };
    let acted = move || {
        let a = actions;
        (a.resolve.version().get(), a.claim.version().get(), a.attend.version().get(), a.release.version().get())
    };
    let resume = Resource::new(move || (live.tick.get(), acted()), |_| load_resume());
    view! {
        <section aria-labelledby="resume-title">
            <h1 id="resume-title">"Since you left"</h1>
            {action_error(actions.resolve)}
            {action_error(actions.claim)}
            {action_error(actions.attend)}
            {action_error(actions.release)}
            <Transition fallback=|| view! { <Loading what="the session"/> }>
                {move || Suspend::new(async move {
                    match resume.await {
                        Ok((r, held, needs)) => view! { <Resume r held needs actions/> }.into_any(),
                        Err(e) => view! { <Failed what="the session" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Resume(r: SessionResume, held: Vec<crate::api::HeldLock>, needs: Needs, actions: Actions) -> impl IntoView {
    let counts = [
        ("needs-you", "Need you", needs.attention.count, "alert"),
        ("handoffs", "Pending handoffs", r.pending.handoffs.len(), ""),
        ("tasks", "Tasks in progress", r.pending.tasks.len(), ""),
        ("locks", "Held locks", r.held_locks.len(), ""),
        ("agents", "Agents active", r.active_agents.len(), ""),
    ];
    let handoffs = r.pending.handoffs.clone();
    let claim = actions.claim;
    view! {
        <p class="summary" data-testid="summary">{r.summary_text.clone()}</p>
        <ul class="counts">
            {counts.into_iter().map(|(id, label, n, class)| view! {
                <li class=format!("count {class}") class:zero=move || n == 0>
                    <span class="n" data-testid=format!("count-{id}")>{n}</span>
                    <span class="label">{label}</span>
                </li>
            }).collect_view()}
        </ul>

        <div class="grid">
            <section class="card wide" aria-labelledby="esc-title">
                <h2 id="esc-title">"Needs you"</h2>
                <AttentionList items=needs.attention.items approvals=needs.approvals actions/>
            </section>

            <section class="card" aria-labelledby="handoff-title">
                <h2 id="handoff-title">"Pending handoffs"</h2>
                {if handoffs.is_empty() {
                    view! { <Empty>"Nothing handed off. An agent hands work on with the hub_handoff tool."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{handoffs.into_iter().map(|h| view! { <HandoffItem h claim/> }).collect_view()}</ul> }.into_any()
                }}
            </section>

            <section class="card" aria-labelledby="shipped-title">
                <h2 id="shipped-title">"Shipped"</h2>
                <ShippedList shipped=needs.shipped.shipped/>
            </section>

            <section class="card" aria-labelledby="who-title">
                <h2 id="who-title">"Who worked"</h2>
                {if r.participants.is_empty() {
                    view! { <Empty>"Nobody has written in the chat yet."</Empty> }.into_any()
                } else {
                    view! {
                        <ul class="list">{r.participants.iter().map(|p| view! {
                            <li><strong>{p.author.clone()}</strong>" · "{p.message_count}{if p.message_count == 1 { " message" } else { " messages" }}<br/><span class="muted">{p.last_message.clone()}</span></li>
                        }).collect_view()}</ul>
                    }.into_any()
                }}
                <p class="muted">"Session: " {r.session.duration_description.clone()} ", " {r.session.message_count} " messages"</p>
            </section>

            <section class="card" aria-labelledby="wip-title">
                <h2 id="wip-title">"In progress"</h2>
                {if r.pending.tasks.is_empty() {
                    view! { <Empty>"No task is in progress. " <a href="/tasks">"Open the board"</a> " to assign one."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{r.pending.tasks.iter().map(|t| view! {
                        <li><strong>{t.title.clone()}</strong>" · "{t.assignee.as_ref().map(std::string::ToString::to_string).unwrap_or_else(|| "unassigned".into())}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>

            <HeldLocks held/>

            <section class="card" aria-labelledby="actions-title">
                <h2 id="actions-title">"Quick actions"</h2>
                <ul class="list">{r.quick_actions.iter().map(|q| {
                    let href = match q.action.as_str() {
                        "resolve_escalations" => "#esc-title",
                        "review_handoffs" => "#handoff-title",
                        "check_progress" => "/tasks",
                        "review_locks" => "/locks",
                        "view_chat" => "/chat",
                        "spawn_team" => "/tokens#connect",
                        _ => "/team",
                    };
                    view! { <li><a href=href>{q.label.clone()}</a>" — "<span class="muted">{q.description.clone()}</span></li> }
                }).collect_view()}</ul>
            </section>
        </div>
    }
}

#[component]
fn HandoffItem(h: Handoff, claim: ServerAction<HandoffStep>) -> impl IntoView {
    let id = h.id.clone();
    let on_claim = move |_| {
        claim.dispatch(HandoffStep { id: id.clone(), step: "claim".into(), to: String::new() });
    };
    view! {
        <li data-testid="handoff">
            <strong>{h.title.clone()}</strong>" from "{h.from_agent.to_string()}
            {h.to_agent.as_ref().map(|t| format!(" to {t}"))}
            <p class="muted">{h.context.clone()}</p>
            <button on:click=on_claim>"Claim"</button>
        </li>
    }
}

/// The locks held now, each with who waits for it (a queue is what makes a
/// lock something to look at).
#[component]
fn HeldLocks(held: Vec<crate::api::HeldLock>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="locks-title">
            <h2 id="locks-title">"Held locks"</h2>
            {held.is_empty().then(|| view! { <Empty>"No file is locked."</Empty> })}
            {(!held.is_empty()).then(|| view! { <ul class="list" data-testid="held-locks">{held.into_iter().map(|h| view! {
                    <li data-lock=h.lock.resource_path.to_string()>
                        <code>{h.lock.resource_path.to_string()}</code>" · "{h.lock.locked_by.to_string()}" · "{span(h.lock.remaining_ms)}" left"
                        {(!h.waiting.is_empty()).then(|| view! {
                            <span class="badge warn" data-testid="waiters">{format!("waiting: {}", super::locks::queue_words(&h.waiting))}</span>
                        })}
                    </li>
                }).collect_view()}</ul> })}
        </section>
    }
}
