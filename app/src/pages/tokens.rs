//! Agent tokens: mint one (shown once), see who holds which, revoke.

use hub_protocol::{MintedToken, TokenInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{join_secret, mint_token, revoke_token, tokens};
use crate::components::{Empty, Failed, Loading};
use crate::time::RelTime;

#[component]
pub fn TokensPage() -> impl IntoView {
    let (version, set_version) = signal(0u32);
    let list = Resource::new(move || version.get(), |_| tokens());
    let secret = Resource::new(|| (), |()| join_secret());
    let (agent, set_agent) = signal(String::new());
    let (label, set_label) = signal(String::new());
    let (minted, set_minted) = signal(None::<MintedToken>);
    let (error, set_error) = signal(None::<String>);
    let mint = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (a, l) = (agent.get_untracked(), label.get_untracked());
        spawn_local(async move {
            match mint_token(a, l).await {
                Ok(m) => {
                    set_error.set(None);
                    set_minted.set(Some(m));
                    set_agent.set(String::new());
                    set_label.set(String::new());
                    set_version.update(|v| *v += 1);
                }
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section aria-labelledby="tokens-title">
            <h1 id="tokens-title">"Agent tokens"</h1>
            <p class="muted">"An agent token acts only as its agent. The hub keeps a hash, so a token is shown once, here, when minted."</p>
            <form class="card mint" on:submit=mint>
                <label for="mint-agent">"Agent id"</label>
                <input id="mint-agent" required prop:value=agent on:input=move |e| set_agent.set(event_target_value(&e))/>
                <label for="mint-label">"Label (optional)"</label>
                <input id="mint-label" prop:value=label on:input=move |e| set_label.set(event_target_value(&e))/>
                <button type="submit">"Mint token"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
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
            {move || minted.get().map(|m| view! {
                <div class="card minted" role="status">
                    <p>"Token for " <strong>{m.info.agent_id.to_string()}</strong> " — copy it now, it will not be shown again:"</p>
                    <code data-testid="minted-token">{m.token}</code>
                </div>
            })}
            <Transition fallback=|| view! { <Loading what="tokens"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(t) if t.is_empty() => view! { <Empty>"No agent token yet."</Empty> }.into_any(),
                        Ok(t) => view! {
                            <ul class="list tokens" data-testid="tokens">
                                {t.into_iter().map(|info| view! { <TokenRow info on_revoked=move || set_version.update(|v| *v += 1)/> }).collect_view()}
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
fn TokenRow(info: TokenInfo, on_revoked: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let (error, set_error) = signal(None::<String>);
    let id = info.id.clone();
    let revoke = move |_| {
        let (id, done) = (id.clone(), on_revoked.clone());
        spawn_local(async move {
            match revoke_token(id).await {
                Ok(()) => done(),
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
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
                view! { <button class="danger" on:click=revoke>"Revoke"</button> }.into_any()
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </li>
    }
}
