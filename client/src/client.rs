//! [`HubClient`]: one method per endpoint, on the shared wire types.

use std::time::Duration;

use hub_protocol::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

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
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), hub_client::HubError> {
    /// let hub = hub_client::HubClient::new("http://127.0.0.1:8787")?;
    /// # Ok(()) }
    /// ```
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
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), hub_client::HubError> {
    /// let hub = hub_client::HubClient::new("http://127.0.0.1:8787")?.as_agent("claude-1")?;
    /// # Ok(()) }
    /// ```
    pub fn as_agent(mut self, agent: &str) -> Result<Self> {
        self.agent = Some(AgentId::parse(agent).map_err(|e| HubError::Invalid(format!("agent id {e}")))?);
        Ok(self)
    }

    /// Talks to `team`'s coordinator instead of `main`.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), hub_client::HubError> {
    /// let hub = hub_client::HubClient::new("http://127.0.0.1:8787")?.with_team("payments");
    /// # Ok(()) }
    /// ```
    pub fn with_team(mut self, team: impl Into<String>) -> Self {
        self.team = Some(team.into());
        self
    }

    /// Sends `Authorization: Bearer <token>` with every request.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), hub_client::HubError> {
    /// let hub = hub_client::HubClient::new("http://127.0.0.1:8787")?.with_token("secret");
    /// # Ok(()) }
    /// ```
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The hub address this client talks to.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// assert!(hub.base().starts_with("http"));
    /// # Ok(()) }
    /// ```
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The team set with `with_team`, if any (the hub then uses `main`).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("{:?}", hub.team());
    /// # Ok(()) }
    /// ```
    pub fn team(&self) -> Option<&str> {
        self.team.as_deref()
    }

    /// The agent this client acts as.
    ///
    /// # Errors
    /// When no agent was set with [`HubClient::as_agent`].
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("acting as {}", hub.agent()?);
    /// # Ok(()) }
    /// ```
    pub fn agent(&self) -> Result<&AgentId> {
        self.agent
            .as_ref()
            .ok_or_else(|| HubError::Invalid("no agent id: set one with as_agent (or HUB_AGENT_ID)".into()))
    }

    /// Any call: `method path` with an optional JSON body, decoded as `T`.
    ///
    /// # Errors
    /// [`HubError::Api`] with the hub's message for an error status,
    /// [`HubError::Unreachable`] or [`HubError::Decode`] otherwise.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let health: serde_json::Value = hub.request(reqwest::Method::GET, "/health", None::<&()>).await?;
    /// # Ok(()) }
    /// ```
    pub async fn request<T: DeserializeOwned, B: Serialize>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(team) = &self.team {
            req = req.header(hub_protocol::TeamId::HEADER, team);
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

    /// One MCP message to the hub's `/mcp` (streamable HTTP), in the given
    /// session: the status, the session the hub named (after `initialize`)
    /// and the body. `hub mcp` relays stdio through this.
    ///
    /// # Errors
    /// [`HubError::Unreachable`] when the hub cannot be reached.
    pub async fn mcp(&self, session: Option<&str>, message: String) -> Result<(u16, Option<String>, String)> {
        let mut req = self
            .http
            .post(format!("{}/mcp", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json, text/event-stream")
            .body(message);
        if let Some(team) = &self.team {
            req = req.header(hub_protocol::TeamId::HEADER, team);
        }
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(sid) = session {
            req = req.header(hub_protocol::MCP_SESSION_HEADER, sid);
        }
        let res = req.send().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        let status = res.status().as_u16();
        let named =
            res.headers().get(hub_protocol::MCP_SESSION_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let text = res.text().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        Ok((status, named, text))
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

    fn me(&self) -> Result<AgentId> {
        Ok(self.agent()?.clone())
    }

    // Coordinator ------------------------------------------------------------

    /// `GET /health`.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// assert_eq!(hub.health().await?.status, "ok");
    /// # Ok(()) }
    /// ```
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
        let capabilities = capabilities.iter().map(|c| text(*c, "capability")).collect::<Result<Vec<_>>>()?;
        let body = RegisterAgent {
            agent_id: self.me()?,
            status: None,
            current_task: None,
            working_on: working_on.map(|w| text(w, "workingOn")).transpose()?,
            capabilities: (!capabilities.is_empty()).then_some(capabilities),
            offers: None,
            needs: None,
        };
        self.post("/coordinator/agents", &body).await
    }

    /// Present agents (`include_offline` for all).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// for a in hub.agents(false).await? { println!("{} {}", a.agent_id, a.status.as_str()); }
    /// # Ok(()) }
    /// ```
    pub async fn agents(&self, include_offline: bool) -> Result<Vec<Agent>> {
        let r: AgentsResponse = self.get(&format!("/coordinator/agents?includeOffline={include_offline}")).await?;
        Ok(r.agents)
    }

    /// Posts to the group chat as this agent.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.chat("@all parser done").await?;
    /// # Ok(()) }
    /// ```
    pub async fn chat(&self, message: &str) -> Result<ChatMessage> {
        let body = PostChat { author: self.me()?, message: text(message, "message")?, author_type: AuthorType::Agent };
        let r: PostChatResponse = self.post("/coordinator/chat", &body).await?;
        Ok(r.message)
    }

    /// Reads the chat as this agent: the newest `limit` messages and the
    /// pending @mentions (which moves the mention cursor).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let chat = hub.read_chat(50).await?;
    /// println!("{} mention me", chat.pending_count.unwrap_or(0));
    /// # Ok(()) }
    /// ```
    pub async fn read_chat(&self, limit: u32) -> Result<ChatResponse> {
        self.get(&format!("/coordinator/chat?limit={limit}&agentId={}", self.me()?)).await
    }

    /// Only the pending @mentions of this agent (moves the cursor).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// for m in hub.mentions().await? { println!("{}: {}", m.author, m.message); }
    /// # Ok(()) }
    /// ```
    pub async fn mentions(&self) -> Result<Vec<ChatMessage>> {
        let r: ChatResponse = self.get(&format!("/coordinator/chat?inbox=true&agentId={}", self.me()?)).await?;
        Ok(r.messages)
    }

    /// Tasks, optionally filtered (`status` as on the wire, e.g. `in-progress`).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let mine = hub.tasks(Some("in-progress"), Some("claude-1")).await?;
    /// # Ok(()) }
    /// ```
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

    /// Creates a task (defaults: "Untitled Task", todo, medium).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let task = serde_json::from_value(serde_json::json!({"title": "write docs"})).unwrap();
    /// hub.create_task(&task).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_task(&self, task: &CreateTask) -> Result<Task> {
        let r: TaskResponse = self.post("/coordinator/tasks", task).await?;
        Ok(r.task)
    }

    /// Updates a task's status, assignee (`null` unassigns), priority, title or description.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let done = serde_json::from_value(serde_json::json!({"status": "done"})).unwrap();
    /// hub.update_task("task-1-abc", &done).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_task(&self, id: &str, update: &UpdateTask) -> Result<Task> {
        let r: TaskResponse = self.patch(&format!("/coordinator/tasks/{id}"), update).await?;
        Ok(r.task)
    }

    /// The hot-start bundle for this agent (team, tasks, chat, mentions,
    /// checkpoint, unread DMs).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let work = hub.work().await?;
    /// println!("{} todo, {} unread DMs", work.summary.todo_tasks, work.unread_dms.unwrap_or(0));
    /// # Ok(()) }
    /// ```
    pub async fn work(&self) -> Result<WorkBundle> {
        self.get(&format!("/coordinator/work?agentId={}", self.me()?)).await
    }

    /// Onboarding for this agent (creates its soul if new).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("{}", hub.onboard().await?.welcome_message);
    /// # Ok(()) }
    /// ```
    pub async fn onboard(&self) -> Result<Onboarding> {
        let r: OnboardResponse = self.get(&format!("/coordinator/onboard?agentId={}", self.me()?)).await?;
        Ok(r.onboarding)
    }

    /// The session-resume bundle: what happened, what waits, the summary.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("{}", hub.session_resume().await?.summary_text);
    /// # Ok(()) }
    /// ```
    pub async fn session_resume(&self) -> Result<SessionResume> {
        let r: SessionResumeResponse = self.get("/coordinator/session-resume").await?;
        Ok(r.session_resume)
    }

    /// Every lock held in the team.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// for l in hub.locks().await? { println!("{} held by {}", l.resource_path, l.locked_by); }
    /// # Ok(()) }
    /// ```
    pub async fn locks(&self) -> Result<Vec<LockInfo>> {
        let r: LocksResponse = self.get("/coordinator/locks").await?;
        Ok(r.locks)
    }

    /// Open escalations of the team's agents, level 3 (needs a human) first.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let open = hub.escalations().await?;
    /// # Ok(()) }
    /// ```
    pub async fn escalations(&self) -> Result<Vec<AgentEscalation>> {
        let r: EscalationsIndex = self.get("/coordinator/escalations").await?;
        Ok(r.escalations)
    }

    /// Every claimed zone.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let zones = hub.zones().await?;
    /// # Ok(()) }
    /// ```
    pub async fn zones(&self) -> Result<ZonesResponse> {
        self.get("/coordinator/zones").await
    }

    /// Claims or releases a zone (409 when another agent owns an overlapping one).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let claim = serde_json::from_value(serde_json::json!({"action": "claim", "zoneId": "parser", "path": "src/parser", "owner": "claude-1"})).unwrap();
    /// hub.zone(&claim).await?;
    /// # Ok(()) }
    /// ```
    pub async fn zone(&self, action: &ZoneAction) -> Result<ZoneResult> {
        self.post("/coordinator/zones", action).await
    }

    /// Live "working on" claims.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let claims = hub.claims().await?;
    /// # Ok(()) }
    /// ```
    pub async fn claims(&self) -> Result<ClaimsResponse> {
        self.get("/coordinator/claims").await
    }

    /// Claims or releases a "working on X" marker (409 on a live claim of another agent).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let claim = serde_json::from_value(serde_json::json!({"action": "claim", "what": "auth refactor", "by": "claude-1"})).unwrap();
    /// hub.claim(&claim).await?;
    /// # Ok(()) }
    /// ```
    pub async fn claim(&self, action: &ClaimAction) -> Result<ClaimResult> {
        self.post("/coordinator/claims", action).await
    }

    /// Handoffs, optionally by status.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let pending = hub.handoffs(Some(hub_protocol::HandoffStatus::Pending)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn handoffs(&self, status: Option<HandoffStatus>) -> Result<Vec<Handoff>> {
        let q = status.map(|s| format!("?status={}", s.as_str())).unwrap_or_default();
        let r: HandoffsResponse = self.get(&format!("/coordinator/handoffs{q}")).await?;
        Ok(r.handoffs.unwrap_or_default())
    }

    /// Creates, claims or completes a handoff.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let create = serde_json::from_value(serde_json::json!({"action": "create", "fromAgent": "claude-1", "title": "finish docs", "context": "half done"})).unwrap();
    /// hub.handoff(&create).await?;
    /// # Ok(()) }
    /// ```
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
        let body = LockRequest {
            agent_id: self.me()?,
            reason: reason.map(|r| text(r, "reason")).transpose()?,
            resource_type: None,
            ttl_ms,
            wait,
        };
        self.post(&Self::lock_path(path, "lock")?, &body).await
    }

    /// Releases a lock (`force` releases another agent's, recorded as stolen).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.unlock("src/main.rs", false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn unlock(&self, path: &str, force: bool) -> Result<UnlockResponse> {
        self.post(&Self::lock_path(path, "unlock")?, &UnlockRequest { agent_id: self.me()?, force }).await
    }

    /// The holder's heartbeat: pushes the expiry out.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.renew("src/main.rs", Some(600_000)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn renew(&self, path: &str, ttl_ms: Option<i64>) -> Result<LockGrant> {
        self.post(&Self::lock_path(path, "renew")?, &RenewRequest { agent_id: self.me()?, ttl_ms }).await
    }

    /// Whether a path is locked, by whom, and who waits.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// if hub.check("src/main.rs").await?.locked { println!("busy"); }
    /// # Ok(()) }
    /// ```
    pub async fn check(&self, path: &str) -> Result<LockStatus> {
        self.get(&Self::lock_path(path, "check")?).await
    }

    /// The last 50 grants of a path.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let h = hub.lock_history("src/main.rs").await?;
    /// # Ok(()) }
    /// ```
    pub async fn lock_history(&self, path: &str) -> Result<LockHistory> {
        self.get(&Self::lock_path(path, "history")?).await
    }

    // This agent's own state ----------------------------------------------------

    fn mine(&self, rest: &str) -> Result<String> {
        Ok(format!("/agent/{}{rest}", self.me()?))
    }

    /// This agent's checkpoint, unread DMs and recent memories.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("{} unread", hub.state().await?.unread_count);
    /// # Ok(()) }
    /// ```
    pub async fn state(&self) -> Result<AgentStateView> {
        self.get(&self.mine("/state")?).await
    }

    /// This agent's saved checkpoint.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// if let Some(c) = hub.checkpoint().await? { println!("{:?}", c.pending_work); }
    /// # Ok(()) }
    /// ```
    pub async fn checkpoint(&self) -> Result<Option<Checkpoint>> {
        let r: CheckpointResponse = self.get(&self.mine("/checkpoint")?).await?;
        Ok(r.checkpoint)
    }

    /// Saves a checkpoint; absent fields keep their stored values.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let save = serde_json::from_value(serde_json::json!({"conversationSummary": "lexer done", "pendingWork": ["parser"]})).unwrap();
    /// hub.save_checkpoint(&save).await?;
    /// # Ok(()) }
    /// ```
    pub async fn save_checkpoint(&self, save: &SaveCheckpoint) -> Result<Checkpoint> {
        let r: Value = self.post(&self.mine("/checkpoint")?, save).await?;
        serde_json::from_value(r["checkpoint"].clone()).map_err(|e| HubError::Decode(e.to_string()))
    }

    /// Sends `to` a direct message from this agent.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.dm("codex-2", "can you review src/p.rs?").await?;
    /// # Ok(()) }
    /// ```
    pub async fn dm(&self, to: &str, message: &str) -> Result<DirectMessage> {
        let to = AgentId::parse(to).map_err(|e| HubError::Invalid(format!("agent id {e}")))?;
        let body = SendDm { from: self.me()?, kind: DmType::default(), message: text(message, "message")? };
        let r: SendDmResponse = self.post(&format!("/agent/{to}/messages"), &body).await?;
        Ok(r.message)
    }

    /// Direct messages: all unread, or the last 100.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// for m in hub.inbox(true).await? { println!("{}: {}", m.from, m.message); }
    /// # Ok(()) }
    /// ```
    pub async fn inbox(&self, unread_only: bool) -> Result<Vec<DirectMessage>> {
        let r: InboxResponse = self.get(&self.mine(&format!("/messages?unread={unread_only}"))?).await?;
        Ok(r.messages)
    }

    /// Marks direct messages read.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// hub.mark_read(&["msg-1-abc".to_owned()]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn mark_read(&self, ids: &[String]) -> Result<MarkReadResponse> {
        self.patch(&self.mine("/messages")?, &MarkRead { message_ids: ids.to_vec() }).await
    }

    /// Stores a memory.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let m = serde_json::from_value(serde_json::json!({"category": "decision", "content": "SQLite in DOs"})).unwrap();
    /// hub.remember(&m).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remember(&self, memory: &SaveMemory) -> Result<Memory> {
        let r: SaveMemoryResponse = self.post(&self.mine("/memory")?, memory).await?;
        Ok(r.memory)
    }

    /// Memories, newest first, optionally matching text in content or tags.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let found = hub.memories(Some("sqlite")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn memories(&self, query: Option<&str>) -> Result<Vec<Memory>> {
        let q = query.map(|q| format!("?query={}", percent_encode(q))).unwrap_or_default();
        let r: MemoriesResponse = self.get(&self.mine(&format!("/memory{q}"))?).await?;
        Ok(r.memories)
    }

    /// Starts a work trace; returns it (its `session_id` names it).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let sid = hub.start_trace("fix the flaky test").await?.session_id;
    /// # Ok(()) }
    /// ```
    pub async fn start_trace(&self, task: &str) -> Result<Trace> {
        let body = StartTrace { task: Some(text(task, "task")?), task_description: None, session_id: None };
        let r: TraceResponse = self.post(&self.mine("/trace")?, &body).await?;
        Ok(r.trace)
    }

    /// The last 20 traces.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let recent = hub.traces().await?;
    /// # Ok(()) }
    /// ```
    pub async fn traces(&self) -> Result<Vec<TraceListing>> {
        let r: TracesResponse = self.get(&self.mine("/trace")?).await?;
        Ok(r.traces)
    }

    /// One trace with its steps and escalations.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let t = hub.trace("trace-1-abc").await?;
    /// # Ok(()) }
    /// ```
    pub async fn trace(&self, session: &str) -> Result<Trace> {
        let r: TraceResponse = self.get(&self.mine(&format!("/trace/{session}"))?).await?;
        Ok(r.trace)
    }

    /// Logs a step; the answer carries an escalation notice when stuck.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let step = serde_json::from_value(serde_json::json!({"tool": "cargo test", "outcome": "error", "durationMs": 4000})).unwrap();
    /// if let Some(e) = hub.step("trace-1-abc", &step).await?.escalation { println!("{}", e.recommendation); }
    /// # Ok(()) }
    /// ```
    pub async fn step(&self, session: &str, step: &StepInput) -> Result<StepResponse> {
        self.post(&self.mine(&format!("/trace/{session}/step"))?, step).await
    }

    /// Completes a trace (credits the soul once); `domain` is a specialization.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let done = hub.complete("trace-1-abc", Some("backend")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn complete(&self, session: &str, domain: Option<&str>) -> Result<TraceResponse> {
        let body = CompleteTrace { domain: domain.map(str::to_owned) };
        self.post(&self.mine(&format!("/trace/{session}/complete"))?, &body).await
    }

    /// Resolves an escalation (self, peer or human).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let r = serde_json::from_value(serde_json::json!({"escalationId": "esc-1-abc", "resolvedBy": "self"})).unwrap();
    /// hub.resolve("trace-1-abc", &r).await?;
    /// # Ok(()) }
    /// ```
    pub async fn resolve(&self, session: &str, resolve: &ResolveEscalation) -> Result<ResolveResponse> {
        self.post(&self.mine(&format!("/trace/{session}/resolve-escalation"))?, resolve).await
    }

    /// This agent's progression, if it has one.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let soul = hub.soul().await?;
    /// # Ok(()) }
    /// ```
    pub async fn soul(&self) -> Result<Option<Soul>> {
        let r: SoulResponse = self.get(&self.mine("/soul")?).await?;
        Ok(r.soul)
    }

    /// Level, streak, trust, flow and coaching suggestions.
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// for s in hub.dashboard().await?.suggestions { println!("{}", s.action); }
    /// # Ok(()) }
    /// ```
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let r: DashboardResponse = self.get(&self.mine("/dashboard")?).await?;
        Ok(r.dashboard)
    }

    /// The WebSocket URL for `path` (`/coordinator?agentId=..`, `/agent/x`).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let url = hub.ws_url("/coordinator?agentId=claude-1");
    /// # Ok(()) }
    /// ```
    /// The bearer token, for the WebSocket handshakes.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Trades the team's join secret for a token of this agent's own (shown
    /// once: keep it, e.g. in `HUB_TOKEN`), and uses it from now on.
    ///
    /// ```no_run
    /// # async fn d(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let (hub, minted) = hub.join("the team's join secret").await?;
    /// println!("export HUB_TOKEN={}", minted.token);
    /// # Ok(()) }
    /// ```
    pub async fn join(self, secret: &str) -> Result<(Self, hub_protocol::MintedToken)> {
        let body = JoinTeam { agent_id: self.me()?, secret: text(secret, "secret")? };
        let minted: hub_protocol::MintedToken = self.post("/coordinator/join", &body).await?;
        let token = minted.token.clone();
        Ok((self.with_token(token), minted))
    }

    /// The team's join secret, to hand to agents (the human token only).
    ///
    /// ```no_run
    /// # async fn d(admin: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("hub join --secret {}", admin.join_secret().await?.secret);
    /// # Ok(()) }
    /// ```
    pub async fn join_secret(&self) -> Result<hub_protocol::JoinSecret> {
        self.get("/coordinator/join-secret").await
    }

    /// Mints a token for `agent` (the human token only).
    ///
    /// ```no_run
    /// # async fn d(admin: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let minted = admin.mint_token("ann", Some("laptop")).await?;
    /// println!("{} {}", minted.info.id, minted.token);
    /// # Ok(()) }
    /// ```
    pub async fn mint_token(&self, agent: &str, label: Option<&str>) -> Result<hub_protocol::MintedToken> {
        let agent_id = AgentId::parse(agent).map_err(|e| HubError::Invalid(format!("agent id {e}")))?;
        let body = MintToken { agent_id, label: label.map(|l| text(l, "label")).transpose()? };
        self.post("/coordinator/tokens", &body).await
    }

    pub fn ws_url(&self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        let team = self.team.as_ref().map(|t| format!("{sep}team={t}")).unwrap_or_default();
        format!("{}{path}{team}", self.base.replacen("http", "ws", 1))
    }
}

/// Bounded text for a request body; too long is [`HubError::Invalid`]
/// naming the field, before anything is sent.
///
/// ```
/// let ok: hub_protocol::Text<5> = hub_client::text("short", "note").unwrap();
/// assert!(hub_client::text::<3>("too long", "note").is_err());
/// ```
pub fn text<const N: usize>(s: impl Into<String>, field: &str) -> Result<Text<N>> {
    Text::parse(s).map_err(|e| HubError::Invalid(format!("{field} {e}")))
}
