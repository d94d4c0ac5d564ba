use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A hub of the test's own on workerd (the binary and generated config
/// `cargo xtask test` passes in `HUB_WORKERD` and `HUB_WORKERD_CONFIG`),
/// for tests that restart or kill the runtime or need other settings.
/// Stopped on drop.
pub struct OwnHub {
    child: Option<Child>,
    pub port: u16,
    pub data: PathBuf,
    vars: Vec<(String, String)>,
}

impl OwnHub {
    /// Starts a hub on `port` with data under `$HUB_TEST_DATA/<name>` and the
    /// given vars (unset ones take the Worker's defaults).
    pub async fn start(name: &str, port: u16, vars: &[(&str, &str)]) -> Self {
        crate::skip_without_hub("HUB_WORKERD");
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
        let var = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is set by `cargo xtask test`"));
        std::fs::create_dir_all(&self.data).expect("data dir");
        let mut c = Command::new(var("HUB_WORKERD"));
        c.arg("serve")
            .arg("--experimental")
            .arg(var("HUB_WORKERD_CONFIG"))
            .arg("--socket-addr")
            .arg(format!("http=127.0.0.1:{}", self.port))
            .arg("--directory-path")
            .arg(format!("data={}", self.data.canonicalize().expect("data dir").display()))
            .arg("--directory-path")
            .arg(format!("site={}", var("HUB_SITE")))
            // Only the settings given here: none of the shared hub's secrets.
            .env_clear()
            .stdin(Stdio::null());
        // The shared hub's human token, unless the test sets its own.
        if !self.vars.iter().any(|(k, _)| k == "HUB_ADMIN_TOKEN") {
            c.env("HUB_ADMIN_TOKEN", crate::app::admin_token());
        }
        for (k, v) in &self.vars {
            c.env(k, v);
        }
        // Its output goes to a file beside its data, never to the test's pipes.
        let log =
            std::fs::OpenOptions::new().create(true).append(true).open(self.data.with_extension("log")).expect("log");
        c.stdout(log.try_clone().expect("log")).stderr(log);
        self.child = Some(c.spawn().expect("start workerd"));
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("client");
        while Instant::now() < deadline {
            if let Ok(res) = client.get(format!("{}/health", self.url())).send().await {
                if res.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("own hub on port {} did not come up", self.port);
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").args(["-s", "TERM", &child.id().to_string()]).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGKILL: the runtime gets no chance to flush or finish anything.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for OwnHub {
    fn drop(&mut self) {
        self.stop();
    }
}
