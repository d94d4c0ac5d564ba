//! Presence changes from sockets opening and closing, announced to the team
//! a moment later as one message. A team of hundreds reconnecting at once
//! otherwise sends one message per agent to every socket: N² messages, and
//! measured with 500 sockets connecting, subscribers still reading presence
//! when the first chat posts came (p99 from post to delivery 76–1,391 ms,
//! against 26–63 ms with no presence message at all).

use std::cell::RefCell;

use hub_protocol::{AgentId, AgentStatus, AgentUpdate, PresenceChange};
use wasm_bindgen::JsValue;
use worker::js_sys::Function;

/// How long changes gather before they go out: a person watching the
/// portal does not see 100 ms, a burst of connects shares one message.
pub const GATHER_MS: u32 = 100;

#[derive(Default)]
pub struct Announcements {
    pending: RefCell<Vec<PresenceChange>>,
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

    /// Gathers `agent`'s new `status` (a later change of one agent replaces
    /// its earlier one).
    pub fn add(&self, agent_id: AgentId, status: AgentStatus) -> Next {
        let mut pending = self.pending.borrow_mut();
        let first = pending.is_empty();
        match pending.iter_mut().find(|c| c.agent_id == agent_id) {
            Some(known) => known.status = status,
            None => pending.push(PresenceChange { agent_id, status }),
        }
        if !first {
            return Next::Wait;
        }
        match &*self.later.borrow() {
            Some(later) if later.call1(&JsValue::NULL, &JsValue::from(GATHER_MS)).is_ok() => Next::Wait,
            _ => Next::FlushNow,
        }
    }

    /// What gathered, as one update: the original's shape for a single
    /// change, a batch for several.
    pub fn take(&self) -> Option<AgentUpdate> {
        let mut pending = std::mem::take(&mut *self.pending.borrow_mut());
        match pending.len() {
            0 => None,
            1 => pending.pop().map(|c| AgentUpdate::Presence { agent_id: c.agent_id, status: c.status }),
            _ => Some(AgentUpdate::PresenceBatch { presence: pending }),
        }
    }
}
