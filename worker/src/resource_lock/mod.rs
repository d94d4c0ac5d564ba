//! `ResourceLock`: one object per resource path and team. It alone decides
//! who holds the path (the object is single-threaded, so fifty agents racing
//! get exactly one grant), expires locks by alarm, hands them to waiters, and
//! tells the team's coordinator of every change.

mod action;
mod request;
mod schema;
mod store;

use hub_domain::{Change, Held, LockState};
use hub_protocol::{LockAction, LockHistory, LockInfo, LockUpdate, ResourcePath, Timestamp};
use worker::{durable_object, DurableObject, Env, Request, Response, State};

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use worker::js_sys::Array;

use crate::api_error::ApiError;
use crate::call::{self, Answer, Call};
use crate::caller::{self, Inbound};
use crate::reply::Reply;
use crate::{clock, migrations, objects};
use action::Lock;
use request::LockCall;
use store::Store;

type Result<T> = std::result::Result<T, ApiError>;

#[durable_object]
pub struct ResourceLock {
    state: State,
    env: Env,
    store: Store,
    schema: migrations::Schema,
}

/// What a call answers, and the changes it made for the world to learn.
type Outcome = Reply<Vec<Change>>;

impl DurableObject for ResourceLock {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        let schema = migrations::Schema::apply(&sql, schema::MIGRATIONS);
        // A new path's database is empty: no read needs to ask it so.
        let store = if schema.is_new() { Store::empty(sql) } else { Store::new(sql) };
        Self { store, state, env, schema }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        call::by_fetch(req, |c| self.serve(c)).await
    }

    /// The lock's deadline passed: release it (and hand it on) with no
    /// request from anyone.
    async fn alarm(&self) -> worker::Result<Response> {
        let now = clock::now();
        let Ok(mut state) = self.store.load() else { return Response::empty() };
        let mut changes = Vec::new();
        state.settle(now, &mut changes);
        if !changes.is_empty() && self.store.save(&state, &changes, now).is_ok() {
            self.publish(&changes).await;
        }
        self.arm(&state).await;
        Response::empty()
    }

    // Locks take no WebSockets (pushes go through the coordinator); an
    // unimplemented handler would panic the object.
    async fn websocket_message(
        &self,
        ws: worker::WebSocket,
        _m: worker::WebSocketIncomingMessage,
    ) -> worker::Result<()> {
        ws.close(Some(1003), Some("locks take no WebSocket"))
    }

    async fn websocket_close(&self, _ws: worker::WebSocket, _c: usize, _r: String, _w: bool) -> worker::Result<()> {
        Ok(())
    }

    async fn websocket_error(&self, _ws: worker::WebSocket, _e: worker::Error) -> worker::Result<()> {
        Ok(())
    }
}

fn info(resource: &ResourcePath, h: &Held, now: Timestamp) -> LockInfo {
    LockInfo {
        resource_path: resource.clone(),
        resource_type: h.resource_type,
        locked_by: h.agent.clone(),
        reason: h.reason.clone(),
        locked_at: h.locked_at,
        expires_at: h.expires_at,
        remaining_ms: h.expires_at.since(now).max(0),
        fencing_token: h.fence,
    }
}

#[wasm_bindgen(wasm_bindgen_futures = ::worker::wasm_bindgen_futures, js_sys = ::worker::js_sys)]
impl ResourceLock {
    /// The API by RPC (see [`crate::call`]).
    pub async fn api(&self, method: String, url: String, caller: String, team: String, body: JsValue) -> Array {
        call::by_rpc([method, url, caller, team], body, |c| self.serve(c)).await
    }
}

impl ResourceLock {
    async fn serve(&self, call: Call) -> Result<Answer> {
        let Inbound { team, caller, .. } = Inbound::read(&call, &self.schema)?;
        let (resource, request) = LockCall::decode(&call)?;
        caller::check(&caller, request.access())?;
        let (answer, changes) = self.handle(&resource, &team, request, clock::now())?.into_answer();
        self.publish(&changes).await;
        Ok(answer)
    }

    /// Loads, decides, stores: synchronous from load to save, so no other
    /// request can interleave between the decision and its record.
    fn handle(&self, resource: &ResourcePath, team: &str, call: LockCall, now: Timestamp) -> Result<Outcome> {
        // Write who we are only when it changes: most calls are checks and
        // refusals, and they should not write at all.
        let known = self.store.meta()?;
        if known.as_ref().is_none_or(|m| m.resource_path != resource.as_str() || m.team != team) {
            self.store.remember(resource, team)?;
        }
        let mut state = self.store.load()?;
        let lock = Lock { resource, state: &mut state, now };
        let outcome = match call {
            LockCall::Check => lock.check()?,
            // History stores a just-noticed expiry first, so that it shows.
            LockCall::History => return self.history(lock),
            LockCall::Lock(r) => lock.acquire(r)?,
            LockCall::Unlock(r) => lock.release(r)?,
            LockCall::Renew(r) => lock.renew(r)?,
        };
        if !outcome.effects.is_empty() {
            self.store.save(&state, &outcome.effects, now)?;
        }
        Ok(outcome)
    }

    fn history(&self, lock: Lock) -> Result<Outcome> {
        let mut changes = Vec::new();
        lock.state.settle(lock.now, &mut changes);
        if !changes.is_empty() {
            self.store.save(lock.state, &changes, lock.now)?;
        }
        let history = LockHistory {
            resource_path: lock.resource.clone(),
            current_lock: lock.held(),
            history: self.store.history()?,
        };
        Ok(Outcome::ok(&history)?.and(changes))
    }

    /// Re-arms the alarm, and has the coordinator told (index + `lock-update`
    /// broadcast) in the background. After the state is stored: a failure
    /// here loses a push, never a lock.
    async fn publish(&self, changes: &[Change]) {
        if changes.is_empty() {
            return;
        }
        let (Ok(Some(meta)), Ok(state)) = (self.store.meta(), self.store.load()) else { return };
        self.arm(&state).await;
        let Ok(resource) = ResourcePath::parse(&meta.resource_path) else { return };
        let now = clock::now();
        let first_version = (meta.version as u64).saturating_sub(changes.len() as u64);
        let updates: Vec<LockUpdate> = changes
            .iter()
            .enumerate()
            .map(|(i, change)| {
                let (action, agent, lock) = match change {
                    Change::Granted(h) => (LockAction::Granted, h.agent.clone(), Some(info(&resource, h, now))),
                    Change::Extended(h) => (LockAction::Extended, h.agent.clone(), Some(info(&resource, h, now))),
                    Change::Released { reason, by, .. } => {
                        let action = match reason {
                            hub_protocol::ReleaseReason::Manual => LockAction::Released,
                            hub_protocol::ReleaseReason::Expired => LockAction::Expired,
                            hub_protocol::ReleaseReason::Stolen => LockAction::Stolen,
                        };
                        (action, by.clone(), None)
                    }
                    Change::Queued { agent, .. } => {
                        (LockAction::Queued, agent.clone(), state.held.as_ref().map(|h| info(&resource, h, now)))
                    }
                };
                LockUpdate {
                    action,
                    resource_path: resource.clone(),
                    agent_id: agent,
                    lock,
                    version: first_version + i as u64 + 1,
                }
            })
            .collect();
        // After the response: the caller need not wait for the coordinator,
        // and versions keep late updates from overwriting newer ones.
        let (env, team) = (self.env.clone(), meta.team);
        self.state.wait_until(async move {
            if let Err(e) = objects::post_to_coordinator(&env, &team, "/coordinator/locks/events", &updates).await {
                worker::console_error!("lock index update failed: {e}");
            }
        });
    }

    async fn arm(&self, state: &LockState) {
        let storage = self.state.storage();
        let result = match state.next_alarm() {
            Some(at) => {
                let date = worker::js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.millis() as f64));
                storage.set_alarm(worker::ScheduledTime::new(date)).await
            }
            None => storage.delete_alarm().await,
        };
        if let Err(e) = result {
            worker::console_error!("could not set the lock alarm: {e}");
        }
    }
}
