//! `hub wait-news`: waits for news for this agent and wakes its idle
//! session. Registered as a Claude Code command hook with `"asyncRewake":
//! true` (on `Stop`, with a long timeout), it runs in the background after
//! each turn; when something for the agent arrives (a DM, a mention, a lock
//! handed over, a handoff, a receipt) it hands it over as news (the hub's
//! *shown* mark moves, so no hook repeats it) and exits 2 with the news on
//! stderr, which wakes the session with it. Exits 0, saying nothing, after
//! `--timeout`. One waiter per session: a newer one ends the older.

use std::time::Duration;

use hub_client::HubClient;
use hub_protocol::HookInput;

use crate::failure::Failure;

/// The exit code that wakes the idle session with stderr as its prompt.
const WAKE: u8 = 2;

pub async fn run(hub: &HubClient, timeout: Duration) -> Result<(), Failure> {
    let session = read_session();
    let _waiter = Waiter::claim(hub, session.as_deref());
    let waited = tokio::time::timeout(timeout, wait(hub)).await;
    match waited {
        Ok(Ok(text)) => {
            eprint!("{text}");
            Err(Failure { code: WAKE, message: String::new() })
        }
        Ok(Err(e)) => Err(e),
        Err(_) => Ok(()),
    }
}

/// The hook event on stdin, when there is one: its session.
fn read_session() -> Option<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return None;
    }
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input).ok()?;
    serde_json::from_str::<HookInput>(&input).ok()?.session_id
}

/// Until there is news: its text.
async fn wait(hub: &HubClient) -> Result<String, Failure> {
    let fail = |e: hub_client::HubError| Failure { code: 1, message: format!("hub wait-news: {e}") };
    loop {
        let peek = hub.news(true).await.map_err(fail)?;
        if !peek.items.is_empty() {
            let news = hub.news(false).await.map_err(fail)?;
            if !news.items.is_empty() {
                let lines: Vec<String> = news.items.into_iter().map(|i| i.text).collect();
                return Ok(hub_domain::news_text(&lines, news.more));
            }
        }
        // Listen from where the log stands; a logged event that is news
        // sends us round again to take it.
        let mut events = hub_client::events::agent_since(hub, Some(peek.seq)).map_err(fail)?;
        while let Some(e) = events.recv().await {
            if e.seq.is_some() && hub_domain::news_line(&e.event).is_some() {
                break;
            }
        }
    }
}

/// This session's waiter: a pid file, so a newer waiter ends an older one.
struct Waiter(Option<std::path::PathBuf>);

impl Waiter {
    fn claim(hub: &HubClient, session: Option<&str>) -> Self {
        let agent = hub.agent().map(ToString::to_string).unwrap_or_default();
        let name = format!("agent-hub-wait-{agent}-{}.pid", session.unwrap_or("any"));
        let name: String =
            name.chars().map(|c| if c.is_ascii_alphanumeric() || "-.".contains(c) { c } else { '_' }).collect();
        let path = std::env::temp_dir().join(name);
        if let Ok(old) = std::fs::read_to_string(&path) {
            if let Ok(pid) = old.trim().parse::<u32>() {
                if pid != std::process::id() {
                    let _ = std::process::Command::new("kill").arg(pid.to_string()).status();
                }
            }
        }
        let written = std::fs::write(&path, std::process::id().to_string()).is_ok();
        Self(written.then_some(path))
    }
}

impl Drop for Waiter {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            // Only ours: a newer waiter may have written its pid since.
            if std::fs::read_to_string(path).is_ok_and(|p| p.trim() == std::process::id().to_string()) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}
