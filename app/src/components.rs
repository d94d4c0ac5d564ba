//! Small pieces every page uses.

use hub_protocol::{AgentStatus, FlowState, Level};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! { <p class="loading" role="status">"Loading " {what} "…"</p> }
}

#[component]
pub fn Failed(#[prop(into)] what: String, error: ServerFnError) -> impl IntoView {
    view! { <p class="error" role="alert">"Could not load " {what} ": " {words(&error)}</p> }
}

/// What a server function failed with, without the wrapper's prefix.
fn words(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(m) => m.clone(),
        other => other.to_string(),
    }
}

/// The alert for an action's last run, when it failed; nothing otherwise.
pub fn action_error<S>(action: ServerAction<S>) -> impl Fn() -> Option<AnyView> + Send + Sync + Copy + 'static
where
    S: ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    move || {
        action.value().with(|v| match v {
            Some(Err(e)) => Some(view! { <p class="error" role="alert">{words(e)}</p> }.into_any()),
            _ => None,
        })
    }
}

/// Runs `then` each time `action` succeeds: clears the drafts of its form.
pub fn on_success<S>(action: ServerAction<S>, then: impl Fn() + 'static)
where
    S: ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            then();
        }
    });
}

#[component]
pub fn Empty(children: Children) -> impl IntoView {
    view! { <p class="empty">{children()}</p> }
}

pub fn status_label(s: AgentStatus) -> &'static str {
    s.as_str()
}

#[component]
pub fn StatusDot(status: AgentStatus) -> impl IntoView {
    let s = status_label(status);
    view! { <span class=format!("dot {s}") aria-hidden="true"></span> }
}

pub fn flow_label(f: FlowState) -> &'static str {
    match f {
        FlowState::InFlow => "in flow",
        FlowState::Stuck => "stuck",
        FlowState::Available => "available",
        FlowState::Offline => "offline",
    }
}

#[component]
pub fn FlowBadge(flow: FlowState) -> impl IntoView {
    let label = flow_label(flow);
    view! { <span class=format!("badge flow-{}", label.replace(' ', "-"))>{label}</span> }
}

#[component]
pub fn LevelBadge(level: Level) -> impl IntoView {
    view! { <span class=format!("badge level-{}", level.as_str())>{level.as_str()}</span> }
}

/// Renders text with @mentions highlighted (as text nodes: never as HTML).
pub fn with_mentions(text: &str) -> Vec<AnyView> {
    let mut out = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(" ".into_any());
        }
        if word.starts_with('@') && word.len() > 1 {
            out.push(view! { <mark class="mention">{word.to_owned()}</mark> }.into_any());
        } else {
            out.push(word.to_owned().into_any());
        }
    }
    out
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `navigator.clipboard.writeText`: a promise, rejected without permission.
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn write_text(text: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// A button that copies `text`; it says whether it did.
pub fn copy_button(text: String, label: &'static str) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let outcome = write_text(&text);
            said.set(Some(if outcome.is_ok() { "Copied" } else { "Select it and copy" }));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    view! {
        <button type="button" class="copy" on:click=copy>{move || said.get().unwrap_or(label)}</button>
    }
}
