//! One agent: level and XP, streak, trust, abilities, coaching, checkpoint,
//! memory, inbox, traces; and a DM box.

use hub_protocol::Dashboard;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{load_agent, AgentPage, SendDm};
use crate::components::{action_error, on_success, Empty, Failed, FlowBadge, LevelBadge, Loading};
use crate::live::{use_live, Live};
use crate::time::RelTime;

#[component]
pub fn AgentPageView() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let team = expect_context::<Live>();
    let own = use_live(format!("/agent/{}", id()));
    let dm = ServerAction::<SendDm>::new();
    let page = Resource::new(
        move || (id(), team.tick.get(), own.tick.get(), dm.version().get()),
        |(id, _, _, _)| load_agent(id),
    );
    // The draft lives above the live-refreshed part, so an update arriving
    // while a human types does not wipe the text; a sent DM clears it.
    let draft = RwSignal::new(String::new());
    on_success(dm, move || draft.set(String::new()));
    view! {
        <section aria-labelledby="agent-title">
            <h1 id="agent-title">{id}</h1>
            <Transition fallback=|| view! { <Loading what="the agent"/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <Agent p draft dm/> }.into_any(),
                        Err(e) => view! { <Failed what="the agent" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section aria-labelledby="xp-title">
            <h2 id="xp-title">"XP over time"</h2>
            <img class="chart" data-testid="chart" alt="XP after each change, with the level reached"
                src=move || format!("/charts/xp/{}?v={}", id(), own.tick.get())/>
        </section>
    }
}

#[component]
fn Agent(p: AgentPage, draft: RwSignal<String>, dm: ServerAction<SendDm>) -> impl IntoView {
    let id = p.state.agent_id.to_string();
    view! {
        <p class="muted">
            {p.agent.as_ref().map(|a| format!("{} · {}", a.status.as_str(), a.working_on.clone().unwrap_or_else(|| "no current work".into())))}
        </p>
        {(!p.open.is_empty()).then(|| view! {
            <section class="card" id="escalations" aria-labelledby="open-title">
                <h2 id="open-title">"Stuck: open escalations"</h2>
                <super::needs_you::ResolveList agent=id.clone() open=p.open.clone()/>
            </section>
        })}
        <div class="grid">
            {match p.dashboard.clone() {
                Some(d) => view! { <DashboardCards d/> }.into_any(),
                None => view! { <section class="card wide"><h2>"Progress"</h2><Empty>"No progress yet: it starts when the agent first calls hub_start or completes its first trace."</Empty></section> }.into_any(),
            }}
            <section class="card" aria-labelledby="cp-title">
                <h2 id="cp-title">"Checkpoint"</h2>
                {match p.state.checkpoint.clone() {
                    None => view! { <Empty>"No checkpoint saved yet."</Empty> }.into_any(),
                    Some(c) => view! {
                        <p>{c.conversation_summary.clone().unwrap_or_else(|| "No summary.".into())}</p>
                        {c.recent_context.clone().map(|context| view! { <p class="muted" data-testid="context">{context}</p> })}
                        <Items title="Done" items=c.accomplishments.clone()/>
                        <Items title="Pending" items=c.pending_work.clone()/>
                        <Items title="Files" items=c.files_edited.clone()/>
                        <p class="muted">"Saved " <RelTime at=c.checkpoint_at/></p>
                    }.into_any(),
                }}
            </section>
            <section class="card" aria-labelledby="inbox-title">
                <h2 id="inbox-title">"Inbox"</h2>
                <p class="muted">{p.state.unread_count}" unread"</p>
                {if p.inbox.is_empty() {
                    view! { <Empty>"No direct message yet."</Empty> }.into_any()
                } else {
                    view! { <ul class="list" data-testid="inbox">{p.inbox.iter().map(|m| view! {
                        <li class:muted=m.read><strong>{m.from.clone()}</strong>": "{m.message.clone()}" · "<RelTime at=m.timestamp/>
                            {(!m.read).then(|| view! { " " <span class="badge unread">"unread"</span> })}
                            {receipt(m)}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
                <DmForm id=id.clone() text=draft dm/>
                {(!p.awaiting.is_empty()).then(|| view! {
                    <h3>"Sent, waiting for an acknowledgement"</h3>
                    <ul class="list" data-testid="awaiting-ack">{p.awaiting.iter().map(|s| view! {
                        <li>"To "<strong>{s.to.to_string()}</strong>": "{s.excerpt.clone()}" · sent "<RelTime at=s.sent_at/>
                            {s.overdue.then(|| view! { " " <span class="badge warn" title="Not acknowledged within the team's not-delivered time">"overdue"</span> })}
                            {s.not_delivered_at.map(|_| view! { " " <span class="badge" title="Its recipient had no live session">"not delivered"</span> })}
                        </li>
                    }).collect_view()}</ul>
                })}
            </section>
            <section class="card" aria-labelledby="traces-title">
                <h2 id="traces-title">"Traces"</h2>
                {if p.traces.is_empty() {
                    view! { <Empty>"No work trace yet. An agent records its work with the hub_trace_start and hub_trace_step tools (or hub trace start)."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{p.traces.iter().map(|t| view! {
                        <li>
                            <a href=format!("/agents/{id}/traces/{}", t.session_id)>{t.task.clone()}</a>" · "
                            {if t.completed_at.is_some() { "done" } else { "open" }}" · "<RelTime at=t.started_at/>
                        </li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="mem-title">
                <h2 id="mem-title">"Memory"</h2>
                <form method="get" action="/search" class="row" role="search">
                    <input type="hidden" name="agent" value=id.clone()/>
                    <label class="sr-only" for="mem-q">"Search this agent's memory, DMs and steps"</label>
                    <input id="mem-q" name="q" placeholder="Search memory, DMs, steps"/>
                    <button type="submit">"Search"</button>
                </form>
                {if p.memories.is_empty() {
                    view! { <Empty>"Nothing remembered yet."</Empty> }.into_any()
                } else {
                    view! { <ul class="list">{p.memories.iter().map(|m| view! {
                        <li><span class="badge">{m.category.as_str()}</span>" "{m.content.clone()}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </div>
    }
}

/// A titled list of short texts; nothing when there are none.
#[component]
fn Items(title: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! { <h3>{title}</h3><ul class="list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
    })
}

#[component]
fn DashboardCards(d: Dashboard) -> impl IntoView {
    let l = d.level.clone();
    let next = l.next_level.map_or_else(|| "max level".to_owned(), |n| format!("{} XP to {}", l.xp_needed, n.as_str()));
    // A level needs all three: say which are still short, and by how much.
    let needs = l.next_level.map(|n| {
        let short: Vec<String> = [
            (l.xp_needed.max(0) as u64, "XP"),
            (u64::from(l.streak_needed), "streak"),
            (u64::from(l.tasks_needed), "tasks"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} more {what}"))
        .collect();
        if short.is_empty() {
            format!("{} is due with the next completed trace", n.as_str())
        } else {
            format!("{} needs {}", n.as_str(), short.join(", "))
        }
    });
    let rust = if d.rust.level > 0.0 {
        format!("{} (XP × {:.1})", d.rust.status, d.rust.xp_multiplier)
    } else {
        "none".to_owned()
    };
    view! {
        <section class="card wide" aria-labelledby="lvl-title">
            <h2 id="lvl-title">"Progress"</h2>
            <p><LevelBadge level=l.current/>" "<FlowBadge flow=d.flow.status/>" "<strong>{l.xp}" XP"</strong>" · "{next}</p>
            <div class="bar" role="progressbar" aria-label="XP toward the next level" aria-valuemin="0" aria-valuemax="100" aria-valuenow=l.xp_progress>
                <span style=format!("width:{}%", l.xp_progress)></span>
            </div>
            <p>
                "Streak " <strong>{d.streak.current}</strong> " (best " {d.streak.longest} ")"
                {d.streak.at_risk.then(|| view! { <span class="badge warn">"at risk"</span> })}
                " · Trust " <strong>{format!("{:.0}%", d.trust.overall * 100.0)}</strong>
                " · Success " {d.trust.success_rate} "%"
                " · " <abbr title="An agent idle for long 'rusts': its XP counts less until it works again.">"Idle penalty"</abbr> " " {rust}
            </p>
            {needs.map(|n| view! { <p class="muted" data-testid="next-level">{n}</p> })}
            <p class="muted legend">"What its level allows (highlighted: allowed):"</p>
            <p class="chips">
                {[("commit", d.abilities.can_commit), ("spawn subagents", d.abilities.can_spawn_subagents), ("mentor", d.abilities.can_mentor_peers), ("prod access", d.abilities.can_access_prod), ("extended budget", d.abilities.extended_budget)]
                    .into_iter().map(|(name, on)| view! { <span class="chip" class:on=on>{name}</span> }).collect_view()}
            </p>
            <Items title="Recent achievements" items=d.recent_achievements.clone()/>
            <h3>"Specializations"</h3>
            <ul class="specs">{d.specializations.iter().map(|s| view! {
                <li><span>{s.domain.clone()}</span><span class="muted">{if s.rank == "None" { "unranked".to_owned() } else { s.rank.clone() }}" · "{s.xp}" XP"</span></li>
            }).collect_view()}</ul>
            <h3>"Coaching"</h3>
            {if d.suggestions.is_empty() {
                view! { <Empty>"Nothing to suggest: keep going."</Empty> }.into_any()
            } else {
                view! { <ul class="list" data-testid="suggestions">{d.suggestions.iter().map(|s| view! {
                    <li><span class=format!("badge prio-{}", s.priority.as_str())>{s.priority.as_str()}</span>" "{s.action.clone()}" — "<span class="muted">{s.reason.clone()}</span></li>
                }).collect_view()}</ul> }.into_any()
            }}
            {(d.alerts.pending_escalations > 0).then(|| view! { <p class="error" role="alert">{format!("{} open escalation(s)", d.alerts.pending_escalations)}</p> })}
        </section>
    }
}

#[component]
fn DmForm(id: String, text: RwSignal<String>, dm: ServerAction<SendDm>) -> impl IntoView {
    view! {
        <form class="row" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            dm.dispatch(SendDm { id: id.clone(), message: text.get_untracked() });
        }>
            <label class="sr-only" for="dm">"Direct message"</label>
            <input id="dm" name="message" required placeholder="Send a direct message" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit">"Send"</button>
        </form>
        {action_error(dm)}
    }
}

/// How far a DM that asked for an acknowledgement got, as a badge.
fn receipt(m: &hub_protocol::DirectMessage) -> Option<impl IntoView> {
    if !m.ack_required {
        return None;
    }
    let (text, title) = match (m.acked_at, m.delivered_at) {
        (Some(_), _) => ("acknowledged", "The agent acknowledged it"),
        (None, Some(_)) => ("asks for an ack", "Delivered; the sender waits for an acknowledgement"),
        (None, None) => ("asks for an ack · not delivered yet", "The agent has not seen it yet"),
    };
    Some(view! { " " <span class="badge" title=title>{text}</span> })
}
