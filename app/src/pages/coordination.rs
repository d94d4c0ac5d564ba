//! Every coordination object of the team: zones, claims (stale ones
//! marked), handoffs (a human claims and completes them), and escalations,
//! open and resolved (who resolved, how, how long it took).

use hub_protocol::{AgentEscalation, Handoff, HandoffStatus};
use leptos::prelude::*;

use crate::api::{coordination, CoordinationView, HandoffStep};
use crate::components::{action_error, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::{span, RelTime};

#[component]
pub fn CoordinationPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let step = ServerAction::<HandoffStep>::new();
    let view_ = Resource::new(move || (live.tick.get(), step.version().get()), |_| coordination());
    view! {
        <section aria-labelledby="coord-title">
            <h1 id="coord-title">"Coordination"</h1>
            {action_error(step)}
            <Transition fallback=|| view! { <Loading what="coordination"/> }>
                {move || Suspend::new(async move {
                    match view_.await {
                        Ok(v) => view! { <Sections v step/> }.into_any(),
                        Err(e) => view! { <Failed what="coordination" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Sections(v: CoordinationView, step: ServerAction<HandoffStep>) -> impl IntoView {
    view! {
        <div class="grid">
            <section class="card" aria-labelledby="zones-title" data-testid="zones">
                <h2 id="zones-title">"Zones"</h2>
                {if v.zones.is_empty() {
                    view! { <Empty>"No zone is claimed."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{v.zones.into_iter().map(|z| view! {
                        <li><code>{z.path.clone()}</code>" · "<strong>{z.owner.to_string()}</strong>" · "{z.zone_id.clone()}" · "<RelTime at=z.claimed_at/></li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="claims-title" data-testid="claims">
                <h2 id="claims-title">"Claims"</h2>
                {if v.claims.is_empty() {
                    view! { <Empty>"Nothing is claimed."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{v.claims.into_iter().map(|c| view! {
                        <li class:stale=c.stale>
                            <strong>{c.what.clone()}</strong>" · "{c.by.to_string()}" · since "<RelTime at=c.since/>
                            {c.stale.then(|| view! { " " <span class="badge warn">"stale"</span> })}
                        </li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="card wide" aria-labelledby="handoffs-title" data-testid="handoffs">
                <h2 id="handoffs-title">"Handoffs"</h2>
                {if v.handoffs.is_empty() {
                    view! { <Empty>"No handoff yet."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{v.handoffs.into_iter().map(|h| view! { <HandoffRow h step/> }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="card wide" aria-labelledby="esc-title" data-testid="escalations">
                <h2 id="esc-title">"Escalations"</h2>
                <h3>"Open"</h3>
                {if v.open.is_empty() {
                    view! { <Empty>"Nobody is stuck."</Empty> }.into_any()
                } else {
                    v.open.into_iter().map(|e| view! {
                        <p><a href=format!("/agents/{}/traces/{}", e.agent_id, e.escalation.session_id)><strong>{e.agent_id.to_string()}</strong></a></p>
                        <super::needs_you::ResolveList agent=e.agent_id.to_string() open=vec![e.escalation]/>
                    }).collect_view().into_any()
                }}
                <h3>"Resolved"</h3>
                {if v.resolved.is_empty() {
                    view! { <Empty>"None resolved yet."</Empty> }.into_any()
                } else {
                    view! { <ul class="list" data-testid="resolved">{v.resolved.into_iter().map(|e| view! { <EscalationRow e/> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn HandoffRow(h: Handoff, step: ServerAction<HandoffStep>) -> impl IntoView {
    let id = h.id.clone();
    let go = move |verb: &str, to: String| {
        step.dispatch(HandoffStep { id: id.clone(), step: verb.to_owned(), to });
    };
    // Where a pending handoff should go instead.
    let to = RwSignal::new(String::new());
    let action = match h.status {
        HandoffStatus::Pending => Some(
            view! {
                <button on:click={let go = go.clone(); move |_| go("claim", String::new())}>"Claim"</button>
                <form class="row" on:submit=move |ev| { ev.prevent_default(); go("route", to.get()); }>
                    <input aria-label="Route to agent" placeholder="agent id" prop:value=to on:input=move |ev| to.set(event_target_value(&ev))/>
                    <button type="submit">"Route"</button>
                </form>
            }
            .into_any(),
        ),
        HandoffStatus::Claimed if h.claimed_by.as_ref().is_some_and(|c| hub_protocol::is_human(c.as_str())) => Some(
            view! { <button on:click=move |_| go("complete", String::new())>"Complete"</button> }.into_any(),
        ),
        _ => None,
    };
    view! {
        <li data-handoff=h.id.clone()>
            <span class="badge">{h.status.as_str()}</span>" "<strong>{h.title.clone()}</strong>
            " from "{h.from_agent.to_string()}
            {h.to_agent.as_ref().map(|t| format!(" to {t}"))}
            {h.claimed_by.as_ref().map(|c| format!(" · claimed by {c}"))}
            " · "<RelTime at=h.created_at/>
            <p class="muted">{h.context.clone()}</p>
            {action}
        </li>
    }
}

#[component]
fn EscalationRow(e: AgentEscalation) -> impl IntoView {
    let esc = e.escalation;
    let agent = e.agent_id.to_string();
    let reasons = esc.triggers.iter().map(|t| t.reason.clone()).collect::<Vec<_>>().join("; ");
    let resolution = esc.resolved_at.map(|at| {
        let by = esc.resolved_by.map_or("", hub_protocol::ResolvedBy::as_str);
        let who = esc.resolver_agent.as_ref().map(|a| format!(" ({a})")).unwrap_or_default();
        let hint = esc.helpful_hint.clone().map(|h| format!(": {h}")).unwrap_or_default();
        format!("resolved by {by}{who} after {}{hint}", span(at.since(esc.triggered_at)))
    });
    view! {
        <li class=format!("escalation level-{}", esc.highest_level)>
            <span class="badge">{format!("level {}", esc.highest_level)}</span>" "
            <a href=format!("/agents/{agent}/traces/{}", esc.session_id)><strong>{agent.clone()}</strong></a>
            " · "<RelTime at=esc.triggered_at/>
            <p>{reasons}</p>
            {resolution.map(|r| view! { <p class="muted">{r}</p> })}
        </li>
    }
}
