//! A webhook receiver on loopback, for the webhook tests: it records every
//! POST (headers, body, when) and answers with the statuses it was given,
//! in order, then 200.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

pub struct Received {
    pub headers: HashMap<String, String>,
    pub body: String,
    pub at: Instant,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

pub struct Receiver {
    pub port: u16,
    rx: mpsc::UnboundedReceiver<Received>,
}

impl Receiver {
    /// A receiver on a free loopback port.
    pub async fn start(statuses: &[u16]) -> Self {
        Self::start_on(0, statuses).await
    }

    /// A receiver on `port` (0: any free one).
    pub async fn start_on(port: u16, statuses: &[u16]) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind the receiver");
        let port = listener.local_addr().expect("address").port();
        let (tx, rx) = mpsc::unbounded_channel();
        let statuses = Arc::new(Mutex::new(statuses.to_vec()));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (tx, statuses) = (tx.clone(), statuses.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, &tx, &statuses).await;
                });
            }
        });
        Self { port, rx }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    /// The next POST, if one comes `within`.
    pub async fn next(&mut self, within: Duration) -> Option<Received> {
        tokio::time::timeout(within, self.rx.recv()).await.ok().flatten()
    }
}

async fn serve(
    mut stream: TcpStream,
    tx: &mpsc::UnboundedSender<Received>,
    statuses: &Mutex<Vec<u16>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let headers: HashMap<String, String> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    let status = {
        let mut s = statuses.lock().expect("statuses");
        if s.is_empty() {
            200
        } else {
            s.remove(0)
        }
    };
    let _ = tx.send(Received { headers, body, at: Instant::now() });
    let answer = format!("HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
    stream.write_all(answer.as_bytes()).await?;
    stream.shutdown().await
}
