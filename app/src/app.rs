use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    ParamSegment, StaticSegment,
};

use crate::live::{use_live, Live};
use crate::pages::{
    AgentPageView, ChatPage, CoordinationPage, LocksPage, ResumePage, SearchPage, TaskPage, TasksPage, TeamPage,
    TeamsPage, TokensPage, TracePage, WebhooksPage,
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's CSP, with this render's nonce: Leptos puts the nonce on its
/// hydration and resource scripts, so no inline script runs without it.
/// Styles may be inline (the timeline sizes bars with `style`); scripts
/// may not.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let Some(nonce) = leptos::nonce::use_nonce() else { return };
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else { return };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::HeaderName::from_static("content-security-policy"), value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // One team socket for the whole portal: every page refreshes from it.
    // The Worker routes it to the team the portal shows (its cookie).
    let live = use_live("/coordinator".into());
    provide_context(live);
    view! {
        <Stylesheet id="hub" href="/pkg/hub.css"/>
        <Title text="agent-hub"/>
        <Router>
            <a class="skip" href="#main">"Skip to content"</a>
            <header class="topbar">
                <A href="/" attr:class="brand">"agent-hub"</A>
                <nav aria-label="Main">
                    <A href="/">"Resume"</A>
                    <A href="/team">"Team"</A>
                    <A href="/chat">"Chat"</A>
                    <A href="/tasks">"Tasks"</A>
                    <A href="/locks">"Locks"</A>
                    <A href="/coordination">"Coordination"</A>
                    <A href="/tokens">"Tokens"</A>
                    <A href="/webhooks">"Webhooks"</A>
                    <A href="/search">"Search"</A>
                    <A href="/teams">"Teams"</A>
                </nav>
                <TeamSwitcher/>
                <LiveBadge live/>
                <form method="post" action="/logout" class="logout">
                    <button type="submit">"Sign out"</button>
                </form>
            </header>
            <main id="main">
                <TeamNotice/>
                <Routes fallback=|| view! { <p class="empty">"Page not found. Start from " <a href="/">"the resume page"</a> "."</p> }>
                    <Route path=StaticSegment("") view=ResumePage/>
                    <Route path=StaticSegment("team") view=TeamPage/>
                    <Route path=StaticSegment("chat") view=ChatPage/>
                    <Route path=StaticSegment("tasks") view=TasksPage/>
                    <Route path=(StaticSegment("tasks"), ParamSegment("id")) view=TaskPage/>
                    <Route path=StaticSegment("locks") view=LocksPage/>
                    <Route path=StaticSegment("coordination") view=CoordinationPage/>
                    <Route path=StaticSegment("tokens") view=TokensPage/>
                    <Route path=StaticSegment("webhooks") view=WebhooksPage/>
                    <Route path=StaticSegment("search") view=SearchPage/>
                    <Route path=StaticSegment("teams") view=TeamsPage/>
                    <Route path=(StaticSegment("agents"), ParamSegment("id")) view=AgentPageView/>
                    <Route path=(StaticSegment("agents"), ParamSegment("id"), StaticSegment("traces"), ParamSegment("session")) view=TracePage/>
                </Routes>
            </main>
        </Router>
    }
}

/// Which team the portal shows, chosen among the teams there are (a plain
/// GET form: `?team=`, which the Worker remembers in a cookie). A name
/// nobody created is never offered, and never shown as an empty team.
#[component]
fn TeamSwitcher() -> impl IntoView {
    let team = Resource::new(|| (), |()| crate::api::current_team());
    view! {
        <form method="get" action="" class="team-switch" aria-label="Switch team">
            <label for="team-name">"Team"</label>
            <Transition fallback=|| view! { <select id="team-name" name="team" disabled></select> }>
                {move || Suspend::new(async move {
                    let (current, mut all) =
                        team.await.unwrap_or_else(|_| (hub_protocol::TeamId::DEFAULT.to_owned(), Vec::new()));
                    if !all.contains(&current) {
                        all.insert(0, current.clone());
                    }
                    view! {
                        <select id="team-name" name="team" data-testid="team-name">
                            {all.into_iter().map(|n| {
                                let chosen = n == current;
                                view! { <option value=n.clone() selected=chosen>{n.clone()}</option> }
                            }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
            <button type="submit">"Show"</button>
            <A href="/teams" attr:class="all-teams">"All teams"</A>
        </form>
    }
}

/// A link that chose the team (`?team=`) says so: the later pages stay on
/// that team until another is chosen.
#[component]
fn TeamNotice() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query.with(|q| q.get("team")).map(|t| {
            view! {
                <p class="notice" role="status" data-testid="team-notice">
                    "Showing team " <strong>{t}</strong> " (chosen by this link); the next pages stay on it. Pick another in the header."
                </p>
            }
        })
    }
}

#[component]
fn LiveBadge(live: Live) -> impl IntoView {
    view! {
        <span class="live" class:online=move || live.online.get() role="status" aria-live="polite" data-testid="live">
            {move || if live.online.get() { "Live" } else { "Offline — reconnecting…" }}
        </span>
    }
}
