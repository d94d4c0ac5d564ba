//! The landing page's first card: everything that needs a human, each
//! with its action right there; and "Shipped", from facts.

use std::collections::HashMap;

use hub_protocol::{Approval, AttentionAction, AttentionItem, AttentionKind, Shipped, ShippedKind};
use leptos::prelude::*;

use crate::api::{Attend, ForceRelease, HandoffStep, ResolveEscalation};
use crate::components::Empty;
use crate::time::RelTime;

/// The actions a row may take, shared by every row.
#[derive(Clone, Copy)]
pub struct Actions {
    pub resolve: ServerAction<ResolveEscalation>,
    pub claim: ServerAction<HandoffStep>,
    pub attend: ServerAction<Attend>,
    pub release: ServerAction<ForceRelease>,
    /// What is typed in each row's box (a hint, a reply, an agent), by item
    /// id: kept above the live-refreshed list.
    pub typed: RwSignal<HashMap<String, String>>,
}

#[component]
pub fn AttentionList(items: Vec<AttentionItem>, approvals: Vec<Approval>, actions: Actions) -> impl IntoView {
    if items.is_empty() {
        return view! { <Empty>"Nothing needs you. Escalations, approvals, @human asks, blocked and urgent tasks appear here."</Empty> }.into_any();
    }
    view! {
        <ul class="list" data-testid="attention">
            {items.into_iter().map(|item| {
                let context = approvals.iter().find(|a| a.id == item.id).and_then(|a| a.context.clone());
                view! { <AttentionRow item context actions/> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn label(i: &AttentionItem) -> String {
    match i.kind {
        AttentionKind::Escalation => format!("stuck · level {}", i.level.unwrap_or(1)),
        AttentionKind::Approval => "approval".into(),
        AttentionKind::Mention => "asks you".into(),
        AttentionKind::BlockedTask => "blocked task".into(),
        AttentionKind::UrgentTask => "urgent, nobody on it".into(),
        AttentionKind::Handoff => "handed to you".into(),
        AttentionKind::LockQueue => "lock queue".into(),
        AttentionKind::SilentHolder => "silent lock holder".into(),
    }
}

#[component]
fn AttentionRow(item: AttentionItem, context: Option<String>, actions: Actions) -> impl IntoView {
    let class = format!("attention kind-{} level-{}", item.kind.as_str(), item.level.unwrap_or(0));
    let anchor = (item.kind == AttentionKind::Approval).then(|| format!("approval-{}", item.id));
    let again = (item.reescalated > 0).then(|| format!("sent again {}×", item.reescalated));
    view! {
        <li class=class id=anchor data-testid="attention-item" data-kind=item.kind.as_str()>
            <div>
                <span class="badge">{label(&item)}</span>" "
                <a href=item.link.clone()><strong>{item.who.clone()}</strong></a>" · "<RelTime at=item.since/>
                {again.map(|a| view! { " " <span class="badge warn">{a}</span> })}
            </div>
            <p>{item.what.clone()}</p>
            {context.map(|c| view! { <pre class="context">{c}</pre> })}
            <div class="row">{action(&item, actions)}</div>
        </li>
    }
}

/// The row's action: a box and a button, or buttons.
fn action(item: &AttentionItem, a: Actions) -> AnyView {
    let id = item.id.clone();
    let key = id.clone();
    let typed = move || a.typed.with(|t| t.get(&key).cloned().unwrap_or_default());
    let key = id.clone();
    let set = move |v: String| a.typed.update(|t| drop(t.insert(key.clone(), v)));
    let taken = {
        let id = id.clone();
        move || a.typed.with_untracked(|t| t.get(&id).cloned().unwrap_or_default())
    };
    let input = move |placeholder: &'static str| {
        let set = set.clone();
        view! {
            <input aria-label=placeholder placeholder=placeholder prop:value=typed.clone() on:input=move |ev| set(event_target_value(&ev))/>
        }
    };
    match (item.action, item.kind) {
        (AttentionAction::Resolve, _) => {
            let (agent, session) = (item.who.clone(), item.session_id.clone().unwrap_or_default());
            let go = move |_| {
                let r = ResolveEscalation {
                    agent: agent.clone(),
                    session: session.clone(),
                    escalation: id.clone(),
                    hint: taken(),
                };
                a.resolve.dispatch(r);
            };
            view! { {input("A hint for the agent (optional)")} <button on:click=go>"Resolve"</button> }.into_any()
        }
        (AttentionAction::Decide, _) => item
            .options
            .iter()
            .map(|o| {
                let (id, o2) = (id.clone(), o.clone());
                let go = move |_| {
                    drop(a.attend.dispatch(Attend { id: id.clone(), verb: "answer".into(), value: o2.clone() }));
                };
                view! { <button on:click=go>{o.clone()}</button> }
            })
            .collect_view()
            .into_any(),
        (AttentionAction::Reply, _) => {
            let who = item.who.clone();
            let go = move |_| {
                let text = format!("@{who} {}", taken());
                a.attend.dispatch(Attend { id: id.clone(), verb: "reply".into(), value: text });
            };
            view! { {input("Your answer, in the chat")} <button on:click=go>"Reply"</button> }.into_any()
        }
        (AttentionAction::Assign, AttentionKind::BlockedTask) => {
            let go = move |_| {
                drop(a.attend.dispatch(Attend { id: id.clone(), verb: "status".into(), value: "in-progress".into() }));
            };
            view! { <a href=item.link.clone()>"Open the task"</a> <button on:click=go>"Unblock"</button> }.into_any()
        }
        (AttentionAction::Assign, _) => {
            let go = move |_| drop(a.attend.dispatch(Attend { id: id.clone(), verb: "assign".into(), value: taken() }));
            view! { {input("Agent id")} <button on:click=go>"Assign"</button> }.into_any()
        }
        (AttentionAction::Claim, _) => {
            let go = move |_| {
                drop(a.claim.dispatch(HandoffStep { id: id.clone(), step: "claim".into(), to: String::new() }));
            };
            view! { <button on:click=go>"Claim"</button> }.into_any()
        }
        (AttentionAction::ForceRelease, _) => {
            let sure = RwSignal::new(false);
            let go = move |_| {
                if sure.get_untracked() {
                    a.release.dispatch(ForceRelease { path: id.clone() });
                } else {
                    sure.set(true);
                }
            };
            view! { <button class="danger" on:click=go>{move || if sure.get() { "Confirm: release it" } else { "Force release" }}</button> }.into_any()
        }
    }
}

#[component]
pub fn ShippedList(shipped: Vec<Shipped>) -> impl IntoView {
    if shipped.is_empty() {
        return view! { <Empty>"Nothing finished since your last visit: tasks done, traces completed and handoffs completed show here."</Empty> }.into_any();
    }
    view! {
        <ul class="list" data-testid="shipped">
            {shipped.into_iter().map(|s| {
                let kind = match s.kind {
                    ShippedKind::Task => "task done",
                    ShippedKind::Trace => "trace completed",
                    ShippedKind::Handoff => "handoff completed",
                };
                view! {
                    <li data-kind=s.kind.as_str()>
                        <span class="badge">{kind}</span>" "<a href=s.link.clone()>{s.title.clone()}</a>
                        " · "{s.who.clone()}" · "<RelTime at=s.at/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// An agent's open escalations, each with *Resolve* (and a hint), where
/// the agent, its trace or the team's coordination is shown.
#[component]
pub fn ResolveList(agent: String, open: Vec<hub_protocol::Escalation>) -> impl IntoView {
    let resolve = ServerAction::<ResolveEscalation>::new();
    let hints = RwSignal::new(HashMap::<String, String>::new());
    // Resolved from here: marked at once (the page refreshes when the
    // agent's object reports it).
    let resolved = RwSignal::new(std::collections::HashSet::<String>::new());
    view! {
        {crate::components::action_error(resolve)}
        <ul class="list" data-testid="open-escalations">
            {open.into_iter().map(|e| {
                let (id, id2, id3) = (e.id.clone(), e.id.clone(), e.id.clone());
                let hint = move || hints.with(|h| h.get(&id).cloned().unwrap_or_default());
                let set = move |v: String| hints.update(|h| drop(h.insert(id2.clone(), v)));
                let (agent, session) = (agent.clone(), e.session_id.clone());
                let go = move |_| {
                    let hint = hints.with_untracked(|h| h.get(&id3).cloned().unwrap_or_default());
                    resolve.dispatch(ResolveEscalation { agent: agent.clone(), session: session.clone(), escalation: id3.clone(), hint });
                    resolved.update(|r| {
                        r.insert(id3.clone());
                    });
                };
                let done = {
                    let id = e.id.clone();
                    move || resolved.with(|r| r.contains(&id))
                };
                let done2 = done.clone();
                view! {
                    <li class=format!("escalation level-{}", e.highest_level) data-testid="open-escalation">
                        <span class="badge">{format!("stuck · level {}", e.highest_level)}</span>" "
                        {e.reasons()}" · "<RelTime at=e.triggered_at/>
                        <div class="row">
                            <input aria-label="A hint for the agent (optional)" placeholder="A hint for the agent (optional)"
                                prop:value=hint on:input=move |ev| set(event_target_value(&ev))/>
                            <button on:click=go disabled=done.clone()>{move || if done2() { "Resolved" } else { "Resolve" }}</button>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
