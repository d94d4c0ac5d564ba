//! Tokens: mint one for an agent or a named human (shown once), see who
//! holds which, revoke.

use hub_protocol::TokenInfo;
use leptos::prelude::*;

use crate::api::{join_secret, tokens, MintToken, RevokeToken};
use crate::components::{action_error, on_success, Empty, Failed, Loading};
use crate::time::RelTime;

#[component]
pub fn TokensPage() -> impl IntoView {
    let mint = ServerAction::<MintToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let list = Resource::new(move || (mint.version().get(), revoke.version().get()), |_| tokens());
    let secret = Resource::new(|| (), |()| join_secret());
    let minted = move || mint.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned());
    // A minted token clears the form (the token itself shows once, below).
    let (agent, label) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    on_success(mint, move || {
        agent.set(String::new());
        label.set(String::new());
    });
    view! {
        <section aria-labelledby="tokens-title">
            <h1 id="tokens-title">"Tokens"</h1>
            <p class="muted">"An agent token acts only as its agent. A named human's token (id " <code>"human:<name>"</code> ") signs a person in: what they do is recorded under their name, in every team. The hub keeps a hash, so a token is shown once, here, when minted."</p>
            <form class="card mint" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                mint.dispatch(MintToken { agent: agent.get_untracked(), label: label.get_untracked() });
            }>
                <label for="mint-agent">"Agent id, or human:<name>"</label>
                <input id="mint-agent" name="agent" required prop:value=agent on:input=move |e| agent.set(event_target_value(&e))/>
                <label for="mint-label">"Label (optional)"</label>
                <input id="mint-label" name="label" prop:value=label on:input=move |e| label.set(event_target_value(&e))/>
                <button type="submit">"Mint token"</button>
            </form>
            {action_error(mint)}
            {action_error(revoke)}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match secret.await {
                        Ok(Some(s)) => view! {
                            <p class="muted">"Agents can also join this team themselves: " <code>"hub join --secret " <span data-testid="join-secret">{s}</span></code></p>
                        }.into_any(),
                        _ => view! { <p class="muted">"Joining by secret is off (the hub has no HUB_JOIN_SECRET)."</p> }.into_any(),
                    }
                })}
            </Transition>
            {move || minted().map(|m| view! {
                <div class="card minted" role="status">
                    <p>"Token for " <strong>{m.info.agent_id.to_string()}</strong> " — copy it now, it will not be shown again:"</p>
                    <code data-testid="minted-token">{m.token}</code>
                </div>
            })}
            <Transition fallback=|| view! { <Loading what="tokens"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(t) if t.is_empty() => view! { <Empty>"No token yet."</Empty> }.into_any(),
                        Ok(t) => view! {
                            <ul class="list tokens" data-testid="tokens">
                                {t.into_iter().map(|info| view! { <TokenRow info revoke/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <Failed what="tokens" error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TokenRow(info: TokenInfo, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let id = info.id.clone();
    let on_revoke = move |_| {
        revoke.dispatch(RevokeToken { id: id.clone() });
    };
    let revoked = info.revoked_at.is_some();
    view! {
        <li data-token=info.id.clone()>
            <strong>{info.agent_id.to_string()}</strong>
            <span class="muted">" · " <code>{info.id.clone()}</code> " · minted " <RelTime at=info.created_at/></span>
            {info.label.clone().map(|l| view! { <span class="muted">" · " {l}</span> })}
            {if revoked {
                view! { <span class="pill">"revoked"</span> }.into_any()
            } else {
                view! { <button class="danger" on:click=on_revoke>"Revoke"</button> }.into_any()
            }}
        </li>
    }
}
