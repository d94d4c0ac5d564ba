//! `ResourceLock`: one of a team's lock shards (`hub_protocol::lock_object`:
//! sixteen per team, each path in one by a hash of it). It alone decides who
//! holds its paths (the object is single-threaded, so fifty agents racing for
//! a path get exactly one grant), expires locks by alarm, hands them to
//! waiters, and tells the team's coordinator of every change.

mod action;
mod adopt;
mod jobs;
mod report;
pub(crate) mod request;
mod schema;
mod store;

use hub_domain::{Change, Held};
use hub_protocol::{LockHistory, LockInfo, ResourcePath, Timestamp};
use worker::{durable_object, DurableObject, Env, Request, Response, State};

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::api_error::ApiError;
use crate::call::{self, Answer, Call};
use crate::caller::{self, Inbound};
use crate::reply::Reply;
use crate::{clock, migrations};
use action::Lock;
use jobs::LockJob;
use request::LockCall;
use store::Store;

type Result<T> = std::result::Result<T, ApiError>;

#[durable_object]
pub struct ResourceLock {
    state: State,
    env: Env,
    store: Store,
    schema: migrations::Schema,
    /// Reports to the coordinator not yet delivered, and the alarm.
    jobs: crate::jobs::Jobs<LockJob>,
}

/// What a call answers, and the changes it made for the world to learn.
type Outcome = Reply<Vec<Change>>;

impl DurableObject for ResourceLock {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        let schema = migrations::Schema::apply(&sql, schema::MIGRATIONS);
        // A new shard's database is empty: no read needs to ask it so.
        let (store, jobs) = (Store::new(sql.clone(), schema.is_new()), crate::jobs::Jobs::new(sql));
        Self { store, state, env, schema, jobs }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        call::by_fetch(req, |c| self.serve(c)).await
    }

    /// A deadline passed or a report is due: release those locks (and hand
    /// them on) with no request from anyone, and send what is due.
    async fn alarm(&self) -> worker::Result<Response> {
        self.jobs.rang();
        let now = clock::now();
        for path in self.store.due(now).unwrap_or_default() {
            let Ok(mut stored) = self.store.load(&path) else { continue };
            let mut changes = Vec::new();
            stored.state.settle(now, &mut changes);
            if !changes.is_empty() {
                if let Err(e) = self.save(&path, &stored.state, &changes, now) {
                    worker::console_error!("could not expire {path}: {e:?}");
                }
            }
        }
        self.send_reports();
        self.run_due_jobs(now).await;
        self.arm(clock::now()).await;
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
    pub async fn api(
        &self,
        method: String,
        url: String,
        caller: String,
        team: String,
        body: JsValue,
    ) -> crate::call::RpcAnswer {
        call::by_rpc([method, url, caller, team], body, |c| self.serve(c)).await
    }
}

impl ResourceLock {
    async fn serve(&self, call: Call) -> Result<Answer> {
        let Inbound { team, caller, .. } = Inbound::read(&call, &self.schema)?;
        let (resource, request) = LockCall::decode(&call)?;
        if self.store.take_new() {
            self.adopt(&team, &resource).await;
        }
        caller::check(&caller, request.access())?;
        let now = clock::now();
        let (answer, changes) = self.handle(&resource, &team, request, now)?.into_answer();
        if !changes.is_empty() {
            // After the state and its report are stored: a failure here
            // delays a push, never loses a lock or its report.
            self.arm(now).await;
            self.send_reports();
        }
        Ok(answer)
    }

    /// Loads, decides, stores: synchronous from load to save, so no other
    /// request can interleave between the decision and its record.
    fn handle(&self, resource: &ResourcePath, team: &str, call: LockCall, now: Timestamp) -> Result<Outcome> {
        self.store.remember(team)?;
        let mut state = self.store.load(resource)?.state;
        let before = state.clone();
        let lock = Lock { resource, state: &mut state, now };
        let outcome = match call {
            LockCall::Check => lock.check()?,
            // History stores a just-noticed expiry first, so that it shows.
            LockCall::History => return self.history(lock),
            LockCall::Lock(r) => lock.acquire(r)?,
            LockCall::Unlock(r) => lock.release(r)?,
            LockCall::Renew(r) => lock.renew(r)?,
        };
        // A change with nothing to report (a waiter leaving the queue) is
        // stored all the same.
        if !outcome.effects.is_empty() || state != before {
            self.save(resource, &state, &outcome.effects, now)?;
        }
        Ok(outcome)
    }

    fn history(&self, lock: Lock) -> Result<Outcome> {
        let mut changes = Vec::new();
        lock.state.settle(lock.now, &mut changes);
        if !changes.is_empty() {
            self.save(lock.resource, lock.state, &changes, lock.now)?;
        }
        let history = LockHistory {
            resource_path: lock.resource.clone(),
            current_lock: lock.held(),
            history: self.store.history(lock.resource)?,
        };
        Ok(Outcome::ok(&history)?.and(changes))
    }

    /// Stores `changes` to `resource` (now `state`) and their report to the
    /// coordinator, in one synchronous run.
    fn save(
        &self,
        resource: &ResourcePath,
        state: &hub_domain::LockState,
        changes: &[Change],
        now: Timestamp,
    ) -> Result<()> {
        let first = self.store.save(resource, state, changes, now)?;
        self.keep_report(report::updates(resource, state, changes, first, now), now)
    }

    /// Sets the alarm for the soonest lock deadline or job.
    async fn arm(&self, now: Timestamp) {
        let deadline = self.store.next_deadline().unwrap_or_default();
        self.jobs.arm(&self.state.storage(), deadline, now).await;
    }
}
