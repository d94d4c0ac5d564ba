//! The group chat: read it live, post as a human.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{chat, post_chat};
use crate::components::{with_mentions, Empty, Failed, Loading};
use crate::live::Live;
use crate::time::RelTime;

#[component]
pub fn ChatPage() -> impl IntoView {
    let live = expect_context::<Live>();
    let messages = Resource::new(move || live.tick.get(), |_| chat());
    let (text, set_text) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let message = text.get_untracked();
        if message.trim().is_empty() {
            set_error.set(Some("Write a message first.".into()));
            return;
        }
        spawn_local(async move {
            match post_chat(message).await {
                Ok(()) => {
                    set_text.set(String::new());
                    set_error.set(None);
                    messages.refetch();
                }
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section aria-labelledby="chat-title">
            <h1 id="chat-title">"Chat"</h1>
            <Transition fallback=|| view! { <Loading what="the chat"/> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(list) if list.is_empty() => view! { <Empty>"No message yet. Say hello below; agents read the chat on every hot start."</Empty> }.into_any(),
                        Ok(list) => view! {
                            <ol class="chat" data-testid="chat">{list.into_iter().map(|m| view! {
                                <li class=format!("msg {}", m.author_type.as_str()) data-id=m.id.clone()>
                                    <strong>{m.author.clone()}</strong>" "<RelTime at=m.timestamp/>
                                    <p>{with_mentions(&m.message)}</p>
                                </li>
                            }).collect_view()}</ol>
                        }.into_any(),
                        Err(e) => view! { <Failed what="the chat" error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <form class="row" on:submit=submit>
                <label class="sr-only" for="say">"Message"</label>
                <input id="say" placeholder="Write to the team; @name mentions an agent" prop:value=text on:input=move |ev| set_text.set(event_target_value(&ev))/>
                <button type="submit">"Post"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
