//! `AgentCoordinator`: one per team. The registry and presence of agents, the
//! group chat, the task board, and the team WebSocket that broadcasts all of
//! it. Sockets use the hibernation API, so a quiet team costs nothing and a
//! push reaches every socket even after the object was evicted.

mod activity;
mod caps;
mod chat;
mod claims;
mod credentials;
mod escalations;
mod handoffs;
mod humans;
mod interchange;
mod jobs;
mod log;
mod onboard;
mod presence;
pub(crate) mod request;
mod resume;
mod retention;
mod rows;
mod schema;
mod search;
mod settings;
mod socket;
mod store;
mod task_store;
mod tasks;
mod tell;
mod zones;

use std::collections::HashSet;

use hub_domain::{register, worth_storing};
use hub_protocol::{
    Ack, Agent, AgentId, AgentStatus, AgentUpdate, AgentsQuery, AgentsResponse, Caller, Event, LocksResponse, Pong,
    PostChatResponse, RegisterAgent, RegisterResponse, Timestamp,
};
use worker::{durable_object, DurableObject, Env, Request, Response, State, WebSocket, WebSocketIncomingMessage};

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::api_error::ApiError;
use crate::call::{Answer, Call};
use crate::caller::{self, Inbound};
use crate::reply::Reply;
use crate::{clock, config, migrations};

pub use request::CoordinatorRequest;
use store::Store;

type Result<T> = std::result::Result<T, ApiError>;

/// Open tasks one creator may have (done ones are pruned past 1,000).
const OPEN_TASKS_PER_CREATOR: usize = 2_000;

#[durable_object]
pub struct AgentCoordinator {
    state: State,
    env: Env,
    store: Store,
    schema: migrations::Schema,
    /// The entry's `sendAll(text)` for this object's sockets, if it gave
    /// one (see `attach`).
    send_all: std::cell::RefCell<Option<worker::js_sys::Function>>,
    /// Sockets' comings and goings, gathered for one broadcast.
    presence: presence::Announcements,
    /// Chat and task lists as last answered (see [`Self::kept`]).
    answers: crate::memo::Answers<KeptRead>,
    /// The team's settings as stored (see `settings.rs`).
    settings: crate::memo::Memo<settings::Stored>,
    /// The team's event log (see `log.rs`).
    log: crate::event_log::Log,
    /// Work for later (see `jobs.rs`), and the alarm.
    jobs: crate::jobs::Jobs<jobs::CoordinatorJob>,
    sweep_due: jobs::SweepDue,
    team: tell::TeamName,
    /// Webhook deliveries under way (see `humans/deliver.rs`).
    outbox: humans::Outbox,
}

/// The reads whose answers are kept until the next write.
#[derive(PartialEq, Eq, Hash)]
enum KeptRead {
    Chat(hub_protocol::ChatQuery),
    Tasks(hub_protocol::TaskQuery),
}

impl DurableObject for AgentCoordinator {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        let schema = migrations::Schema::apply(&sql, schema::MIGRATIONS);
        let send_all = std::cell::RefCell::new(None);
        let (answers, presence, settings, sweep_due, team, outbox) = Default::default();
        let log = crate::event_log::Log::new(sql.clone(), hub_protocol::EventLog::Team, log::LOG_KEPT, log::LOG_DAYS);
        let jobs = crate::jobs::Jobs::new(sql.clone());
        Self {
            store: Store::new(sql),
            state,
            env,
            schema,
            send_all,
            answers,
            presence,
            settings,
            log,
            jobs,
            sweep_due,
            team,
            outbox,
        }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        crate::call::by_fetch(req, |c| self.serve(c)).await
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> worker::Result<()> {
        self.on_socket_message(&ws, message);
        if self.outbox.take_added() {
            self.arm_jobs().await;
        }
        Ok(())
    }

    async fn websocket_close(&self, ws: WebSocket, _code: usize, _reason: String, _clean: bool) -> worker::Result<()> {
        if self.on_socket_gone(&ws) {
            self.arm_jobs().await;
        }
        Ok(())
    }

    async fn websocket_error(&self, ws: WebSocket, _error: worker::Error) -> worker::Result<()> {
        if self.on_socket_gone(&ws) {
            self.arm_jobs().await;
        }
        Ok(())
    }

    async fn alarm(&self) -> worker::Result<Response> {
        self.run_due_jobs(clock::now()).await;
        Response::empty()
    }
}

#[wasm_bindgen(wasm_bindgen_futures = ::worker::wasm_bindgen_futures, js_sys = ::worker::js_sys)]
impl AgentCoordinator {
    /// The API by RPC (see [`crate::call`]).
    pub async fn api(
        &self,
        method: String,
        url: String,
        caller: String,
        team: String,
        body: JsValue,
    ) -> crate::call::RpcAnswer {
        crate::call::by_rpc([method, url, caller, team], body, |c| self.serve(c)).await
    }

    /// worker/entry.js hands over `sendAll(text)`: a loop over this
    /// object's sockets on the JavaScript side, so a broadcast crosses the
    /// Wasm boundary once instead of once per socket; and `later(ms)`, a
    /// timer that calls [`Self::flush`].
    pub fn attach(&self, send_all: worker::js_sys::Function, later: Option<worker::js_sys::Function>) {
        self.send_all.replace(Some(send_all));
        if let Some(later) = later {
            self.presence.set_timer(later);
        }
    }

    /// Sends the presence changes gathered since the last flush.
    pub fn flush(&self) {
        if let Some(update) = self.presence.take() {
            self.broadcast(Event::AgentUpdate(update), clock::now());
        }
    }
}

impl AgentCoordinator {
    async fn serve(&self, req: Call) -> Result<Answer> {
        let Inbound { team, caller, token } = Inbound::read(&req, &self.schema)?;
        let request = CoordinatorRequest::decode(&req)?;
        caller::check(&caller, request.access())?;
        self.remember_team(&team)?;
        if let CoordinatorRequest::Connect { agent, since, roster } = request {
            let (opening, now) = (socket::Opening { since, roster }, clock::now());
            return self.open_socket(agent, opening, &caller, token.as_deref(), now).map(Answer::from);
        }
        let answer = self.handle(&team, request, &caller).await;
        // Deliveries stored by the answer go out by the alarm, set before
        // the answer (due now: it rings at once), so a crash right after
        // the answer still sends them once the object is back.
        if self.outbox.take_added() {
            self.arm_jobs().await;
        }
        Ok(answer?.into_answer().0)
    }

    /// The answer to a read of stored data alone, `read` again only after a
    /// write (see [`crate::memo::Answers`]).
    fn kept(&self, key: KeptRead, read: impl FnOnce() -> Result<Reply>) -> Result<Reply> {
        self.answers.answer(key, self.store.writes(), read)
    }

    /// One arm per action. Only `work`, `onboard` and `join` await (they ask agents'
    /// objects); every other arm is synchronous, so its reads and writes
    /// commit together and no other request interleaves.
    async fn handle(&self, team: &str, request: CoordinatorRequest, caller: &Caller) -> Result<Reply> {
        let now = clock::now();
        match request {
            CoordinatorRequest::Work(q) => Reply::ok(&self.work(team, q, now).await?),
            CoordinatorRequest::Onboard(q) => Reply::ok(&self.onboard(team, q, now).await?),
            CoordinatorRequest::Join(j) => Reply::ok(&self.join(team, j).await?),
            CoordinatorRequest::JoinSecret => Reply::ok(&self.join_secret(team)?),
            CoordinatorRequest::Ping => Reply::ok(&Pong { ok: true }),
            CoordinatorRequest::Connect { .. } => Err(ApiError::bad_request("WebSocket upgrade expected")),
            CoordinatorRequest::ListAgents(q) => Reply::ok(&AgentsResponse { agents: self.agents(&q, now)? }),
            CoordinatorRequest::Register(r) => Reply::ok(&self.register(r, now)?),
            // Without an agent, a chat read is stored data alone (with one,
            // it moves the agent's cursor).
            CoordinatorRequest::ListChat(q) if q.agent_id.is_none() => {
                self.kept(KeptRead::Chat(q.clone()), || Reply::ok(&self.chat(q, now)?))
            }
            CoordinatorRequest::ListChat(q) => Reply::ok(&self.chat(q, now)?),
            CoordinatorRequest::PostChat(p) => {
                Reply::ok(&PostChatResponse { success: true, message: self.post_chat(p, caller, now)? })
            }
            CoordinatorRequest::ListTasks(q) => {
                self.kept(KeptRead::Tasks(q.clone()), || Reply::ok(&self.list_tasks(&q)?))
            }
            CoordinatorRequest::CreateTask(c) => Reply::ok(&self.create_task(c, caller, now)?),
            CoordinatorRequest::UpdateTask(id, u) => Reply::ok(&self.update_task(&id, u, caller, now)?),
            CoordinatorRequest::Task(id) => Reply::ok(&self.task_detail(&id)?),
            CoordinatorRequest::ReadyTasks(q) => Reply::ok(&self.ready_tasks(&q)?),
            CoordinatorRequest::TakeTask(t) => {
                // Chosen and written above with no `.await`; the alarm is
                // set after (a sweep may now be due).
                let taken = Reply::ok(&self.take_task(t, caller, now)?);
                self.arm_jobs().await;
                taken
            }
            CoordinatorRequest::ExportTasks => Ok(self.export_tasks()?),
            CoordinatorRequest::ImportTasks(q, lines) => Reply::ok(&self.import_tasks(&q, &lines, caller, now)?),
            CoordinatorRequest::MintToken(m) => {
                let minted = self.mint_token(team, m.agent_id, m.label.map(hub_protocol::Text::into_string), now)?;
                self.audit(&humans::who(caller), "token.mint", minted.info.agent_id.as_str(), &minted.info.id, now)?;
                Reply::ok(&minted)
            }
            CoordinatorRequest::ListTokens(q) => Reply::ok(&self.store.tokens(&q)?),
            CoordinatorRequest::RevokeAgentTokens(agent) => {
                let revoked = self.revoke_agent_tokens(team, agent, now).await?;
                let ids = revoked.revoked.join(", ");
                self.audit(&humans::who(caller), "token.revoke", revoked.agent_id.as_str(), &ids, now)?;
                Reply::ok(&revoked)
            }
            CoordinatorRequest::RevokeToken(id) => {
                let revoked = self.revoke_token(team, id, now).await?;
                self.audit(&humans::who(caller), "token.revoke", &revoked.revoked, "", now)?;
                Reply::ok(&revoked)
            }
            CoordinatorRequest::CloseSockets(c) => {
                // A named human's token, revoked hub-wide (the registry asks).
                self.close_own_sockets(&c.token_ids);
                Reply::ok(&Ack { success: true })
            }
            CoordinatorRequest::VerifyToken(v) => Reply::ok(&self.verify_token(&v)?),
            CoordinatorRequest::ListEscalations(q) => Reply::ok(&self.list_escalations(q)?),
            CoordinatorRequest::EscalationEvents(events) => {
                self.escalation_events(events, now)?;
                Reply::ok(&Ack { success: true })
            }
            CoordinatorRequest::ListZones(q) => Reply::ok(&self.list_zones(q)?),
            CoordinatorRequest::Zone(a) => Reply::ok(&self.zone_action(a, now)?),
            CoordinatorRequest::ListClaims(q) => Reply::ok(&self.list_claims(q, now)?),
            CoordinatorRequest::Claim(a) => Reply::ok(&self.claim_action(a, now)?),
            CoordinatorRequest::ListHandoffs(q) => Reply::ok(&self.list_handoffs(q)?),
            CoordinatorRequest::Handoff(a) => Reply::ok(&self.handoff_action(a, caller, now)?),
            CoordinatorRequest::SessionResume => Reply::ok(&self.session_resume(now)?),
            CoordinatorRequest::Search(q) => Reply::ok(&self.store.search_chat(&q)?),
            CoordinatorRequest::Activity(q) => Reply::ok(&self.store.chat_activity(q, now)?),
            CoordinatorRequest::ListLocks => Reply::ok(&LocksResponse { locks: self.store.held_locks(now)? }),
            CoordinatorRequest::LockEvents(updates) => Reply::ok(&self.lock_events(updates, now)?),
            CoordinatorRequest::Settings => Reply::ok(&self.settings_answer()?),
            CoordinatorRequest::PatchSettings(p) => {
                let answer = self.patch_settings(&p, caller, now)?;
                self.audit(&humans::who(caller), "settings.patch", "settings", &serde_json::to_string(&p)?, now)?;
                Reply::ok(&answer)
            }
            CoordinatorRequest::Humans(h) => self.humans(team, h, caller, now).await,
        }
    }

    /// Agents with presence applied; offline ones only when asked.
    pub(super) fn agents(&self, q: &AgentsQuery, now: Timestamp) -> Result<Vec<Agent>> {
        self.agents_with(q, now, &self.connected_agents())
    }

    /// As [`Self::agents`], with the agents known to hold a socket given.
    fn agents_with(&self, q: &AgentsQuery, now: Timestamp, connected: &HashSet<String>) -> Result<Vec<Agent>> {
        let policy = config::presence(&self.env);
        Ok(self
            .store
            .agents()?
            .into_iter()
            .map(|mut a| {
                let on = connected.contains(a.agent_id.as_str());
                a.status = hub_domain::effective_status(a.status, a.last_seen, on, now, policy);
                a
            })
            .filter(|a| q.include_offline || a.status != AgentStatus::Offline)
            .collect())
    }

    fn register(&self, r: RegisterAgent, now: Timestamp) -> Result<RegisterResponse> {
        let existing = self.store.agent(&r.agent_id)?.map(|rec| rec.agent);
        let (agent, written) = self.store_if_worth(existing.clone(), register(existing, r, now))?;
        // A repeat within the second tells no one either.
        if written {
            self.broadcast(Event::AgentUpdate(AgentUpdate::Agent(agent.clone())), now);
        }
        Ok(RegisterResponse { success: true, agent })
    }

    /// Marks `id` active, registering it if it is new.
    pub(super) fn mark_active(&self, id: &AgentId, now: Timestamp) -> Result<Agent> {
        let stored = self.store.agent(id)?.map(|rec| rec.agent);
        Ok(self.store_if_worth(stored.clone(), hub_domain::seen_active(id, stored, now))?.0)
    }

    /// Stores `next` over `stored` when that is worth a write
    /// ([`worth_storing`]); else what is stored stands and is the answer.
    /// Whether it wrote.
    fn store_if_worth(&self, stored: Option<Agent>, next: Agent) -> Result<(Agent, bool)> {
        match stored {
            Some(stored) if !worth_storing(&stored, &next) => Ok((stored, false)),
            _ => {
                self.store.save_agent(&next)?;
                Ok((next, true))
            }
        }
    }
}
