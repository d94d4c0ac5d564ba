//! Presence changes from sockets opening and closing, announced to the team
//! a moment later as one message ([`hub_domain::PresenceNews`]). Measured
//! with 500 sockets connecting, one message per agent to every socket left
//! subscribers still reading presence when the first chat posts came (p99
//! from post to delivery 76–1,391 ms, against 26–63 ms with no presence
//! message at all).

use std::cell::RefCell;

use hub_domain::{PresenceNews, PRESENCE_GATHER_MS};
use hub_protocol::{AgentId, AgentStatus, AgentUpdate};
use wasm_bindgen::JsValue;
use worker::js_sys::Function;

#[derive(Default)]
pub struct Announcements {
    news: RefCell<PresenceNews>,
    /// worker/entry.js's `later(ms)`: calls the object's `flush` after `ms`.
    later: RefCell<Option<Function>>,
}

/// What the caller of [`Announcements::add`] does next.
#[must_use]
pub enum Next {
    /// A flush is scheduled (or was already).
    Wait,
    /// No timer to wait for: flush now.
    FlushNow,
}

impl Announcements {
    pub fn set_timer(&self, later: Function) {
        self.later.replace(Some(later));
    }

    /// Gathers `agent`'s new `status`; the first change since the last
    /// flush starts the timer.
    pub fn add(&self, agent_id: AgentId, status: AgentStatus) -> Next {
        if !self.news.borrow_mut().add(agent_id, status) {
            return Next::Wait;
        }
        match &*self.later.borrow() {
            Some(later) if later.call1(&JsValue::NULL, &JsValue::from(PRESENCE_GATHER_MS)).is_ok() => Next::Wait,
            _ => Next::FlushNow,
        }
    }

    /// What gathered, as one update.
    pub fn take(&self) -> Option<AgentUpdate> {
        self.news.borrow_mut().take()
    }
}
