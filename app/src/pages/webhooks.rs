//! Webhooks: where what needs a human goes outside the portal (Slack,
//! Mattermost, any HTTPS receiver), each with its deliveries.

use hub_protocol::{DeliveryStatus, WebhookView};
use leptos::prelude::*;

use crate::api::{webhooks, WebhookStep};
use crate::components::{action_error, copy_button, Empty, Failed, Loading};
use crate::time::RelTime;

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let step = ServerAction::<WebhookStep>::new();
    let list = Resource::new(move || step.version().get(), |_| webhooks());
    let (url, level) = (RwSignal::new(String::new()), RwSignal::new("3".to_owned()));
    let secret = move || step.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned().flatten()));
    view! {
        <section aria-labelledby="hooks-title">
            <h1 id="hooks-title">"Webhooks"</h1>
            <p class="muted">"Escalations (at or above a level), approvals, @human asks and reminders of what nobody answered are POSTed as JSON with a " <code>"text"</code> " field (a Slack or Mattermost incoming webhook shows it as is), signed: " <code>"X-Hub-Signature: t=<unix secs>,v1=<hex HMAC-SHA256 of \"t.body\">"</code> " with the webhook's secret; refuse a signature older than 5 minutes. Failed deliveries are tried again after 1 min, 5 min, 30 min and 2 h."</p>
            <form class="card" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                step.dispatch(WebhookStep { step: "create".into(), id: String::new(), url: url.get_untracked(), level: level.get_untracked() });
                url.set(String::new());
            }>
                <label for="hook-url">"URL (https)"</label>
                <input id="hook-url" type="url" required prop:value=url on:input=move |e| url.set(event_target_value(&e))/>
                <label for="hook-level">"Escalations from level"</label>
                <select id="hook-level" on:change=move |e| level.set(event_target_value(&e))>
                    <option value="3" selected>"3: needs a human"</option>
                    <option value="2">"2: pause"</option>
                    <option value="1">"1: notice"</option>
                </select>
                <button type="submit">"Add webhook"</button>
            </form>
            {action_error(step)}
            {move || secret().map(|s| view! {
                <div class="card minted" role="status" data-testid="webhook-secret">
                    <p>"The webhook's signing secret — copy it now, it will not be shown again:"</p>
                    <p class="row"><code>{s.clone()}</code> {copy_button(s, "Copy")}</p>
                </div>
            })}
            <Transition fallback=|| view! { <Loading what="the webhooks"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(hooks) if hooks.is_empty() => view! { <Empty>"No webhook yet: nothing reaches you outside this portal."</Empty> }.into_any(),
                        Ok(hooks) => hooks.into_iter().map(|h| view! { <Hook h step/> }).collect_view().into_any(),
                        Err(e) => view! { <Failed what="the webhooks" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Hook(h: WebhookView, step: ServerAction<WebhookStep>) -> impl IntoView {
    let id = h.webhook.id.clone();
    let act = move |what: &'static str| {
        let id = id.clone();
        move |_| {
            drop(step.dispatch(WebhookStep {
                step: what.into(),
                id: id.clone(),
                url: String::new(),
                level: String::new(),
            }));
        }
    };
    let events: Vec<&str> = h.webhook.events.iter().map(|e| e.as_str()).collect();
    view! {
        <section class="card" data-testid="webhook">
            <h2><code>{h.webhook.url.clone()}</code></h2>
            <p class="muted">{events.join(", ")} " · escalations from level " {h.webhook.min_level} " · added by " {h.webhook.created_by.clone()} " " <RelTime at=h.webhook.created_at/></p>
            <div class="row"><button on:click=act("test")>"Send test"</button> <button class="danger" on:click=act("delete")>"Delete"</button></div>
            {if h.deliveries.is_empty() {
                view! { <Empty>"Nothing sent yet."</Empty> }.into_any()
            } else {
                view! {
                    <table class="deliveries">
                        <thead><tr><th>"Sent"</th><th>"Event"</th><th>"Status"</th><th>"Tries"</th><th>"Last answer"</th></tr></thead>
                        <tbody>{h.deliveries.into_iter().map(|d| {
                            let status = match d.status {
                                DeliveryStatus::Pending => d.next_at.map_or_else(|| "pending".to_owned(), |_| "pending (retrying)".to_owned()),
                                DeliveryStatus::Delivered => "delivered".to_owned(),
                                DeliveryStatus::Failed => "failed".to_owned(),
                            };
                            view! {
                                <tr data-status=d.status.as_str() title=d.text.clone()>
                                    <td><RelTime at=d.created_at/></td><td>{d.event.as_str()}</td><td>{status}</td>
                                    <td>{d.attempts}</td><td>{d.last_result.unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
