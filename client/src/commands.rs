//! One function per `hub` command: call the hub, print the answer (text, or
//! JSON with `--json`).

use hub_client::{events, HubClient, HubError};
use hub_protocol::{AgentEvent, Event, SaveCheckpoint, StepInput, Text};

use crate::failure::{print, text, Failure};

type Done = Result<(), Failure>;

pub fn guard_install(json: bool, force: bool) -> Done {
    let hook = crate::guard::install(force)?;
    print(json, &serde_json::json!({ "installed": hook }), || {
        format!(
            "installed {hook}: commits touching files other agents hold are refused (git commit --no-verify bypasses)"
        )
    });
    Ok(())
}

pub async fn join(hub: HubClient, json: bool, secret: &str) -> Done {
    let (_, minted) = hub.join(secret).await?;
    print(json, &minted, || {
        format!(
            "export HUB_TOKEN={}\n(token {} for agent {}; shown once)",
            minted.token, minted.info.id, minted.info.agent_id
        )
    });
    Ok(())
}

pub async fn start(hub: &HubClient, json: bool) -> Done {
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
    Ok(())
}

pub async fn status(hub: &HubClient, json: bool) -> Done {
    let health = hub.health().await?;
    let agents = hub.agents(false).await?;
    print(json, &serde_json::json!({ "health": health, "agents": agents }), || {
        let mut s = format!("{} is {} ({} agents online)", hub.base(), health.status, agents.len());
        for a in &agents {
            s += &format!("\n  {} {} {}", a.agent_id, a.status.as_str(), a.working_on.clone().unwrap_or_default());
        }
        s
    });
    Ok(())
}

pub async fn chat(hub: &HubClient, json: bool, message: &str) -> Done {
    let m = hub.chat(message).await?;
    print(json, &m, || format!("posted {}", m.id));
    Ok(())
}

pub async fn dm(hub: &HubClient, json: bool, to: &str, message: &str) -> Done {
    let m = hub.dm(to, message).await?;
    print(json, &m, || format!("sent {} to {to}", m.id));
    Ok(())
}

/// Exit code 4 when another agent holds the path.
pub async fn lock(hub: &HubClient, json: bool, path: &str, ttl: Option<i64>, wait: bool, reason: Option<&str>) -> Done {
    match hub.lock(path, ttl.map(|s| s * 1000), wait, reason).await {
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
    Ok(())
}

pub async fn unlock(hub: &HubClient, json: bool, path: &str, force: bool) -> Done {
    let r = hub.unlock(path, force).await?;
    print(json, &r, || r.message.clone());
    Ok(())
}

pub async fn checkpoint_show(hub: &HubClient, json: bool) -> Done {
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
    Ok(())
}

/// Each list: left as saved when not given.
fn list<const N: usize>(v: Vec<String>, field: &str) -> Result<Option<Vec<Text<N>>>, Failure> {
    if v.is_empty() {
        return Ok(None);
    }
    v.into_iter().map(|s| text(s, field)).collect::<Result<Vec<_>, _>>().map(Some)
}

pub async fn checkpoint_save(
    hub: &HubClient,
    json: bool,
    summary: Option<String>,
    pending: Vec<String>,
    done: Vec<String>,
    files: Vec<String>,
) -> Done {
    let save = SaveCheckpoint {
        conversation_summary: summary.map(|s| text(s, "summary")).transpose()?,
        pending_work: list(pending, "pending")?,
        accomplishments: list(done, "done")?,
        recent_context: None,
        files_edited: list(files, "file")?,
    };
    let c = hub.save_checkpoint(&save).await?;
    print(json, &c, || "checkpoint saved".into());
    Ok(())
}

pub async fn trace_start(hub: &HubClient, json: bool, task: &str) -> Done {
    let t = hub.start_trace(task).await?;
    print(json, &t, || t.session_id.clone());
    Ok(())
}

pub async fn trace_step(
    hub: &HubClient,
    json: bool,
    session: &str,
    tool: String,
    outcome: String,
    intent: Option<String>,
    duration_ms: Option<i64>,
) -> Done {
    let step = StepInput {
        tool: Some(text(tool, "tool")?),
        intent: intent.map(|i| text(i, "intent")).transpose()?,
        outcome: Some(outcome),
        duration_ms,
        ..StepInput::default()
    };
    let r = hub.step(session, &step).await?;
    print(json, &r, || match &r.escalation {
        Some(e) => format!("step {} logged; level {} escalation: {}", r.step.id, e.highest_level, e.recommendation),
        None => format!("step {} logged", r.step.id),
    });
    Ok(())
}

pub async fn trace_complete(hub: &HubClient, json: bool, session: &str, domain: Option<&str>) -> Done {
    let r = hub.complete(session, domain).await?;
    print(json, &r, || format!("completed; +{} XP", r.xp_gained.unwrap_or(0)));
    Ok(())
}

/// Team and personal events, as they come, until interrupted.
pub async fn watch(hub: &HubClient, json: bool) -> Done {
    let mut team = events::team(hub)?;
    let mut mine = events::agent(hub)?;
    loop {
        tokio::select! {
            Some(e) = team.recv() => print(json, &e, || describe_team(&e.event)),
            Some(e) = mine.recv() => print(json, &e, || describe_agent(&e.event)),
            else => break,
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
        AgentEvent::Mention(m) => format!("[mention] {}: {}", m.author, m.message),
        AgentEvent::LockGranted(u) => format!("[lock] {} is yours now", u.resource_path),
        AgentEvent::Handoff(h) => format!("[handoff] {} from {}: {}", h.action, h.handoff.from_agent, h.handoff.title),
        AgentEvent::Receipt(r) => format!("[receipt] {} {} your DM \"{}\"", r.to, r.state.as_str(), r.excerpt),
        AgentEvent::Pong => String::new(),
        AgentEvent::Error(err) => format!("[error] {}", err.error),
    }
}

pub async fn tasks_ready(hub: &HubClient, json: bool, tag: Option<&str>) -> Done {
    let r = hub.ready_tasks(tag).await?;
    print(json, &r, || {
        let mut s = format!("{} ready", r.count);
        for t in &r.tasks {
            s += &format!("\n  {} [{}] {}", t.id, t.priority.as_str(), t.title);
        }
        s
    });
    Ok(())
}

/// Exit code 6 when nothing is ready (a script's loop ends there).
pub async fn tasks_take(hub: &HubClient, json: bool, task_id: Option<&str>, tag: Option<&str>) -> Done {
    let r = match hub.take_task(task_id, tag).await {
        Ok(r) => r,
        Err(HubError::Api { status: 404, message }) if task_id.is_none() => {
            return Err(Failure { code: 6, message });
        }
        Err(e) => return Err(e.into()),
    };
    print(json, &r, || {
        let mut s = format!("took {}: {}", r.task.id, r.task.title);
        if let Some(d) = &r.task.description {
            s += &format!("\n{d}");
        }
        for h in &r.held {
            s += &format!("\n  {} is held by {} ({} {})", h.file, h.by, h.kind, h.held);
        }
        s
    });
    Ok(())
}
