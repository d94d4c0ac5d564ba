//! The `hub` commands.

use clap::{Parser, Subcommand};
use hub_client::{events, HubClient, HubError};
use hub_protocol::{AgentEvent, Event, SaveCheckpoint, StepInput, Text};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "hub",
    version,
    about = "Work with an agent-hub from the shell: hot start, chat, locks, checkpoints, traces."
)]
pub struct Args {
    /// The hub's address.
    #[arg(long, env = "HUB_URL", global = true)]
    url: Option<String>,
    /// Bearer token.
    #[arg(long, env = "HUB_TOKEN", global = true, hide_env_values = true)]
    token: Option<String>,
    /// The agent you act as.
    #[arg(long = "agent", env = "HUB_AGENT_ID", global = true)]
    agent: Option<String>,
    /// The team (default main).
    #[arg(long, env = "HUB_TEAM", global = true)]
    team: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Trade the team's join secret for a token of your own (printed once:
    /// keep it in HUB_TOKEN).
    Join {
        /// The team's join secret (the portal's Tokens page shows it).
        #[arg(long, env = "HUB_JOIN_SECRET")]
        secret: String,
    },
    /// Hot start: onboarding, team, tasks, mentions, checkpoint in one call.
    Start,
    /// The hub's health and who is online.
    Status,
    /// Post to the group chat.
    Chat { message: Vec<String> },
    /// Send another agent a direct message.
    Dm { to: String, message: Vec<String> },
    /// Lock a file (exit code 4 when another agent holds it).
    Lock {
        path: String,
        /// Time to live in seconds.
        #[arg(long)]
        ttl: Option<i64>,
        /// Queue for the lock instead of failing.
        #[arg(long)]
        wait: bool,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Release a lock.
    Unlock {
        path: String,
        #[arg(long)]
        force: bool,
    },
    /// Save or show your checkpoint.
    #[command(subcommand)]
    Checkpoint(CheckpointCmd),
    /// Record work as a trace of steps.
    #[command(subcommand)]
    Trace(TraceCmd),
    /// Stream team and personal events until interrupted.
    Watch,
    /// Serve the Model Context Protocol on stdin/stdout (relayed to the hub's /mcp).
    Mcp,
    /// Refuse commits touching files other agents hold (a git pre-commit hook).
    #[command(subcommand)]
    Guard(GuardCmd),
    /// Claude Code's hook protocol: deny edits of held files (PreToolUse),
    /// add the hot start to a new session (SessionStart). Event on stdin.
    Hook,
}

#[derive(Subcommand)]
enum GuardCmd {
    /// Write this repository's pre-commit hook (it runs `hub guard check`).
    Install {
        /// Replace a pre-commit hook that is not ours.
        #[arg(long)]
        force: bool,
    },
    /// Check the staged files (what the hook runs). HUB_GUARD=warn only
    /// warns; HUB_GUARD_OFFLINE=refuse refuses when the hub is unreachable.
    Check,
}

#[derive(Subcommand)]
enum CheckpointCmd {
    /// Save (absent fields keep their stored values).
    Save {
        #[arg(long)]
        summary: Option<String>,
        /// Work still to do (repeatable).
        #[arg(long = "pending")]
        pending: Vec<String>,
        /// Work done (repeatable).
        #[arg(long = "done")]
        done: Vec<String>,
        /// Files edited (repeatable).
        #[arg(long = "file")]
        files: Vec<String>,
    },
    /// Show the saved checkpoint.
    Show,
}

#[derive(Subcommand)]
enum TraceCmd {
    /// Start a trace; prints its session id.
    Start { task: Vec<String> },
    /// Log a step.
    Step {
        session: String,
        #[arg(long)]
        tool: String,
        /// found, nothing, error or partial.
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        intent: Option<String>,
        #[arg(long)]
        duration_ms: Option<i64>,
    },
    /// Complete a trace (credits XP once).
    Complete {
        session: String,
        #[arg(long)]
        domain: Option<String>,
    },
}

pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl From<HubError> for Failure {
    fn from(e: HubError) -> Self {
        let code = match &e {
            HubError::Api { .. } => 3,
            HubError::Unreachable(_) => 5,
            HubError::Decode(_) | HubError::Invalid(_) => 1,
        };
        Failure { code, message: e.to_string() }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    url: Option<String>,
    token: Option<String>,
    agent_id: Option<String>,
    team: Option<String>,
}

fn config_file() -> ConfigFile {
    let candidates = [
        std::env::var("HUB_CONFIG").ok(),
        Some(".hub.json".to_owned()),
        std::env::var("HOME").ok().map(|h| format!("{h}/.config/agent-hub/config.json")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The client the flags, environment and config file describe.
pub fn client(
    url: Option<String>,
    token: Option<String>,
    agent: Option<String>,
    team: Option<String>,
) -> Result<HubClient, Failure> {
    let file = config_file();
    let url = url.or(file.url).unwrap_or_else(|| "http://127.0.0.1:8787".into());
    let mut c = HubClient::new(&url)?;
    if let Some(t) = token.or(file.token) {
        c = c.with_token(t);
    }
    if let Some(t) = team.or(file.team) {
        c = c.with_team(t);
    }
    if let Some(a) = agent.or(file.agent_id) {
        c = c.as_agent(&a)?;
    }
    Ok(c)
}

fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    if json {
        println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
    } else {
        println!("{}", text());
    }
}

fn text<const N: usize>(s: String, field: &str) -> Result<Text<N>, Failure> {
    Ok(hub_client::text(s, field)?)
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let hub = client(args.url, args.token, args.agent, args.team)?;
    let json = args.json;
    match args.command {
        Command::Mcp => crate::mcp::serve(hub).await?,
        Command::Guard(GuardCmd::Install { force }) => {
            let hook = crate::guard::install(force)?;
            print(json, &serde_json::json!({ "installed": hook }), || {
                format!("installed {hook}: commits touching files other agents hold are refused (git commit --no-verify bypasses)")
            });
        }
        Command::Guard(GuardCmd::Check) => crate::guard::check(&hub).await?,
        Command::Hook => crate::hook::run(&hub).await?,
        Command::Join { secret } => {
            let (_, minted) = hub.join(&secret).await?;
            print(json, &minted, || {
                format!(
                    "export HUB_TOKEN={}\n(token {} for agent {}; shown once)",
                    minted.token, minted.info.id, minted.info.agent_id
                )
            });
        }
        Command::Start => {
            let onboarding = hub.onboard().await?;
            let work = hub.work().await?;
            let out = serde_json::json!({ "onboarding": onboarding, "work": work });
            print(json, &out, || {
                let mut s = format!(
                    "{}\n\nSuggested: {} ({} XP, {})\n",
                    onboarding.welcome_message,
                    onboarding.suggested_task.task,
                    onboarding.suggested_task.xp_estimate,
                    onboarding.suggested_task.reason
                );
                s += &format!(
                    "Team online: {}\n",
                    work.team.iter().map(|a| a.agent_id.to_string()).collect::<Vec<_>>().join(", ")
                );
                s += &format!("Tasks: {} todo, {} mine\n", work.tasks.todo.len(), work.tasks.mine.len());
                if let Some(inbox) = &work.inbox {
                    s += &format!("Mentions ({}):\n", inbox.count);
                    for m in &inbox.pending_mentions {
                        s += &format!("  {}: {}\n", m.author, m.message);
                    }
                }
                s += &format!("Unread DMs: {}", work.unread_dms.unwrap_or(0));
                s
            });
        }
        Command::Status => {
            let health = hub.health().await?;
            let agents = hub.agents(false).await?;
            print(json, &serde_json::json!({ "health": health, "agents": agents }), || {
                let mut s = format!("{} is {} ({} agents online)", hub.base(), health.status, agents.len());
                for a in &agents {
                    s += &format!(
                        "\n  {} {} {}",
                        a.agent_id,
                        a.status.as_str(),
                        a.working_on.clone().unwrap_or_default()
                    );
                }
                s
            });
        }
        Command::Chat { message } => {
            let m = hub.chat(&message.join(" ")).await?;
            print(json, &m, || format!("posted {}", m.id));
        }
        Command::Dm { to, message } => {
            let m = hub.dm(&to, &message.join(" ")).await?;
            print(json, &m, || format!("sent {} to {to}", m.id));
        }
        Command::Lock { path, ttl, wait, reason } => {
            match hub.lock(&path, ttl.map(|s| s * 1000), wait, reason.as_deref()).await {
                Ok(grant) => print(json, &grant, || match (&grant.lock, grant.queued) {
                    (_, Some(true)) => format!("queued for {path} at position {}", grant.position.unwrap_or(0)),
                    (Some(l), _) => format!("locked {path} (token {}, {} s)", l.fencing_token, l.remaining_ms / 1000),
                    _ => grant.message.clone().unwrap_or_default(),
                }),
                Err(HubError::Api { status: 409, message }) => {
                    return Err(Failure { code: 4, message: format!("{path} is locked by another agent: {message}") })
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Unlock { path, force } => {
            let r = hub.unlock(&path, force).await?;
            print(json, &r, || r.message.clone());
        }
        Command::Checkpoint(CheckpointCmd::Show) => {
            let c = hub.checkpoint().await?;
            print(json, &c, || match &c {
                None => "no checkpoint saved".into(),
                Some(c) => format!(
                    "{}\npending: {}\nfiles: {}",
                    c.conversation_summary.clone().unwrap_or_default(),
                    c.pending_work.join("; "),
                    c.files_edited.join(", ")
                ),
            });
        }
        Command::Checkpoint(CheckpointCmd::Save { summary, pending, done, files }) => {
            let list = |v: Vec<String>, f: &str| -> Result<Option<Vec<Text<2000>>>, Failure> {
                if v.is_empty() {
                    Ok(None)
                } else {
                    v.into_iter().map(|s| text(s, f)).collect::<Result<Vec<_>, _>>().map(Some)
                }
            };
            let save = SaveCheckpoint {
                conversation_summary: summary.map(|s| text(s, "summary")).transpose()?,
                pending_work: list(pending, "pending")?,
                accomplishments: list(done, "done")?,
                recent_context: None,
                files_edited: if files.is_empty() {
                    None
                } else {
                    Some(files.into_iter().map(|f| text(f, "file")).collect::<Result<_, _>>()?)
                },
            };
            let c = hub.save_checkpoint(&save).await?;
            print(json, &c, || "checkpoint saved".into());
        }
        Command::Trace(TraceCmd::Start { task }) => {
            let t = hub.start_trace(&task.join(" ")).await?;
            print(json, &t, || t.session_id.clone());
        }
        Command::Trace(TraceCmd::Step { session, tool, outcome, intent, duration_ms }) => {
            let step = StepInput {
                tool: Some(text(tool, "tool")?),
                intent: intent.map(|i| text(i, "intent")).transpose()?,
                outcome: Some(outcome),
                duration_ms,
                ..StepInput::default()
            };
            let r = hub.step(&session, &step).await?;
            print(json, &r, || match &r.escalation {
                Some(e) => {
                    format!("step {} logged; level {} escalation: {}", r.step.id, e.highest_level, e.recommendation)
                }
                None => format!("step {} logged", r.step.id),
            });
        }
        Command::Trace(TraceCmd::Complete { session, domain }) => {
            let r = hub.complete(&session, domain.as_deref()).await?;
            print(json, &r, || format!("completed; +{} XP", r.xp_gained.unwrap_or(0)));
        }
        Command::Watch => {
            let mut team = events::team(&hub)?;
            let mut mine = events::agent(&hub)?;
            loop {
                tokio::select! {
                    Some(e) = team.recv() => print(json, &e, || describe_team(&e.event)),
                    Some(e) = mine.recv() => print(json, &e, || describe_agent(&e.event)),
                    else => break,
                }
            }
        }
    }
    Ok(())
}

fn describe_team(e: &Event) -> String {
    match e {
        Event::Chat(m) => format!("[chat] {}: {}", m.author, m.message),
        Event::AgentUpdate(u) => format!("[agent] {}", serde_json::to_string(u).unwrap_or_default()),
        Event::TaskUpdate(t) => format!("[task] {}", serde_json::to_string(t).unwrap_or_default()),
        Event::LockUpdate(l) => format!("[lock] {} {:?} by {}", l.resource_path, l.action, l.agent_id),
        Event::Escalation(x) => format!("[escalation] {} level {}", x.agent_id, x.escalation.highest_level),
        Event::Error(err) => format!("[error] {}", err.error),
        Event::Ping | Event::Pong => String::new(),
    }
}

fn describe_agent(e: &AgentEvent) -> String {
    match e {
        AgentEvent::Chat(m) => format!("[dm] {}: {}", m.from, m.message),
        AgentEvent::Escalation(x) => format!("[my escalation] level {}", x.highest_level),
        AgentEvent::LevelUp { level, .. } => format!("[level up] {}", level.as_str()),
        AgentEvent::CheckpointSaved(_) => "[checkpoint saved]".into(),
        AgentEvent::Step(s) => format!("[step] {} {}", s.tool, s.outcome.as_str()),
        AgentEvent::StateSync(s) => format!("[connected] {} unread", s.unread_count),
        AgentEvent::Pong => String::new(),
        AgentEvent::Error(err) => format!("[error] {}", err.error),
    }
}
