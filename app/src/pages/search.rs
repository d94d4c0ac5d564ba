//! One search box over the team's chat and its agents' DMs, memories and
//! trace steps; each hit links to where it lives.

use hub_protocol::{SearchHit, SearchKind};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::search;
use crate::components::{Empty, Failed, Loading};
use crate::time::RelTime;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    // `?agent=`: only that agent's DMs, memories and steps.
    let agent = move || query.read().get("agent").unwrap_or_default();
    let hits = Resource::new(
        move || (q(), agent()),
        |(q, agent)| async move {
            if q.trim().is_empty() {
                Ok(vec![])
            } else {
                search(q, agent).await
            }
        },
    );
    view! {
        <section aria-labelledby="search-title">
            <h1 id="search-title">"Search"</h1>
            <form method="get" action="/search" class="row" role="search">
                <label class="sr-only" for="q">"Search"</label>
                <input id="q" name="q" placeholder="Words in chat, DMs, memories, steps" value=q/>
                <input type="hidden" name="agent" value=agent/>
                <button type="submit">"Search"</button>
            </form>
            <p class="muted">{move || (!agent().is_empty()).then(|| format!("Only {}'s DMs, memories and steps", agent()))}</p>
            <Transition fallback=|| view! { <Loading what="results"/> }>
                {move || Suspend::new(async move {
                    match hits.await {
                        Ok(list) if list.is_empty() => view! { <Empty>{if q().trim().is_empty() { "Type some words." } else { "Nothing found." }}</Empty> }.into_any(),
                        Ok(list) => view! { <ul class="list" data-testid="hits">{list.into_iter().map(|h| view! { <Hit h/> }).collect_view()}</ul> }.into_any(),
                        Err(e) => view! { <Failed what="results" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Where a hit lives in the portal.
fn link(h: &SearchHit) -> String {
    let agent = h.agent_id.as_ref().map(ToString::to_string).unwrap_or_default();
    match (h.kind, &h.session_id) {
        (SearchKind::Chat, _) => format!("/chat#m-{}", h.id),
        (SearchKind::Task, _) => format!("/tasks/{}", h.id),
        (SearchKind::Handoff, _) => "/coordination".into(),
        (SearchKind::Step, Some(sid)) => format!("/agents/{agent}/traces/{sid}"),
        _ => format!("/agents/{agent}"),
    }
}

#[component]
fn Hit(h: SearchHit) -> impl IntoView {
    let place = match h.kind {
        SearchKind::Chat => "team chat".to_owned(),
        SearchKind::Task => "task".to_owned(),
        SearchKind::Handoff => "handoff".to_owned(),
        SearchKind::Dm => format!("DM to {}", h.agent_id.as_ref().map(ToString::to_string).unwrap_or_default()),
        SearchKind::Memory => "memory".to_owned(),
        SearchKind::Step => "trace step".to_owned(),
    };
    view! {
        <li data-kind=h.kind.as_str()>
            <span class="badge">{h.kind.as_str()}</span>" "
            <a href=link(&h)>{place}</a>" · "<strong>{h.author.clone()}</strong>" · "<RelTime at=h.timestamp/>
            <p>{h.text.clone()}</p>
        </li>
    }
}
