//! [`HubClient`]: one method per endpoint, on the shared wire types.

use std::time::Duration;

use hub_protocol::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

use crate::HubError;

/// A connection to one hub and team, optionally acting as one agent.
#[derive(Clone)]
pub struct HubClient {
    base: String,
    team: Option<String>,
    token: Option<String>,
    agent: Option<AgentId>,
    http: reqwest::Client,
}

type Result<T> = std::result::Result<T, HubError>;

impl HubClient {
    /// A client for the hub at `base` (e.g. `http://127.0.0.1:8787`), with a
    /// 30 s timeout per request.
    ///
    /// # Errors
    /// When the HTTP client cannot be built.
    pub fn new(base: &str) -> Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| HubError::Invalid(e.to_string()))?;
        Ok(Self { base: base.trim_end_matches('/').to_owned(), team: None, token: None, agent: None, http })
    }

    /// Acts as `agent` for the calls that need an agent id.
    ///
    /// # Errors
    /// When `agent` is not a valid agent id.
    pub fn as_agent(mut self, agent: &str) -> Result<Self> {
        self.agent = Some(AgentId::parse(agent).map_err(|e| HubError::Invalid(format!("agent id {e}")))?);
        Ok(self)
    }

    /// Talks to `team`'s coordinator instead of `main`.
    pub fn with_team(mut self, team: impl Into<String>) -> Self {
        self.team = Some(team.into());
        self
    }

    /// Sends `Authorization: Bearer <token>` with every request.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn team(&self) -> Option<&str> {
        self.team.as_deref()
    }

    /// The agent this client acts as.
    ///
    /// # Errors
    /// When no agent was set with [`HubClient::as_agent`].
    pub fn agent(&self) -> Result<&AgentId> {
        self.agent.as_ref().ok_or_else(|| HubError::Invalid("no agent id: set one with as_agent (or HUB_AGENT_ID)".into()))
    }

    /// Any call: `method path` with an optional JSON body, decoded as `T`.
    ///
    /// # Errors
    /// [`HubError::Api`] with the hub's message for an error status,
    /// [`HubError::Unreachable`] or [`HubError::Decode`] otherwise.
    pub async fn request<T: DeserializeOwned, B: Serialize>(&self, method: reqwest::Method, path: &str, body: Option<&B>) -> Result<T> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(team) = &self.team {
            req = req.header("x-hub-team", team);
        }
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        let status = res.status().as_u16();
        let text = res.text().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        if status >= 300 {
            let message = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v["error"].as_str().map(str::to_owned))
                .unwrap_or(text);
            return Err(HubError::Api { status, message });
        }
        serde_json::from_str(&text).map_err(|e| HubError::Decode(format!("{e}: {text}")))
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.request::<T, Value>(reqwest::Method::GET, path, None).await
    }

    async fn post<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.request(reqwest::Method::POST, path, Some(body)).await
    }

    async fn patch<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.request(reqwest::Method::PATCH, path, Some(body)).await
    }

    fn me(&self) -> Result<String> {
        Ok(self.agent()?.to_string())
    }

    // Coordinator ------------------------------------------------------------

    /// `GET /health`.
    pub async fn health(&self) -> Result<Health> {
        self.get("/health").await
    }

    /// Registers (or updates) this agent; absent fields keep their values.
    ///
    /// ```no_run
    /// # async fn d(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.register(Some("parser"), &["rust"]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn register(&self, working_on: Option<&str>, capabilities: &[&str]) -> Result<RegisterResponse> {
        let mut body = json!({ "agentId": self.me()? });
        if let Some(w) = working_on {
            body["workingOn"] = w.into();
        }
        if !capabilities.is_empty() {
            body["capabilities"] = capabilities.into();
        }
        self.post("/coordinator/agents", &body).await
    }

    /// Present agents (`include_offline` for all).
    pub async fn agents(&self, include_offline: bool) -> Result<Vec<Agent>> {
        let r: AgentsResponse = self.get(&format!("/coordinator/agents?includeOffline={include_offline}")).await?;
        Ok(r.agents)
    }

    /// Posts to the group chat as this agent.
    pub async fn chat(&self, message: &str) -> Result<ChatMessage> {
        let r: PostChatResponse = self.post("/coordinator/chat", &json!({ "author": self.me()?, "message": message })).await?;
        Ok(r.message)
    }

    /// Reads the chat as this agent: the newest `limit` messages and the
    /// pending @mentions (which moves the mention cursor).
    pub async fn read_chat(&self, limit: u32) -> Result<ChatResponse> {
        self.get(&format!("/coordinator/chat?limit={limit}&agentId={}", self.me()?)).await
    }

    /// Only the pending @mentions of this agent (moves the cursor).
    pub async fn mentions(&self) -> Result<Vec<ChatMessage>> {
        let r: ChatResponse = self.get(&format!("/coordinator/chat?inbox=true&agentId={}", self.me()?)).await?;
        Ok(r.messages)
    }

    /// Tasks, optionally filtered (`status` as on the wire, e.g. `in-progress`).
    pub async fn tasks(&self, status: Option<&str>, assignee: Option<&str>) -> Result<Vec<Task>> {
        let mut q = Vec::new();
        if let Some(s) = status {
            q.push(format!("status={s}"));
        }
        if let Some(a) = assignee {
            q.push(format!("assignee={a}"));
        }
        let r: TasksResponse = self.get(&format!("/coordinator/tasks?{}", q.join("&"))).await?;
        Ok(r.tasks)
    }

    pub async fn create_task(&self, task: &CreateTask) -> Result<Task> {
        let r: TaskResponse = self.post("/coordinator/tasks", task).await?;
        Ok(r.task)
    }

    pub async fn update_task(&self, id: &str, update: &UpdateTask) -> Result<Task> {
        let r: TaskResponse = self.patch(&format!("/coordinator/tasks/{id}"), update).await?;
        Ok(r.task)
    }

    /// The hot-start bundle for this agent (team, tasks, chat, mentions,
    /// checkpoint, unread DMs).
    pub async fn work(&self) -> Result<WorkBundle> {
        self.get(&format!("/coordinator/work?agentId={}", self.me()?)).await
    }

    /// Onboarding for this agent (creates its soul if new).
    pub async fn onboard(&self) -> Result<Onboarding> {
        let r: OnboardResponse = self.get(&format!("/coordinator/onboard?agentId={}", self.me()?)).await?;
        Ok(r.onboarding)
    }

    pub async fn session_resume(&self) -> Result<SessionResume> {
        let r: SessionResumeResponse = self.get("/coordinator/session-resume").await?;
        Ok(r.session_resume)
    }

    pub async fn locks(&self) -> Result<Vec<LockInfo>> {
        let r: LocksResponse = self.get("/coordinator/locks").await?;
        Ok(r.locks)
    }

    pub async fn escalations(&self) -> Result<Vec<AgentEscalation>> {
        let r: EscalationsIndex = self.get("/coordinator/escalations").await?;
        Ok(r.escalations)
    }

    pub async fn zones(&self) -> Result<ZonesResponse> {
        self.get("/coordinator/zones").await
    }

    pub async fn zone(&self, action: &ZoneAction) -> Result<ZoneResult> {
        self.post("/coordinator/zones", action).await
    }

    pub async fn claims(&self) -> Result<ClaimsResponse> {
        self.get("/coordinator/claims").await
    }

    pub async fn claim(&self, action: &ClaimAction) -> Result<ClaimResult> {
        self.post("/coordinator/claims", action).await
    }

    pub async fn handoffs(&self, status: Option<HandoffStatus>) -> Result<Vec<Handoff>> {
        let q = status.map(|s| format!("?status={}", s.as_str())).unwrap_or_default();
        let r: HandoffsResponse = self.get(&format!("/coordinator/handoffs{q}")).await?;
        Ok(r.handoffs.unwrap_or_default())
    }

    pub async fn handoff(&self, action: &HandoffAction) -> Result<Handoff> {
        let r: HandoffResult = self.post("/coordinator/handoffs", action).await?;
        Ok(r.handoff)
    }

    // Locks ------------------------------------------------------------------

    fn lock_path(path: &str, action: &str) -> Result<String> {
        let p = ResourcePath::parse(path).map_err(|e| HubError::Invalid(format!("path {e}")))?;
        Ok(format!("/lock/{}/{action}", p.to_segment()))
    }

    /// Locks `path` for this agent. A lock held by another agent is
    /// `Err(HubError::Api { status: 409, .. })`; with `wait`, a queued
    /// request answers `Ok` with `queued: Some(true)`.
    ///
    /// ```no_run
    /// # async fn d(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let grant = hub.lock("src/main.rs", Some(600_000), false, Some("refactor")).await?;
    /// println!("fencing token {}", grant.lock.unwrap().fencing_token);
    /// # Ok(()) }
    /// ```
    pub async fn lock(&self, path: &str, ttl_ms: Option<i64>, wait: bool, reason: Option<&str>) -> Result<LockGrant> {
        let mut body = json!({ "agentId": self.me()?, "wait": wait });
        if let Some(t) = ttl_ms {
            body["ttlMs"] = t.into();
        }
        if let Some(r) = reason {
            body["reason"] = r.into();
        }
        self.post(&Self::lock_path(path, "lock")?, &body).await
    }

    pub async fn unlock(&self, path: &str, force: bool) -> Result<UnlockResponse> {
        self.post(&Self::lock_path(path, "unlock")?, &json!({ "agentId": self.me()?, "force": force })).await
    }

    pub async fn renew(&self, path: &str, ttl_ms: Option<i64>) -> Result<LockGrant> {
        self.post(&Self::lock_path(path, "renew")?, &json!({ "agentId": self.me()?, "ttlMs": ttl_ms })).await
    }

    pub async fn check(&self, path: &str) -> Result<LockStatus> {
        self.get(&Self::lock_path(path, "check")?).await
    }

    pub async fn lock_history(&self, path: &str) -> Result<LockHistory> {
        self.get(&Self::lock_path(path, "history")?).await
    }

    // This agent's own state ----------------------------------------------------

    fn mine(&self, rest: &str) -> Result<String> {
        Ok(format!("/agent/{}{rest}", self.me()?))
    }

    pub async fn state(&self) -> Result<AgentStateView> {
        self.get(&self.mine("/state")?).await
    }

    pub async fn checkpoint(&self) -> Result<Option<Checkpoint>> {
        let r: CheckpointResponse = self.get(&self.mine("/checkpoint")?).await?;
        Ok(r.checkpoint)
    }

    /// Saves a checkpoint; absent fields keep their stored values.
    pub async fn save_checkpoint(&self, save: &SaveCheckpoint) -> Result<Checkpoint> {
        let r: Value = self.post(&self.mine("/checkpoint")?, save).await?;
        serde_json::from_value(r["checkpoint"].clone()).map_err(|e| HubError::Decode(e.to_string()))
    }

    /// Sends `to` a direct message from this agent.
    pub async fn dm(&self, to: &str, message: &str) -> Result<DirectMessage> {
        let to = AgentId::parse(to).map_err(|e| HubError::Invalid(format!("agent id {e}")))?;
        let r: SendDmResponse = self.post(&format!("/agent/{to}/messages"), &json!({ "from": self.me()?, "message": message })).await?;
        Ok(r.message)
    }

    pub async fn inbox(&self, unread_only: bool) -> Result<Vec<DirectMessage>> {
        let r: InboxResponse = self.get(&self.mine(&format!("/messages?unread={unread_only}"))?).await?;
        Ok(r.messages)
    }

    pub async fn mark_read(&self, ids: &[String]) -> Result<MarkReadResponse> {
        self.patch(&self.mine("/messages")?, &json!({ "messageIds": ids })).await
    }

    pub async fn remember(&self, memory: &SaveMemory) -> Result<Memory> {
        let r: SaveMemoryResponse = self.post(&self.mine("/memory")?, memory).await?;
        Ok(r.memory)
    }

    pub async fn memories(&self, query: Option<&str>) -> Result<Vec<Memory>> {
        let q = query.map(|q| format!("?query={}", percent_encode(q))).unwrap_or_default();
        let r: MemoriesResponse = self.get(&self.mine(&format!("/memory{q}"))?).await?;
        Ok(r.memories)
    }

    /// Starts a work trace; returns it (its `session_id` names it).
    pub async fn start_trace(&self, task: &str) -> Result<Trace> {
        let r: TraceResponse = self.post(&self.mine("/trace")?, &json!({ "task": task })).await?;
        Ok(r.trace)
    }

    pub async fn traces(&self) -> Result<Vec<TraceListing>> {
        let r: TracesResponse = self.get(&self.mine("/trace")?).await?;
        Ok(r.traces)
    }

    pub async fn trace(&self, session: &str) -> Result<Trace> {
        let r: TraceResponse = self.get(&self.mine(&format!("/trace/{session}"))?).await?;
        Ok(r.trace)
    }

    /// Logs a step; the answer carries an escalation notice when stuck.
    pub async fn step(&self, session: &str, step: &StepInput) -> Result<StepResponse> {
        self.post(&self.mine(&format!("/trace/{session}/step"))?, step).await
    }

    /// Completes a trace (credits the soul once); `domain` is a specialization.
    pub async fn complete(&self, session: &str, domain: Option<&str>) -> Result<TraceResponse> {
        self.post(&self.mine(&format!("/trace/{session}/complete"))?, &json!({ "domain": domain })).await
    }

    pub async fn resolve(&self, session: &str, resolve: &ResolveEscalation) -> Result<ResolveResponse> {
        self.post(&self.mine(&format!("/trace/{session}/resolve-escalation"))?, resolve).await
    }

    pub async fn soul(&self) -> Result<Option<Soul>> {
        let r: SoulResponse = self.get(&self.mine("/soul")?).await?;
        Ok(r.soul)
    }

    pub async fn dashboard(&self) -> Result<Dashboard> {
        let r: DashboardResponse = self.get(&self.mine("/dashboard")?).await?;
        Ok(r.dashboard)
    }

    /// The WebSocket URL for `path` (`/coordinator?agentId=..`, `/agent/x`).
    pub fn ws_url(&self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        let team = self.team.as_ref().map(|t| format!("{sep}team={t}")).unwrap_or_default();
        format!("{}{path}{team}", self.base.replacen("http", "ws", 1))
    }
}
