//! [`HubClient`]: one method per endpoint, on the shared wire types.

use std::time::Duration;

use hub_protocol::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::error::HubError;

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
        self.agent.as_ref().ok_or_else(|| {
            HubError::Invalid(
                "no agent id: pass --agent NAME or set HUB_AGENT_ID (with an agent's token, the hub knows it)".into(),
            )
        })
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
            let message = serde_json::from_str::<ErrorBody>(&text).map_or(text, |b| b.error);
            return Err(HubError::Api { status, message });
        }
        serde_json::from_str(&text).map_err(|e| HubError::Decode(format!("{e}: {text}")))
    }

    /// One MCP message to the hub's `/mcp` (streamable HTTP), in the given
    /// session (none at 2026-07-28): the answer, whole, or a stream of
    /// server-sent events (`subscriptions/listen`). `hub mcp` relays stdio
    /// through this.
    ///
    /// # Errors
    /// [`HubError::Unreachable`] when the hub cannot be reached.
    pub async fn mcp(&self, session: Option<&str>, message: String) -> Result<McpReply> {
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
        let content_type = res.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        if content_type.is_some_and(|t| t.starts_with("text/event-stream")) {
            return Ok(McpReply::Stream(res));
        }
        let text = res.text().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        Ok(McpReply::Whole { status, session: named, body: text })
    }

    /// One Claude Code hook event (as Claude Code wrote it) to the hub's
    /// `/hooks/claude-code`, with the repository root its paths are under;
    /// the hook output to print. `hub hook` relays through this.
    ///
    /// # Errors
    /// [`HubError::Unreachable`] when the hub cannot be reached;
    /// [`HubError::Api`] for an answer that is not 200.
    pub async fn hook(&self, event: String, root: Option<&str>) -> Result<String> {
        let mut req = self
            .http
            .post(format!("{}/hooks/claude-code", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(event);
        if let Some(team) = &self.team {
            req = req.header(hub_protocol::TeamId::HEADER, team);
        }
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(root) = root {
            req = req.header(hub_protocol::HOOK_ROOT_HEADER, root);
        }
        let res = req.send().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        let status = res.status().as_u16();
        let text = res.text().await.map_err(|e| HubError::Unreachable(e.to_string()))?;
        if status != 200 {
            let message = serde_json::from_str::<ErrorBody>(&text).map_or(text, |b| b.error);
            return Err(HubError::Api { status, message });
        }
        Ok(text)
    }

    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.request::<T, Value>(reqwest::Method::GET, path, None).await
    }

    pub(crate) async fn post<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.request(reqwest::Method::POST, path, Some(body)).await
    }

    pub(crate) async fn patch<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.request(reqwest::Method::PATCH, path, Some(body)).await
    }

    /// Who this client's credential is, in its team (`GET /whoami`).
    ///
    /// ```no_run
    /// # async fn d(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// println!("{:?}", hub.whoami().await?.agent_id);
    /// # Ok(()) }
    /// ```
    pub async fn whoami(&self) -> Result<WhoAmI> {
        self.get("/whoami").await
    }

    pub(crate) fn me(&self) -> Result<AgentId> {
        Ok(self.agent()?.clone())
    }

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

    /// Creates this client's team (a human only; teams are created on
    /// purpose, never by a request that names one). Creating one that
    /// exists answers it as it is.
    pub async fn create_team(&self) -> Result<hub_protocol::TeamResponse> {
        let body = hub_protocol::RegisterTeam {
            name: hub_protocol::TeamId::parse(self.team().unwrap_or(hub_protocol::TeamId::DEFAULT))
                .map_err(|e| HubError::Invalid(e.to_string()))?,
        };
        self.post("/registry/teams", &body).await
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

    /// The WebSocket URL for `path` (`/coordinator?agentId=..`, `/agent/x`).
    ///
    /// ```no_run
    /// # async fn demo(hub: hub_client::HubClient) -> Result<(), hub_client::HubError> {
    /// let url = hub.ws_url("/coordinator?agentId=claude-1");
    /// # Ok(()) }
    /// ```
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

/// The hub's answer to one MCP message.
pub enum McpReply {
    /// A JSON answer (or none, 202, for a notification), and the session
    /// the hub named.
    Whole { status: u16, session: Option<String>, body: String },
    /// Server-sent events, each `data:` one JSON-RPC message, until the
    /// hub or the reader ends it.
    Stream(reqwest::Response),
}
