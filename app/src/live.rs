//! Live updates: a WebSocket to the hub that bumps a counter on every event.
//!
//! Pages key their resources on the counter, so each event refetches the
//! lists it may change. Refetching whole lists (rather than appending events)
//! is what makes a reconnect safe: nothing is missed, nothing duplicated.
//! Reconnects back off from 0.5 s to 30 s; `online` says whether the socket is
//! up, for the "offline" badge.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Live {
    pub tick: ReadSignal<u64>,
    pub online: ReadSignal<bool>,
}

/// Subscribes to `path` (`/coordinator`, `/agent/ann`: the Worker adds the
/// portal's team)
/// for as long as the calling component lives. On the server it only
/// returns the (quiet) signals.
pub fn use_live(path: String) -> Live {
    let (tick, set_tick) = signal(0u64);
    let (online, set_online) = signal(false);
    #[cfg(feature = "hydrate")]
    client::start(path, set_tick, set_online);
    #[cfg(not(feature = "hydrate"))]
    let _ = (path, set_tick, set_online);
    Live { tick, online }
}

#[cfg(feature = "hydrate")]
mod client {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    // The cleanup closure must be Send; the browser is single-threaded, and
    // SendWrapper checks that at run time instead of an `unsafe impl`.
    use send_wrapper::SendWrapper;
    use web_sys::WebSocket;

    struct Conn {
        url: String,
        set_tick: WriteSignal<u64>,
        set_online: WriteSignal<bool>,
        attempts: Cell<u32>,
        /// Set once the first connection opened: later opens are reconnects.
        was_open: Cell<bool>,
        stopped: Cell<bool>,
        socket: RefCell<Option<WebSocket>>,
    }

    pub fn start(path: String, set_tick: WriteSignal<u64>, set_online: WriteSignal<bool>) {
        let Some(window) = web_sys::window() else { return };
        let loc = window.location();
        let scheme = if loc.protocol().ok().as_deref() == Some("https:") { "wss" } else { "ws" };
        let host = loc.host().unwrap_or_default();
        let conn = Rc::new(Conn {
            url: format!("{scheme}://{host}{path}"),
            set_tick,
            set_online,
            attempts: Cell::new(0),
            was_open: Cell::new(false),
            stopped: Cell::new(false),
            socket: RefCell::new(None),
        });
        let for_cleanup = SendWrapper::new(conn.clone());
        on_cleanup(move || {
            let conn = &*for_cleanup;
            conn.stopped.set(true);
            if let Some(ws) = conn.socket.borrow_mut().take() {
                let _ = ws.close();
            }
        });
        connect(conn);
    }

    fn connect(conn: Rc<Conn>) {
        if conn.stopped.get() {
            return;
        }
        let Ok(ws) = WebSocket::new(&conn.url) else {
            retry(conn);
            return;
        };
        let c = conn.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || {
            c.attempts.set(0);
            c.set_online.set(true);
            // After a reconnect, catch up on whatever happened while offline.
            // (The first open needs nothing: the page was just rendered.)
            if c.was_open.replace(true) {
                c.set_tick.update(|t| *t += 1);
            }
        });
        let c = conn.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| c.set_tick.update(|t| *t += 1));
        let c = conn.clone();
        let on_close = Closure::<dyn FnMut()>::new(move || {
            c.set_online.set(false);
            retry(c.clone());
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // One set per connection; they live as long as the socket.
        on_open.forget();
        on_message.forget();
        on_close.forget();
        *conn.socket.borrow_mut() = Some(ws);
    }

    fn retry(conn: Rc<Conn>) {
        if conn.stopped.get() {
            return;
        }
        let n = conn.attempts.get();
        conn.attempts.set(n + 1);
        let delay = Duration::from_millis((500u64 << n.min(6)).min(30_000));
        let next = SendWrapper::new(conn);
        set_timeout(move || connect(Rc::clone(&next)), delay);
    }
}
