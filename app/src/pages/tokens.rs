//! Tokens: mint one for an agent or a named human (shown once), see who
//! holds which, revoke.

use hub_protocol::TokenInfo;
use leptos::prelude::*;

use crate::api::{join_secret, tokens, MintToken, RevokeToken};
use crate::components::{action_error, copy_button, on_success, Empty, Failed, Loading};
use crate::time::RelTime;

#[component]
pub fn TokensPage() -> impl IntoView {
    let mint = ServerAction::<MintToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let list = Resource::new(move || (mint.version().get(), revoke.version().get()), |_| tokens());
    let secret = Resource::new(|| (), |()| join_secret());
    // Tokens revoked from this page: a freshly minted one that is revoked
    // leaves the "copy it now" box.
    let revoked = RwSignal::new(std::collections::HashSet::<String>::new());
    let minted = move || {
        mint.value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned())
            .filter(|m| revoked.with(|r| !r.contains(&m.info.id)))
    };
    // Where agents reach MCP: this page's own origin (known in the browser).
    let origin = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(o) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            origin.set(o);
        }
    });
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
                            <p class="muted">"Agents can also join this team themselves: " <code>"hub join --secret " <span data-testid="join-secret">{s}</span> " --agent <name>"</code></p>
                        }.into_any(),
                        _ => view! { <p class="muted">"Joining by secret is off (the hub has no HUB_JOIN_SECRET)."</p> }.into_any(),
                    }
                })}
            </Transition>
            {move || minted().map(|m| {
                let url = format!("{}/mcp", origin.get());
                let add = format!("claude mcp add --transport http agent-hub {url} --header \"Authorization: Bearer {}\"", m.token);
                view! {
                    <div class="card minted" role="status" data-testid="minted">
                        <p>"Token for " <strong>{m.info.agent_id.to_string()}</strong> " — copy it now, it will not be shown again:"</p>
                        <p class="row"><code data-testid="minted-token">{m.token.clone()}</code> {copy_button(m.token.clone(), "Copy")}</p>
                        <h2>"Connect the agent"</h2>
                        <p>"Its MCP server is " <code>{url}</code> ", with the token as a bearer header. For Claude Code:"</p>
                        <p class="row"><code data-testid="mcp-add">{add.clone()}</code> {copy_button(add, "Copy command")}</p>
                        <p class="muted">"Or with the CLI: " <code>"hub login --token …"</code> ", then " <code>"hub start"</code> "."</p>
                    </div>
                }
            })}
            <section class="card" id="connect" aria-labelledby="connect-title">
                <h2 id="connect-title">"Connect an agent"</h2>
                <ol class="steps">
                    <li>"Mint a token for it above (its agent id is who it will be)."</li>
                    <li>"Give the agent this hub's MCP server, with the token as a bearer header: "
                        <code data-testid="mcp-url">{move || format!("{}/mcp", origin.get())}</code>
                        " — for Claude Code: " <code>{move || format!("claude mcp add --transport http agent-hub {}/mcp --header \"Authorization: Bearer <token>\"", origin.get())}</code></li>
                    <li>"Or from a shell: " <code>"hub login --token <token>"</code> ", then " <code>"hub start"</code> "; hooks and other clients are in the README."</li>
                </ol>
            </section>
            <Transition fallback=|| view! { <Loading what="tokens"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(t) if t.is_empty() => view! { <Empty>"No token yet."</Empty> }.into_any(),
                        Ok(t) => view! {
                            <ul class="list tokens" data-testid="tokens">
                                {t.into_iter().map(|info| view! { <TokenRow info revoke revoked/> }).collect_view()}
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
fn TokenRow(
    info: TokenInfo,
    revoke: ServerAction<RevokeToken>,
    revoked: RwSignal<std::collections::HashSet<String>>,
) -> impl IntoView {
    let id = info.id.clone();
    let on_revoke = move |_| {
        revoked.update(|r| {
            r.insert(id.clone());
        });
        revoke.dispatch(RevokeToken { id: id.clone() });
    };
    let revoked = info.revoked_at.is_some();
    view! {
        <li data-token=info.id.clone()>
            <strong>{info.agent_id.to_string()}</strong>
            <span class="muted">" · " <code>{info.id.clone()}</code> " · minted " <RelTime at=info.created_at/></span>
            <span class="muted" data-testid="last-used">" · last used "
                {info.last_used_at.map(|at| view! { <RelTime at/> })}{info.last_used_at.is_none().then_some("never")}</span>
            {info.label.clone().map(|l| view! { <span class="muted">" · " {l}</span> })}
            {if revoked {
                view! { <span class="pill">"revoked"</span> }.into_any()
            } else {
                view! { <button class="danger" on:click=on_revoke>"Revoke"</button> }.into_any()
            }}
        </li>
    }
}
