use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hub_protocol::Envelope;
use tokio::net::TcpStream;
use tokio_tungstenite::{tungstenite::Message, MaybeTlsStream, WebSocketStream};

/// A client WebSocket that reads typed envelopes.
pub struct Socket {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Socket {
    pub async fn connect(url: &str) -> Self {
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap_or_else(|e| panic!("connect {url}: {e}"));
        Self { ws }
    }

    pub async fn send_json(&mut self, value: serde_json::Value) {
        self.ws.send(Message::text(value.to_string())).await.expect("send");
    }

    /// The next envelope, or panic after five seconds.
    pub async fn next(&mut self) -> Envelope {
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

    /// Skips events until one satisfies `want`.
    pub async fn until(&mut self, mut want: impl FnMut(&Envelope) -> bool) -> Envelope {
        loop {
            let e = self.next().await;
            if want(&e) {
                return e;
            }
        }
    }

    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}
