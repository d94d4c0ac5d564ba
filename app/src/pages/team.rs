//! Every agent of the team: presence, what it works on, level, flow, DMs.

use hub_protocol::AgentStatus;
use leptos::prelude::*;

use crate::api::{team, TeamRow};
use crate::components::{Empty, Failed, FlowBadge, LevelBadge, Loading, StatusDot};
use crate::live::Live;
use crate::time::RelTime;

#[component]
pub fn TeamPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let rows = Resource::new(move || live.tick.get(), |_| team());
    // The activity chart (an image the Worker draws): the last day or the
    // last week, per hour, drawn again when something happens.
    let days = RwSignal::new(1_u32);
    view! {
        <section aria-labelledby="team-title">
            <h1 id="team-title">"Team"</h1>
            <Transition fallback=|| view! { <Loading what="agents"/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! {
                            <Empty>"No agent has joined yet. " <a href="/tokens">"Connect one"</a> ": mint it a token, then give it the MCP URL and the token."</Empty>
                        }.into_any(),
                        Ok(list) => view! { <ul class="agents" data-testid="agents">{list.into_iter().map(|r| view! { <AgentRow r/> }).collect_view()}</ul> }.into_any(),
                        Err(e) => view! { <Failed what="the team" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section aria-labelledby="activity-title">
            <h2 id="activity-title">"Activity per hour"</h2>
            <p class="chart-choice">
                <button type="button" aria-pressed=move || (days.get() == 1).to_string() on:click=move |_| days.set(1)>"Last day"</button>
                <button type="button" aria-pressed=move || (days.get() == 7).to_string() on:click=move |_| days.set(7)>"Last week"</button>
                <span class="legend"><span class="key messages"></span>"messages "<span class="key steps"></span>"steps "<span class="key errors"></span>"errors"</span>
            </p>
            <img class="chart" data-testid="chart" alt="Messages, steps and errors per hour"
                src=move || format!("/charts/activity?days={}&v={}", days.get(), live.tick.get())/>
        </section>
    }
}

#[component]
fn AgentRow(r: TeamRow) -> impl IntoView {
    let a = r.agent;
    let id = a.agent_id.to_string();
    let online = a.status != AgentStatus::Offline;
    view! {
        <li class="agent" data-agent=id.clone()>
            <StatusDot status=a.status/>
            <a class="name" href=format!("/agents/{id}")>{id.clone()}</a>
            <span class="status">{if online { a.status.as_str() } else { "offline" }}</span>
            <span class="working-on">{a.working_on.clone().or(a.current_task.clone()).unwrap_or_else(|| "—".into())}
                {(!r.locks.is_empty()).then(|| view! {
                    <span class="held muted" data-testid="held">{format!(" · holds {}", r.locks.join(", "))}</span>
                })}
            </span>
            <span class="meta">
                {r.soul.as_ref().map(|s| view! { <LevelBadge level=s.level/> })}
                {r.dashboard.as_ref().map(|d| view! { <FlowBadge flow=d.flow.status/> })}
                {(r.unread > 0).then(|| view! { <span class="badge unread">{format!("{} unread", r.unread)}</span> })}
                {r.stuck.map(|level| view! {
                    <a class=format!("level-{level}") href=format!("/agents/{id}#escalations") data-testid="stuck"><span class="badge">{format!("stuck · level {level}")}</span></a>
                })}
                <RelTime at=a.last_seen/>
            </span>
        </li>
    }
}
