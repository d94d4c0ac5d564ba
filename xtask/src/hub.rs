//! A hub on `wrangler dev` (workerd), the same runtime as production, with
//! its Durable Objects' SQLite files under a directory of ours.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::sh::cmd;

pub struct Hub {
    child: Child,
    port: u16,
}

impl Hub {
    /// Starts `wrangler dev` with these `--var`s (over `[vars]` and
    /// `.dev.vars`) and waits until `/health` answers.
    pub fn start(port: u16, persist: &Path, vars: &[(&str, &str)]) -> Result<Self, String> {
        let started = Instant::now();
        let mut c = cmd("wrangler");
        c.args(["dev", "--ip", "127.0.0.1", "--port", &port.to_string(), "--persist-to"])
            .arg(persist);
        for (k, v) in vars {
            c.arg("--var").arg(format!("{k}:{v}"));
        }
        c
            .args(["--show-interactive-dev-session=false", "--log-level", "warn"])
            .args(["--inspector-port", &(port + 10_000).to_string()])
            .stdin(Stdio::null())
            // Its own process group, so stopping it also stops workerd.
            .process_group(0);
        let child = c.spawn().map_err(|e| format!("could not start wrangler: {e}"))?;
        let mut hub = Hub { child, port };
        while started.elapsed() < Duration::from_secs(120) {
            if let Ok(Some(status)) = hub.child.try_wait() {
                return Err(format!("wrangler dev exited early with {status}"));
            }
            if health(port) {
                println!("hub: up on {} after {:.1} s", hub.url(), started.elapsed().as_secs_f64());
                return Ok(hub);
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        hub.stop();
        Err(format!("wrangler dev did not answer /health on port {port} within 120 s"))
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Blocks until wrangler exits (Ctrl-C).
    pub fn wait(mut self) -> Result<(), String> {
        self.child.wait().map(|_| ()).map_err(|e| e.to_string())
    }

    pub fn stop(&mut self) {
        let _ = cmd("kill").args(["-s", "TERM", "--", &format!("-{}", self.child.id())]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = cmd("kill").args(["-s", "KILL", "--", &format!("-{}", self.child.id())]).status();
        let _ = self.child.wait();
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `method path` with a JSON body and a bearer token; the response body.
pub fn call(port: u16, method: &str, path: &str, token: &str, json: &str) -> Result<String, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
        json.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let mut out = String::new();
    s.read_to_string(&mut out).map_err(|e| e.to_string())?;
    if !out.starts_with("HTTP/1.1 2") {
        return Err(out.lines().next().unwrap_or("no answer").to_owned());
    }
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok(body)
}

/// The string value of `"key":"..."` in a flat JSON answer (std only).
pub fn field(json: &str, key: &str) -> Option<String> {
    json.split(&format!("\"{key}\":\"")).nth(1)?.split('"').next().map(str::to_owned)
}

fn health(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let req = format!("GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}
