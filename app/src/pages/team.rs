use hub_protocol::{Agent, AgentStatus};
use leptos::prelude::*;

use crate::api::team;
use crate::time::{ago, now};

/// Every agent of the team with its presence.
#[component]
pub fn TeamPage() -> impl IntoView {
    let agents = Resource::new(|| (), |_| team());
    view! {
        <section aria-labelledby="team-title">
            <h1 id="team-title">"Team"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading agents…"</p> }>
                {move || Suspend::new(async move {
                    match agents.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">
                                "No agent has registered yet. An agent joins with "
                                <code>"POST /coordinator/agents"</code>" and its id."
                            </p>
                        }.into_any(),
                        Ok(list) => view! { <AgentList agents=list/> }.into_any(),
                        Err(e) => view! {
                            <p class="error" role="alert">"Could not load the team: " {e.to_string()}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AgentList(agents: Vec<Agent>) -> impl IntoView {
    let now = now();
    view! {
        <ul class="agents" data-testid="agents">
            {agents.into_iter().map(|a| {
                let status = a.status.as_str();
                let online = a.status != AgentStatus::Offline;
                view! {
                    <li class="agent" data-agent=a.agent_id.to_string()>
                        <span class=format!("dot {status}") aria-hidden="true"></span>
                        <strong class="name">{a.agent_id.to_string()}</strong>
                        <span class="status">{if online { status } else { "offline" }}</span>
                        <span class="working-on">{a.working_on.clone().unwrap_or_default()}</span>
                        <time datetime=a.last_seen.to_iso() title=a.last_seen.to_iso()>
                            {ago(a.last_seen, now)}
                        </time>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
