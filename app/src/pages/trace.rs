//! A trace as a picture: steps on a time axis coloured by outcome, dead ends,
//! escalations where they fired and how they were resolved.

use hub_protocol::{Outcome, Trace};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::load_trace;
use crate::components::{Empty, Failed, Loading};
use crate::live::{use_live, Live};
use crate::time::{span, RelTime};

#[component]
pub fn TracePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let session = move || params.read().get("session").unwrap_or_default();
    let team = expect_context::<Live>();
    let own = use_live(format!("/agent/{}", id()));
    let t =
        Resource::new(move || (id(), session(), team.tick.get(), own.tick.get()), |(id, s, _, _)| load_trace(id, s));
    view! {
        <section aria-labelledby="trace-title">
            <p><a href=move || format!("/agents/{}", id())>"← " {id}</a></p>
            <Transition fallback=|| view! { <Loading what="the trace"/> }>
                {move || Suspend::new(async move {
                    match t.await {
                        Ok(t) => view! { <Timeline t/> }.into_any(),
                        Err(e) => view! { <h1 id="trace-title">"Trace"</h1><Failed what="the trace" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section aria-labelledby="durations-title">
            <h2 id="durations-title">"Step durations"</h2>
            <img class="chart" data-testid="chart" alt="Each step's duration, in the order logged"
                src=move || format!("/charts/steps/{}/{}?v={}", id(), session(), own.tick.get())/>
        </section>
    }
}

fn outcome_class(o: Outcome) -> &'static str {
    o.as_str()
}

/// Where each step sits on the axis: steps follow one another, each as wide
/// as its reported duration (a step with none gets a sliver), so the picture
/// shows where the work time went, whatever the clock gaps between reports.
fn layout(t: &Trace) -> (Vec<(f64, f64)>, f64) {
    let widths: Vec<f64> = t.steps.iter().map(|s| s.duration_ms.max(0) as f64).collect();
    let total: f64 = widths.iter().sum::<f64>().max(1.0);
    let sliver = total * 0.01;
    let widths: Vec<f64> = widths.into_iter().map(|w| w.max(sliver)).collect();
    let total: f64 = widths.iter().sum::<f64>().max(1.0);
    let mut at = 0.0;
    let spans = widths
        .into_iter()
        .map(|w| {
            let span = (at / total * 100.0, w / total * 100.0);
            at += w;
            span
        })
        .collect();
    (spans, total)
}

#[component]
fn Timeline(t: Trace) -> impl IntoView {
    let (spans, _) = layout(&t);
    // An escalation sits at the end of the last step logged before it fired.
    let flag_at = |at: hub_protocol::Timestamp| {
        t.steps.iter().rposition(|s| s.timestamp <= at).map_or(0.0, |i| spans[i].0 + spans[i].1)
    };
    let dead_ends = t.steps.iter().filter(|s| matches!(s.outcome, Outcome::Nothing | Outcome::Error)).count();
    view! {
        <h1 id="trace-title">{t.task.clone()}</h1>
        <p class="muted">
            "Started " <RelTime at=t.started_at/> " · "
            {if t.completed_at.is_some() { "completed" } else { "in progress" }} " · "
            {t.steps.len()} " steps · " {dead_ends} " dead ends"
        </p>
        {t.summary.as_ref().map(|s| view! {
            <ul class="counts">
                <li class="count"><span class="n">{format!("{:.0}%", s.efficiency * 100.0)}</span><span class="label">"efficiency"</span></li>
                <li class="count"><span class="n">{span(s.exploration_time_ms)}</span><span class="label">"exploring"</span></li>
                <li class="count"><span class="n">{span(s.solution_time_ms)}</span><span class="label">"solving"</span></li>
            </ul>
        })}
        <figure class="timeline" aria-label="Steps in order, each as wide as its duration">
            <div class="axis" data-testid="timeline">
                {t.steps.iter().zip(spans.iter()).map(|(s, (left, width))| {
                    let label = format!("{} · {} · {} · {}", s.tool, s.outcome.as_str(), span(s.duration_ms), s.intent);
                    view! {
                        <span class=format!("step {}", outcome_class(s.outcome)) style=format!("left:{left:.2}%;width:{width:.2}%") title=label.clone() aria-label=label></span>
                    }
                }).collect_view()}
                {t.escalations.iter().map(|e| {
                    let label = format!("level {} escalation: {}", e.highest_level, e.triggers.iter().map(|t| t.reason.clone()).collect::<Vec<_>>().join("; "));
                    view! { <span class=format!("flag level-{}", e.highest_level) class:resolved=e.resolved_at.is_some() style=format!("left:{:.2}%", flag_at(e.triggered_at)) title=label.clone() aria-label=label>"⚑"</span> }
                }).collect_view()}
            </div>
            <figcaption class="legend">
                <span class="step found"></span>"found "
                <span class="step partial"></span>"partial "
                <span class="step nothing"></span>"nothing "
                <span class="step error"></span>"error "
                "⚑ escalation"
            </figcaption>
        </figure>
        <h2>"Escalations"</h2>
        {
            let open: Vec<_> = t.escalations.iter().filter(|e| e.resolved_at.is_none()).cloned().collect();
            (!open.is_empty()).then(|| view! { <super::needs_you::ResolveList agent=t.agent_id.to_string() open/> })
        }
        {if t.escalations.is_empty() {
            view! { <Empty>"None: the agent never looked stuck on this trace."</Empty> }.into_any()
        } else {
            view! { <ul class="list">{t.escalations.iter().filter(|e| e.resolved_at.is_some()).map(|e| view! {
                <li class=format!("escalation level-{}", e.highest_level)>
                    <span class="badge">{format!("level {}", e.highest_level)}</span>" "
                    {e.reasons()}" · "<RelTime at=e.triggered_at/>
                    {match (e.resolved_by, e.resolved_at) {
                        (Some(by), Some(at)) => view! { <p class="muted">"Resolved by " {by.as_str()} " " <RelTime at/> {e.helpful_hint.clone().map(|h| format!(": {h}"))}</p> }.into_any(),
                        _ => view! { <p class="error">"Unresolved"</p> }.into_any(),
                    }}
                </li>
            }).collect_view()}</ul> }.into_any()
        }}
        <h2>"Steps"</h2>
        {if t.steps.is_empty() {
            view! { <Empty>"No step logged yet."</Empty> }.into_any()
        } else {
            view! { <ol class="steps">{t.steps.iter().map(|s| view! {
                <li class=format!("outcome-{}", s.outcome.as_str())>
                    <strong>{s.tool.clone()}</strong>" — "{s.intent.clone()}
                    <span class="muted">" · "{s.outcome.as_str()}" · "{span(s.duration_ms)}" · "<RelTime at=s.timestamp/></span>
                </li>
            }).collect_view()}</ol> }.into_any()
        }}
    }
}
