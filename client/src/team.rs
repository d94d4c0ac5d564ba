//! The team's calls: presence, chat, tasks, hot start, coordination objects.

use hub_protocol::*;

use crate::{text, HubClient, HubError};

type Result<T> = std::result::Result<T, HubError>;

impl HubClient {
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

    /// What may start now (todo, unassigned, every blocker done), by
    /// priority then age, and how many there are.
    pub async fn ready_tasks(&self, tag: Option<&str>) -> Result<ReadyResponse> {
        let q = ReadyQuery { tag: tag.map(str::to_owned), ..ReadyQuery::default() };
        self.get(&ApiPath::from(CoordinatorPath::ReadyTasks(q)).to_string()).await
    }

    /// Takes the next ready task (or `task_id`) for this agent, atomically:
    /// two agents never get the same one. A 404 says nothing is ready.
    pub async fn take_task(&self, task_id: Option<&str>, tag: Option<&str>) -> Result<TakeResponse> {
        let task_id = task_id.map(TaskId::parse).transpose().map_err(|e| HubError::Invalid(format!("task id: {e}")))?;
        let body = TakeTask { task_id, tag: tag.map(str::to_owned), ..TakeTask::default() };
        self.post(&ApiPath::from(CoordinatorPath::TakeTask).to_string(), &body).await
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
}
