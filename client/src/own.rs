//! This agent's own object: state, checkpoint, inbox, memory, traces, soul.

use hub_protocol::*;

use crate::{text, HubClient, HubError};

type Result<T> = std::result::Result<T, HubError>;

impl HubClient {
    pub(crate) fn mine(&self, rest: &str) -> Result<String> {
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
        let r: SaveCheckpointResponse = self.post(&self.mine("/checkpoint")?, save).await?;
        Ok(r.checkpoint)
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
        let body = SendDm {
            from: self.me()?,
            kind: DmType::default(),
            message: text(message, "message")?,
            reply_to: None,
            ack_required: false,
        };
        let r: SendDmResponse = self.post(&format!("/agent/{to}/messages"), &body).await?;
        Ok(r.message)
    }

    /// What arrived for this agent since news last went to the model, each
    /// item once (`peek`: only look, leave it unshown).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// for item in hub.news(false).await?.items { println!("{}", item.text); }
    /// # Ok(()) }
    /// ```
    pub async fn news(&self, peek: bool) -> Result<NewsResponse> {
        self.post(&self.mine("/news")?, &TakeNews { expiring: Vec::new(), peek }).await
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
        self.patch(&self.mine("/messages")?, &MarkRead { message_ids: ids.to_vec(), ack: false }).await
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
}
