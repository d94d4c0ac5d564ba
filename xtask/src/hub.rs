//! A hub on plain `workerd serve` (see [`crate::workerd`]), with its Durable
//! Objects' SQLite files in a folder of ours.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::sh::cmd;
use crate::workerd;

pub struct Hub {
    child: Child,
    port: u16,
}

impl Hub {
    /// Starts workerd on `port` with its data in `data`, `[vars]` from
    /// `wrangler.toml` (or the environment), overridden by `env` (secrets
    /// included), and waits until `/health` answers.
    pub fn start(port: u16, data: &Path, env: &[(String, String)]) -> Result<Self, String> {
        // The switch for webhooks to local addresses is written into the
        // config (the outbound network rule), not only read by the Worker.
        let local = env
            .iter()
            .find(|(k, _)| k == workerd::LOCAL_SWITCH)
            .map(|(_, v)| v.clone())
            .or_else(|| std::env::var(workerd::LOCAL_SWITCH).ok())
            .is_some_and(|v| v == "allow");
        let config = workerd::write_config(local)?;
        std::fs::create_dir_all(data).map_err(|e| format!("create {}: {e}", data.display()))?;
        let manifest = workerd::Manifest::read(&crate::sh::root().join("wrangler.toml"))?;
        let mut c = cmd(workerd::binary().to_str().unwrap_or("workerd"));
        c.arg("serve")
            .arg("--experimental")
            .arg(&config)
            .arg("--socket-addr")
            .arg(format!("http=127.0.0.1:{port}"))
            .arg("--directory-path")
            .arg(format!("data={}", data.canonicalize().map_err(|e| e.to_string())?.display()))
            .arg("--directory-path")
            .arg(format!("site={}", crate::sh::root().join("site").display()))
            // No process group of its own: Ctrl-C in a terminal stops it too.
            .stdin(Stdio::null());
        // `[vars]` unless this process's environment sets them; then `env`.
        for (k, v) in manifest.vars.iter().filter(|(k, _)| std::env::var_os(k).is_none()).chain(env) {
            c.env(k, v);
        }
        Self::spawn(c, port)
    }

    /// Another Worker on the same workerd, for side-by-side measurement:
    /// `config` is a workerd config of its own (the original hub's in
    /// `../shared/peer/`, or the bench's floor) with a `data` disk.
    pub fn start_config(config: &Path, port: u16, data: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(data).map_err(|e| format!("create {}: {e}", data.display()))?;
        let mut c = cmd(workerd::binary().to_str().unwrap_or("workerd"));
        c.arg("serve")
            .arg("--experimental")
            .arg(config)
            .arg("--socket-addr")
            .arg(format!("http=127.0.0.1:{port}"))
            .arg("--directory-path")
            .arg(format!("data={}", data.canonicalize().map_err(|e| e.to_string())?.display()))
            .stdin(Stdio::null());
        Self::spawn(c, port)
    }

    fn spawn(mut c: std::process::Command, port: u16) -> Result<Self, String> {
        let started = Instant::now();
        let child = c.spawn().map_err(|e| format!("could not start workerd: {e}"))?;
        let mut hub = Hub { child, port };
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(Some(status)) = hub.child.try_wait() {
                return Err(format!("workerd exited early with {status}"));
            }
            if health(port) {
                println!("hub: up on {} after {:.1} s", hub.url(), started.elapsed().as_secs_f64());
                return Ok(hub);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        hub.stop();
        Err(format!("workerd did not answer /health on port {port} within 60 s"))
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Blocks until workerd exits (Ctrl-C).
    pub fn wait(mut self) -> Result<(), String> {
        self.child.wait().map(|_| ()).map_err(|e| e.to_string())
    }

    pub fn stop(&mut self) {
        let _ = cmd("kill").args(["-s", "TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = cmd("kill").args(["-s", "KILL", &self.child.id().to_string()]).status();
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
