//! `AgentState`: one object per agent and team. Checkpoint, DM inbox,
//! memories, work traces with escalation detection, the soul (progression)
//! and the dashboard; plus the agent's own WebSocket.
//!
//! Pushes go to sockets accepted with the hibernation API, found again with
//! `get_websockets()` on every push: the original kept its socket in a field,
//! so pushes were lost once the object had hibernated.

mod heartbeats;
mod history;
mod jobs;
mod mcp_sessions;
mod news;
pub(crate) mod request;
mod retention;
mod rows;
mod schema;
mod search;
mod socket;
mod souls;
mod store;
mod traces;

use hub_domain::{merge_checkpoint, new_id};
use hub_protocol::{
    AgentEscalation, AgentEvent, AgentId, AgentStateView, CheckpointResponse, DirectMessage, InboxQuery, InboxResponse,
    MarkReadResponse, MemoriesResponse, Memory, MemoryQuery, SaveCheckpointResponse, SaveMemoryResponse,
    SendDmResponse, SoulResponse, Timestamp,
};
use worker::{durable_object, DurableObject, Env, Request, Response, State, WebSocket, WebSocketIncomingMessage};

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::api_error::ApiError;
use crate::call::{Answer, Call};
use crate::caller::{self, Inbound};
use crate::reply::Reply;
use crate::{clock, migrations};
use request::AgentCall;
use store::Store;

type Result<T> = std::result::Result<T, ApiError>;

#[durable_object]
pub struct AgentState {
    state: State,
    env: Env,
    store: Store,
    schema: migrations::Schema,
    /// Whether this instance has checked that its meta row names it.
    remembered: std::cell::Cell<bool>,
    /// The state view and the hot-start brief as last answered: stored data
    /// alone, so they hold until the object's next write.
    answers: crate::memo::Answers<KeptRead>,
    /// Reports, receipts and checks not yet done, and the alarm.
    jobs: crate::jobs::Jobs<jobs::AgentJob>,
    /// The agent's event log (see `news.rs`).
    log: crate::event_log::Log,
    /// Receipts were added in this run: send them after the answer.
    tells_added: std::cell::Cell<bool>,
    /// The team's `notDeliveredAfterSecs` in ms, and when it was read.
    not_delivered: std::cell::Cell<Option<(i64, Timestamp)>>,
}

/// What a handled call leaves to do once answered: events for the agent's
/// sockets, escalations for the coordinator's index.
#[derive(Default)]
pub struct Effects {
    push: Vec<AgentEvent>,
    escalations: Vec<AgentEscalation>,
}

type Outcome = Reply<Effects>;

impl Outcome {
    fn pushing(mut self, event: AgentEvent) -> Self {
        self.effects.push.push(event);
        self
    }
}

/// The reads whose answers are kept until the next write.
#[derive(PartialEq, Eq, Hash)]
enum KeptRead {
    State,
    Brief,
}

impl DurableObject for AgentState {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        let schema = migrations::Schema::apply(&sql, schema::MIGRATIONS);
        Self {
            jobs: crate::jobs::Jobs::new(sql.clone()),
            log: crate::event_log::Log::new(sql.clone(), hub_protocol::EventLog::Agent, news::LOG_KEPT, news::LOG_DAYS),
            tells_added: std::cell::Cell::default(),
            not_delivered: std::cell::Cell::default(),
            store: Store::new(sql),
            state,
            env,
            schema,
            remembered: std::cell::Cell::new(false),
            answers: Default::default(),
        }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        crate::call::by_fetch(req, |c| self.serve(c)).await
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> worker::Result<()> {
        self.on_socket_message(&ws, message);
        Ok(())
    }

    async fn websocket_close(&self, ws: WebSocket, _code: usize, _reason: String, _clean: bool) -> worker::Result<()> {
        let _ = ws.close(Some(1000), Some("closed"));
        // Seen until now: a DM from here on waits for it.
        let _ = self.store.set_seen(clock::now());
        Ok(())
    }

    async fn websocket_error(&self, _ws: WebSocket, _error: worker::Error) -> worker::Result<()> {
        Ok(())
    }

    async fn alarm(&self) -> worker::Result<Response> {
        self.jobs.rang();
        self.run_due_jobs(clock::now()).await;
        Response::empty()
    }
}

fn agent_from_path(path: &str) -> Result<AgentId> {
    let raw = path.split('/').filter(|s| !s.is_empty()).nth(1).unwrap_or("");
    let decoded = hub_protocol::percent_decode(raw).unwrap_or_default();
    AgentId::parse(&decoded).map_err(|e| ApiError::bad_field("agentId", e))
}

#[wasm_bindgen(wasm_bindgen_futures = ::worker::wasm_bindgen_futures, js_sys = ::worker::js_sys)]
impl AgentState {
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
}

impl AgentState {
    async fn serve(&self, req: Call) -> Result<Answer> {
        let Inbound { team, caller, token } = Inbound::read(&req, &self.schema)?;
        let agent = agent_from_path(&req.path)?;
        let call = AgentCall::decode(&req)?.called_by(&caller);
        caller::check(&caller, call.access(&agent))?;
        if let AgentCall::Exists = call {
            // Before the owner record below: asking must not make it so.
            let exists = self.store.meta()?.is_some();
            return Ok(Outcome::ok(&hub_protocol::AgentExists { exists })?.into_answer().0);
        }
        let now = clock::now();
        if !self.remembered.get() {
            self.store.remember(&agent, &team)?;
            self.remembered.set(true);
        }
        if let AgentCall::Connect(since) = call {
            return self.open_socket(&agent, since, token.as_deref(), now).map(Answer::from);
        }
        if let AgentCall::SendDm(..) | AgentCall::Sent(_) = call {
            self.read_settings(&team).await;
        }
        let now = clock::now();
        let (response, effects) = self.handle(&agent, call, now)?.into_answer();
        // Still the handler's synchronous run: the report and the log entries
        // commit with it.
        let reported = self.keep_report(effects.escalations, now)?;
        self.push(effects.push, now)?;
        self.jobs.arm(&self.state.storage(), None, now).await;
        if reported {
            self.send_reports(team);
        }
        if self.tells_added.replace(false) {
            self.send_tells();
        }
        Ok(response)
    }

    fn handle(&self, agent: &AgentId, call: AgentCall, now: Timestamp) -> Result<Outcome> {
        match call {
            AgentCall::Connect(_) | AgentCall::Exists => Err(ApiError::bad_request("not an API call")),
            AgentCall::State => self.kept(KeptRead::State, || Outcome::ok(&self.view(agent)?)),
            AgentCall::Activity(q) => Outcome::ok(&self.store.step_activity(q, now)?),
            AgentCall::XpHistory => Outcome::ok(&self.store.xp_history()?),
            AgentCall::Brief => self.kept(KeptRead::Brief, || Outcome::ok(&self.brief()?)),
            AgentCall::GetCheckpoint => Outcome::ok(&CheckpointResponse { checkpoint: self.store.checkpoint()? }),
            AgentCall::SaveCheckpoint(save) => {
                let c = self.save_checkpoint(save, now)?;
                Ok(Outcome::ok(&SaveCheckpointResponse { success: true, checkpoint: c.clone() })?
                    .pushing(AgentEvent::CheckpointSaved(c)))
            }
            AgentCall::Inbox(q) => Outcome::ok(&InboxResponse { messages: self.store.inbox(&q)? }),
            AgentCall::SendDm(dm, sent_by) => self.send_dm(dm, sent_by, now),
            AgentCall::MarkRead(m) => self.mark_read(&m, now),
            AgentCall::News(take) => Outcome::ok(&self.take_news(&take, now)?),
            AgentCall::Tell(told) => self.tell(told, now),
            AgentCall::Sent(q) => self.sent(&q, now),
            AgentCall::Memories(q) => {
                let limit = hub_domain::memories_limit(q.limit);
                Outcome::ok(&MemoriesResponse { memories: self.store.memories(&q, limit)? })
            }
            AgentCall::SaveMemory(m) => self.save_memory(m, now),
            AgentCall::Traces => self.list_traces(),
            AgentCall::StartTrace(s) => self.start_trace(agent, s, now),
            AgentCall::Trace(sid) => Outcome::ok(&hub_protocol::TraceResponse {
                success: None,
                trace: self.full_trace(agent, &sid)?,
                xp_gained: None,
                level_up: None,
            }),
            AgentCall::Step(sid, input) => self.step(agent, &sid, input, now),
            AgentCall::Complete(sid, domain) => self.complete(agent, &sid, domain, now),
            AgentCall::Resolve(sid, r) => self.resolve(agent, &sid, r, now),
            AgentCall::Escalations(sid) => {
                self.trace_row(&sid)?;
                Outcome::ok(&hub_protocol::EscalationsResponse { escalations: self.store.escalations(&sid)? })
            }
            AgentCall::Soul => Outcome::ok(&SoulResponse { soul: self.store.soul()? }),
            AgentCall::CreateSoul(c) => self.create_soul(agent, c, now),
            AgentCall::PatchSoul(patch) => self.patch_soul(agent, patch, now),
            AgentCall::Dashboard => Outcome::ok(&self.dashboard_response(now)?),
            AgentCall::Heartbeat(h) => self.heartbeat(&h, now),
            AgentCall::Search(q) => Outcome::ok(&self.store.search(agent, &q)?),
            AgentCall::HeartbeatStatus => Outcome::ok(&self.heartbeat_status(now)?),
            AgentCall::OpenMcpSession(open) => self.open_mcp_session(&open, now),
            AgentCall::CheckMcpSession(sid) => self.check_mcp_session(&sid),
            AgentCall::ChangeMcpSession(sid, change) => self.change_mcp_session(&sid, &change),
            AgentCall::McpNews(sid) => self.mcp_news(&sid, now),
            AgentCall::CloseMcpSession(sid) => self.close_mcp_session(&sid),
            AgentCall::CloseSockets(c) => self.close_sockets(&c),
        }
    }

    /// Checkpoint and unread count, for the coordinator's hot start.
    fn brief(&self) -> Result<hub_protocol::AgentBrief> {
        Ok(hub_protocol::AgentBrief { checkpoint: self.store.checkpoint()?, unread_count: self.store.unread_count()? })
    }

    fn send_dm(&self, dm: hub_protocol::SendDm, sent_by: Option<AgentId>, now: Timestamp) -> Result<Outcome> {
        let message = DirectMessage {
            id: new_id("msg", now, clock::entropy()),
            from: dm.from.to_string(),
            kind: dm.kind,
            message: dm.message.into_string(),
            timestamp: now,
            read: false,
            sent_by: sent_by.map(|h| h.to_string()),
            reply_to: dm.reply_to.map(hub_protocol::Text::into_string),
            ack_required: dm.ack_required,
            delivered_at: None,
            read_at: None,
            acked_at: None,
        };
        self.store.save_dm(&message)?;
        self.store.prune_dms(crate::config::retention(&self.env).dms)?;
        if self.state.get_websockets().is_empty() {
            self.check_delivered_later(&message.id, now)?;
        }
        self.receipts(std::slice::from_ref(&message), &[hub_protocol::ReceiptState::Sent], now)?;
        Ok(Outcome::ok(&SendDmResponse { success: true, message: message.clone() })?.pushing(AgentEvent::Chat(message)))
    }

    /// Marks DMs read (and acknowledged); their senders that asked are told.
    fn mark_read(&self, m: &hub_protocol::MarkRead, now: Timestamp) -> Result<Outcome> {
        hub_domain::mark_read(m.message_ids.len())?;
        let changed = self.store.mark_read(&m.message_ids, m.ack, now)?;
        let marked = changed.iter().filter(|d| !d.read).count();
        for dm in &changed {
            let mut states = Vec::new();
            if !dm.read {
                states.push(hub_protocol::ReceiptState::Read);
            }
            if m.ack && dm.acked_at.is_none() {
                states.push(hub_protocol::ReceiptState::Acknowledged);
            }
            self.receipts(std::slice::from_ref(dm), &states, now)?;
        }
        Outcome::ok(&MarkReadResponse { success: true, marked })
    }

    /// The team's `notDeliveredAfterSecs` in ms (the deployment's until read).
    fn not_delivered_ms(&self) -> i64 {
        self.not_delivered.get().map_or_else(
            || i64::from(crate::config::team_settings(&self.env).not_delivered_after_secs) * 1000,
            |(ms, _)| ms,
        )
    }

    /// Reads the team's settings from its coordinator, at most once a minute.
    async fn read_settings(&self, team: &str) {
        let now = clock::now();
        if self.not_delivered.get().is_some_and(|(_, at)| now.since(at) < 60_000) {
            return;
        }
        let path = hub_protocol::ApiPath::Coordinator(hub_protocol::CoordinatorPath::Settings).to_string();
        if let Ok(Some(s)) =
            crate::objects::get_from_coordinator::<hub_protocol::SettingsResponse>(&self.env, team, &path).await
        {
            self.not_delivered.set(Some((i64::from(s.settings.not_delivered_after_secs) * 1000, now)));
        }
    }

    fn save_memory(&self, m: hub_protocol::SaveMemory, now: Timestamp) -> Result<Outcome> {
        hub_domain::memory_tags(m.tags.len())?;
        let memory = Memory {
            id: new_id("mem", now, clock::entropy()),
            category: m.category,
            content: m.content.into_string(),
            tags: m.tags.into_iter().map(hub_protocol::Text::into_string).collect(),
            created_at: now,
        };
        self.store.save_memory(&memory)?;
        self.store.prune_memories(crate::config::retention(&self.env).memories)?;
        Outcome::ok(&SaveMemoryResponse { success: true, memory })
    }

    /// From the coordinator: these tokens were revoked.
    fn close_sockets(&self, c: &hub_protocol::CloseSockets) -> Result<Outcome> {
        for id in &c.token_ids {
            for ws in self.state.get_websockets_with_tag(&format!("token:{id}")) {
                let _ = ws.close(Some(1008), Some("token revoked"));
            }
        }
        Outcome::ok(&hub_protocol::Ack { success: true })
    }

    /// The answer to a read of stored data alone, `read` again only after a
    /// write (see [`crate::memo::Answers`]).
    fn kept(&self, key: KeptRead, read: impl FnOnce() -> Result<Outcome>) -> Result<Outcome> {
        self.answers.answer(key, self.store.writes(), read)
    }

    fn view(&self, agent: &AgentId) -> Result<AgentStateView> {
        // Bounded: the newest 100 unread, and how many there are.
        let unread = self.store.inbox(&InboxQuery { unread: true, limit: Some(100), before: None })?;
        Ok(AgentStateView {
            agent_id: agent.clone(),
            checkpoint: self.store.checkpoint()?,
            unread_count: self.store.unread_count()?,
            unread_messages: unread,
            recent_memories: self.store.memories(&MemoryQuery::default(), 10)?,
        })
    }

    fn save_checkpoint(&self, save: hub_protocol::SaveCheckpoint, now: Timestamp) -> Result<hub_protocol::Checkpoint> {
        let agent = self
            .store
            .meta()?
            .and_then(|m| AgentId::parse(&m.agent_id).ok())
            .ok_or_else(|| ApiError::internal("agent id unknown"))?;
        let c = merge_checkpoint(self.store.checkpoint()?, save, agent, now);
        self.store.save_checkpoint(&c)?;
        Ok(c)
    }
}
