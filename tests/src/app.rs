use std::sync::atomic::{AtomicU32, Ordering};

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::Socket;

/// A status and a JSON body (`null` for JSON Lines, read as `text`).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub text: String,
}

impl Reply {
    /// The body as a wire type; panics with the body if it does not fit.
    pub fn typed<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("{e}: body was {}", self.body))
    }

    pub fn error(&self) -> &str {
        self.body["error"].as_str().unwrap_or_else(|| panic!("no error field in {}", self.body))
    }
}

pub struct TestApp {
    pub url: String,
    pub team: String,
    /// The bearer token sent with every request; the human (admin) token
    /// unless the test chose another.
    pub token: Option<String>,
    http: reqwest::Client,
    /// Whether the team was created (a human creates teams; the first
    /// request of a test does it, as the human, and concurrent first
    /// requests wait for it).
    created: std::sync::Arc<tokio::sync::OnceCell<()>>,
}

/// The test hub's human token (`cargo xtask test` sets it).
pub fn admin_token() -> String {
    crate::skip_without_hub("HUB_ADMIN_TOKEN")
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestApp {
    /// A fresh team on the shared test hub.
    pub fn new() -> Self {
        let url = std::env::var("HUB_URL").unwrap_or_else(|_| "http://127.0.0.1:8788".into());
        Self::on(url)
    }

    /// A fresh team on the hub at `url`.
    pub fn on(url: String) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        Self::with_team(url, format!("t{}-{n}-{nanos}", std::process::id()))
    }

    pub fn with_team(url: String, team: String) -> Self {
        let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(20)).build().expect("client");
        Self { url, team, token: Some(admin_token()), http, created: Default::default() }
    }

    /// This team as nobody created it: its requests go out without creating
    /// it first (they are refused, not served empty).
    #[must_use]
    pub fn uncreated(self) -> Self {
        let _ = self.created.set(());
        self
    }

    /// Creates the team (as the human) unless this app did already.
    async fn ensure_team(&self) {
        self.created.get_or_init(|| self.post_team()).await;
    }

    /// Creates the team as the human (creating one twice is harmless).
    pub async fn create_team(&self) {
        let _ = self.created.set(());
        self.post_team().await;
    }

    async fn post_team(&self) {
        let res = self
            .http
            .post(format!("{}/registry/teams", self.url))
            .bearer_auth(admin_token())
            .json(&json!({ "name": self.team }))
            .send()
            .await
            .expect("hub reachable");
        assert!(res.status().is_success(), "creating team {}: {}", self.team, res.status());
    }

    /// The same team, calling with `token` (or none).
    pub fn with_token(&self, token: Option<&str>) -> Self {
        Self {
            url: self.url.clone(),
            team: self.team.clone(),
            token: token.map(str::to_owned),
            http: self.http.clone(),
            created: self.created.clone(),
        }
    }

    /// Mints a token for `agent` (as the human) and returns the team as seen
    /// with it, plus the token's id.
    pub async fn as_agent(&self, agent: &str) -> (Self, String) {
        let minted =
            self.with_token(Some(&admin_token())).post("/coordinator/tokens", json!({ "agentId": agent })).await;
        assert_eq!(minted.status, 200, "{:?}", minted.body);
        let token = minted.body["token"].as_str().expect("token").to_owned();
        (self.with_token(Some(&token)), minted.body["id"].as_str().expect("id").to_owned())
    }

    pub async fn send(&self, method: &str, path: &str, body: Option<&[u8]>) -> Reply {
        self.ensure_team().await;
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req =
            self.http.request(method, format!("{}{path}", self.url)).header(hub_protocol::TeamId::HEADER, &self.team);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_vec());
        }
        let res = req.send().await.expect("hub reachable");
        let status = res.status().as_u16();
        let lines =
            res.headers().get("content-type").is_some_and(|v| v.as_bytes().starts_with(b"application/x-ndjson"));
        let text = res.text().await.expect("body");
        let body = if lines {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status} not JSON: {text}"))
        };
        Reply { status, body, text }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send("POST", path, Some(body.to_string().as_bytes())).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send("DELETE", path, None).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send("PATCH", path, Some(body.to_string().as_bytes())).await
    }

    pub async fn register(&self, agent: &str) -> Reply {
        self.post("/coordinator/agents", json!({ "agentId": agent })).await
    }

    pub async fn chat(&self, author: &str, message: &str) -> Reply {
        self.post("/coordinator/chat", json!({ "author": author, "message": message })).await
    }

    pub async fn create_task(&self, body: Value) -> Reply {
        self.post("/coordinator/tasks", body).await
    }

    /// GETs `path` until `ready` holds for the body (at most 3 s): for the
    /// coordinator's indexes, which objects update just after answering.
    pub async fn eventually(&self, path: &str, ready: impl Fn(&Value) -> bool) -> Reply {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        loop {
            let r = self.get(path).await;
            if ready(&r.body) || std::time::Instant::now() > deadline {
                return r;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// `POST /lock/{path}/{action}` with `body`.
    pub async fn lock_call(&self, path: &str, action: &str, body: Value) -> Reply {
        self.post(&format!("/lock/{}/{action}", segment(path)), body).await
    }

    pub async fn lock(&self, path: &str, agent: &str) -> Reply {
        self.lock_call(path, "lock", json!({ "agentId": agent })).await
    }

    pub async fn unlock(&self, path: &str, agent: &str) -> Reply {
        self.lock_call(path, "unlock", json!({ "agentId": agent })).await
    }

    pub async fn check(&self, path: &str) -> Reply {
        self.get(&format!("/lock/{}/check", segment(path))).await
    }

    pub async fn history(&self, path: &str) -> Reply {
        self.get(&format!("/lock/{}/history", segment(path))).await
    }

    /// Opens `WS /agent/{id}` for this team.
    pub async fn connect_agent(&self, agent: &str) -> Socket {
        self.ensure_team().await;
        let ws = self.url.replacen("http", "ws", 1);
        Socket::connect(&format!("{ws}/agent/{agent}?team={}", self.team), self.token.as_deref()).await
    }

    /// Opens `WS /coordinator?agentId=` for this team.
    pub async fn connect(&self, agent: Option<&str>) -> Socket {
        self.ensure_team().await;
        let ws = self.url.replacen("http", "ws", 1);
        let query = agent.map(|a| format!("&agentId={a}")).unwrap_or_default();
        Socket::connect(&format!("{ws}/coordinator?team={}{query}", self.team), self.token.as_deref()).await
    }
}

/// A resource path as the one URL segment the API takes.
pub fn segment(path: &str) -> String {
    hub_protocol::ResourcePath::parse(path).expect("valid path").to_segment()
}

impl Default for TestApp {
    fn default() -> Self {
        Self::new()
    }
}
