//! The group chat: read it live, post as a human. It opens at the newest
//! message with the compose box in view, and stays there as messages come
//! unless the reader scrolled up; older pages load above. A link to a
//! message (`#m-<id>`, from search) scrolls to it and marks it.

use leptos::prelude::*;

use hub_protocol::ChatMessage;

use crate::api::{chat, OlderChat, PostChat};
use crate::components::{action_error, on_success, with_mentions, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::RelTime;

#[component]
pub fn ChatPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let post = ServerAction::<PostChat>::new();
    let messages = Resource::new(move || (live.tick.get(), post.version().get()), |_| chat());
    // The draft lives above the live-refreshed list; a posted message clears it.
    let text = RwSignal::new(String::new());
    on_success(post, move || text.set(String::new()));
    // Pages further back, oldest first, above the live list.
    let older = RwSignal::new(Vec::<ChatMessage>::new());
    let load_older = ServerAction::<OlderChat>::new();
    Effect::new(move |_| {
        if let Some(Ok(page)) = load_older.value().get() {
            older.update(|o| {
                let shown = std::mem::take(o);
                *o = page;
                o.extend(shown);
            });
        }
    });
    // The list's own scroll: pinned to the newest until the reader scrolls up.
    let list = NodeRef::<leptos::html::Ol>::new();
    let pinned = RwSignal::new(true);
    Effect::new(move |_| {
        let Some(el) = list.get() else { return };
        #[cfg(feature = "hydrate")]
        {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            let target = hash
                .strip_prefix('#')
                .filter(|h| h.starts_with("m-"))
                .and_then(|id| web_sys::window()?.document()?.get_element_by_id(id));
            if let Some(target) = target.filter(|_| pinned.get_untracked()) {
                target.scroll_into_view();
                pinned.set(false);
            } else if pinned.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = el;
    });
    let on_scroll = move |_| {
        if let Some(el) = list.get_untracked() {
            pinned.set(el.scroll_top() + el.client_height() >= el.scroll_height() - 40);
        }
    };
    let more = move |_| {
        let first = older
            .with_untracked(|o| o.first().map(|m| m.id.clone()))
            .or_else(|| messages.get_untracked().and_then(Result::ok).and_then(|l| l.first().map(|m| m.id.clone())));
        if let Some(before) = first {
            load_older.dispatch(OlderChat { before });
        }
    };
    view! {
        <section aria-labelledby="chat-title">
            <h1 id="chat-title">"Chat"</h1>
            <Transition fallback=|| view! { <Loading what="the chat"/> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(list_items) if list_items.is_empty() => view! { <Empty>"No message yet. Say hello below; agents read the chat on every hot start."</Empty> }.into_any(),
                        Ok(list_items) => view! {
                            {(list_items.len() >= 100).then(|| view! {
                                <button class="link" on:click=more disabled=move || load_older.pending().get()>"Older messages"</button>
                            })}
                            <ol class="chat" data-testid="chat" node_ref=list on:scroll=on_scroll>{older.get().into_iter().chain(list_items).map(|m| view! {
                                <li class=format!("msg {}", m.author_type.as_str()) data-id=m.id.clone() id=format!("m-{}", m.id)>
                                    <p class="meta"><strong>{m.author.clone()}</strong>" "<RelTime at=m.timestamp/></p>
                                    <p class="text">{with_mentions(&m.message)}</p>
                                </li>
                            }).collect_view()}</ol>
                        }.into_any(),
                        Err(e) => view! { <Failed what="the chat" error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <form class="row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                post.dispatch(PostChat { message: text.get_untracked() });
            }>
                <label class="sr-only" for="say">"Message"</label>
                <input id="say" name="message" required placeholder="Write to the team; @name mentions an agent"
                    prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                <button type="submit">"Post"</button>
            </form>
            {action_error(post)}
        </section>
    }
}
