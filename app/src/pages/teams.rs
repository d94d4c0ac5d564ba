//! Every team of the hub (the registry): agents online, open escalations,
//! last activity; create a team and see its join secret.

use leptos::prelude::*;

use crate::api::{teams, CreateTeam};
use crate::components::{action_error, on_success, Empty, Failed, Loading};
use crate::time::RelTime;

#[component]
pub fn TeamsPage() -> impl IntoView {
    let create = ServerAction::<CreateTeam>::new();
    let name = RwSignal::new(String::new());
    on_success(create, move || name.set(String::new()));
    let list = Resource::new(move || create.version().get(), |_| teams());
    let created = move || create.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned());
    view! {
        <section aria-labelledby="teams-title">
            <h1 id="teams-title">"Teams"</h1>
            <form class="row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                create.dispatch(CreateTeam { name: name.get_untracked() });
            }>
                <label class="sr-only" for="new-team">"New team"</label>
                <input id="new-team" name="name" required placeholder="New team name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit">"Create team"</button>
            </form>
            {action_error(create)}
            {move || created().map(|(name, secret)| view! {
                <div class="card minted" role="status">
                    <p>"Team " <strong>{name.clone()}</strong> " is ready. Agents join it with:"</p>
                    <code data-testid="new-team-secret">{format!("HUB_TEAM={name} hub join --secret {}", secret.unwrap_or_else(|| "(joining is off: no HUB_JOIN_SECRET)".into()))}</code>
                    <p><a href=format!("/?team={name}")>"Show this team"</a></p>
                </div>
            })}
            <Transition fallback=|| view! { <Loading what="teams"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { <Empty>"No team yet."</Empty> }.into_any(),
                        Ok(rows) => view! {
                            <table class="teams" data-testid="teams">
                                <thead><tr><th>"Team"</th><th>"Agents online"</th><th>"Open escalations"</th><th>"Last activity"</th></tr></thead>
                                <tbody>{rows.into_iter().map(|t| view! {
                                    <tr data-team=t.name.clone()>
                                        <td><a href=format!("/?team={}", t.name)>{t.name.clone()}</a></td>
                                        <td>{t.agents_online}</td>
                                        <td>{t.open_escalations}</td>
                                        <td>{t.last_activity.map_or_else(|| view! { "—" }.into_any(), |at| view! { <RelTime at/> }.into_any())}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <Failed what="teams" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
