//! `ResourceLock`: one object per resource path and team. It alone decides
//! who holds the path (the object is single-threaded, so fifty agents racing
//! get exactly one grant), expires locks by alarm, hands them to waiters, and
//! tells the team's coordinator of every change.

mod request;
mod schema;
mod store;

use hub_domain::{Acquire, Acquired, Change, Held, LockPolicy, LockState, Released};
use hub_protocol::{
    LockAction, LockConflict, LockGrant, LockHistory, LockInfo, LockStatus, LockUpdate, ResourcePath, Timestamp,
    UnlockResponse,
};
use serde::Serialize;
use worker::{durable_object, DurableObject, Env, Request, Response, State};

use crate::api_error::ApiError;
use crate::caller::{self, Inbound};
use crate::{clock, migrations, objects};
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

/// What a call did, for the caller and for the world.
struct Outcome {
    status: u16,
    body: serde_json::Value,
    changes: Vec<Change>,
}

impl DurableObject for ResourceLock {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        let schema = migrations::Schema::apply(&sql, schema::MIGRATIONS);
        Self { store: Store::new(sql), state, env, schema }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        Ok(self.serve(req).await.unwrap_or_else(ApiError::into_response))
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

fn body<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    Ok(serde_json::to_value(value)?)
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

impl ResourceLock {
    async fn serve(&self, mut req: Request) -> Result<Response> {
        let Inbound { team, caller } = Inbound::read(&req, &self.schema)?;
        let (resource, call) = LockCall::decode(&mut req).await?;
        caller::check(&caller, call.access())?;
        let outcome = self.handle(&resource, &team, call, clock::now())?;
        self.publish(&outcome.changes).await;
        Ok(Response::from_json(&outcome.body)?.with_status(outcome.status))
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
        let policy = LockPolicy::default();
        let (status, body, changes) = match call {
            LockCall::Check => {
                let mut changes = Vec::new();
                state.settle(now, &mut changes);
                let expired = changes.iter().any(|c| matches!(c, Change::Released { .. }));
                let status = LockStatus {
                    locked: state.held.is_some(),
                    resource_path: Some(resource.clone()),
                    lock: state.held.as_ref().map(|h| info(resource, h, now)),
                    queue: state.queue.iter().map(|w| w.agent.clone()).collect(),
                    note: expired.then(|| "Previous lock expired".to_owned()),
                };
                (200, body(&status)?, changes)
            }
            LockCall::History => {
                let mut changes = Vec::new();
                state.settle(now, &mut changes);
                // Save first so the history below includes a just-noticed expiry.
                if !changes.is_empty() {
                    self.store.save(&state, &changes, now)?;
                }
                let history = LockHistory {
                    resource_path: resource.clone(),
                    current_lock: state.held.as_ref().map(|h| info(resource, h, now)),
                    history: self.store.history()?,
                };
                return Ok(Outcome { status: 200, body: body(&history)?, changes });
            }
            LockCall::Lock(r) => {
                let ttl_ms = policy.ttl(r.ttl_ms).map_err(|e| ApiError::bad_field("ttlMs", e))?;
                let (acquired, changes) = state.acquire(
                    Acquire {
                        agent: r.agent_id,
                        reason: r.reason.map(hub_protocol::Text::into_string),
                        resource_type: r.resource_type.unwrap_or_default(),
                        ttl_ms,
                        wait: r.wait,
                    },
                    now,
                );
                match acquired {
                    Acquired::Granted { held, extended } => {
                        let span = if ttl_ms >= 60_000 {
                            format!("{} minutes", ttl_ms / 60_000)
                        } else {
                            format!("{} seconds", ttl_ms / 1000)
                        };
                        let verb = if extended { "extended" } else { "acquired" };
                        let message = format!("Lock {verb} for {span}");
                        let grant = LockGrant {
                            success: true,
                            lock: Some(info(resource, &held, now)),
                            message: Some(message),
                            queued: None,
                            position: None,
                        };
                        (200, body(&grant)?, changes)
                    }
                    Acquired::Queued { position } => {
                        let grant = LockGrant {
                            success: false,
                            lock: state.held.as_ref().map(|h| info(resource, h, now)),
                            message: Some(format!(
                                "Queued at position {position}; the lock passes to you when released or expired"
                            )),
                            queued: Some(true),
                            position: Some(position),
                        };
                        (202, body(&grant)?, changes)
                    }
                    Acquired::Denied { holder } => {
                        let conflict = LockConflict {
                            success: false,
                            error: "Resource is locked".into(),
                            locked_by: holder.agent,
                            expires_at: holder.expires_at,
                            remaining_ms: holder.expires_at.since(now).max(0),
                        };
                        (409, body(&conflict)?, changes)
                    }
                }
            }
            LockCall::Unlock(r) => {
                let (released, changes) = state.release(&r.agent_id, r.force, now);
                match released {
                    Released::NoLock => (200, body(&unlock("No lock to release", None, None))?, changes),
                    Released::LeftQueue => (200, body(&unlock("Left the queue", None, None))?, changes),
                    Released::NotOwner { holder } => (
                        403,
                        serde_json::json!({ "success": false, "error": "Not lock owner", "lockedBy": holder.agent }),
                        changes,
                    ),
                    Released::Released { previous, next, .. } => {
                        (200, body(&unlock("Lock released", Some(previous.agent), next.map(|n| n.agent)))?, changes)
                    }
                }
            }
            LockCall::Renew(r) => {
                let ttl_ms = policy.ttl(r.ttl_ms).map_err(|e| ApiError::bad_field("ttlMs", e))?;
                match state.renew(&r.agent_id, ttl_ms, now) {
                    Ok((held, changes)) => {
                        let grant = LockGrant {
                            success: true,
                            lock: Some(info(resource, &held, now)),
                            message: Some("Lock renewed".into()),
                            queued: None,
                            position: None,
                        };
                        (200, body(&grant)?, changes)
                    }
                    Err(None) => {
                        return Err(ApiError::NotFound {
                            what: "No lock to renew: it expired or was released".into(),
                            path: None,
                        })
                    }
                    Err(Some(holder)) => (
                        409,
                        body(&LockConflict {
                            success: false,
                            error: "Resource is locked by another agent".into(),
                            locked_by: holder.agent,
                            expires_at: holder.expires_at,
                            remaining_ms: holder.expires_at.since(now).max(0),
                        })?,
                        Vec::new(),
                    ),
                }
            }
        };
        if !changes.is_empty() {
            self.store.save(&state, &changes, now)?;
        }
        Ok(Outcome { status, body, changes })
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

fn unlock(
    message: &str,
    previous: Option<hub_protocol::AgentId>,
    next: Option<hub_protocol::AgentId>,
) -> UnlockResponse {
    UnlockResponse { success: true, message: message.into(), previous_owner: previous, next_owner: next }
}
