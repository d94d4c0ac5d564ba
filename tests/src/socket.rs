use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hub_protocol::{AgentEvent, Envelope};
use tokio::net::TcpStream;
use tokio_tungstenite::{tungstenite::Message, MaybeTlsStream, WebSocketStream};

/// A client WebSocket that reads typed envelopes.
pub struct Socket {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Socket {
    /// Connects with `token` in the Authorization header.
    pub async fn connect(url: &str, token: Option<&str>) -> Self {
        Self::try_connect(url, token).await.unwrap_or_else(|e| panic!("connect {url}: {e}"))
    }

    /// As [`Socket::connect`], returning the handshake's failure.
    pub async fn try_connect(url: &str, token: Option<&str>) -> Result<Self, tokio_tungstenite::tungstenite::Error> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut req = url.into_client_request()?;
        if let Some(t) = token {
            req.headers_mut().insert("authorization", format!("Bearer {t}").parse().expect("header"));
        }
        let (ws, _) = tokio_tungstenite::connect_async(req).await?;
        Ok(Self { ws })
    }

    /// Connects with the token as the sub-protocol `bearer.<token>` beside
    /// `agent-hub`, as a browser must; returns the protocol the hub chose.
    pub async fn connect_with_protocol(url: &str, token: &str) -> (Self, Option<String>) {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut req = url.into_client_request().expect("url");
        req.headers_mut()
            .insert("sec-websocket-protocol", format!("agent-hub, bearer.{token}").parse().expect("header"));
        let (ws, res) = tokio_tungstenite::connect_async(req).await.unwrap_or_else(|e| panic!("connect {url}: {e}"));
        let chosen = res.headers().get("sec-websocket-protocol").and_then(|v| v.to_str().ok()).map(str::to_owned);
        (Self { ws }, chosen)
    }

    pub async fn send_json(&mut self, value: serde_json::Value) {
        self.ws.send(Message::text(value.to_string())).await.expect("send");
    }

    /// The next envelope, or panic after five seconds.
    pub async fn next(&mut self) -> Envelope {
        self.next_of().await
    }

    /// The next envelope of the agent socket's event type (or any `E`).
    pub async fn next_of<E: serde::de::DeserializeOwned>(&mut self) -> Envelope<E> {
        loop {
            let msg = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("an event within 5 s")
                .expect("socket open")
                .expect("socket healthy");
            if let Message::Text(text) = msg {
                return serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            }
        }
    }

    /// Skips agent-socket events until one satisfies `want`.
    pub async fn until_agent(&mut self, mut want: impl FnMut(&AgentEvent) -> bool) -> AgentEvent {
        loop {
            let e: Envelope<AgentEvent> = self.next_of().await;
            if want(&e.event) {
                return e.event;
            }
        }
    }

    /// Skips events until one satisfies `want`.
    pub async fn until(&mut self, mut want: impl FnMut(&Envelope) -> bool) -> Envelope {
        loop {
            let e = self.next().await;
            if want(&e) {
                return e;
            }
        }
    }

    /// Reads until the hub closes the socket; its close code, or `None` if
    /// it is still open after `within`.
    pub async fn closed_by_hub(&mut self, within: Duration) -> Option<u16> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return None,
                Ok(Some(Ok(Message::Close(frame)))) => return Some(frame.map_or(1005, |f| u16::from(f.code))),
                Ok(None | Some(Err(_))) => return Some(1006),
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}
