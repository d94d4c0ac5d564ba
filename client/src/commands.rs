//! One function per `hub` command: call the hub, print the answer (text, or
//! JSON with `--json`).

use hub_client::{events, HubClient, HubError};
use hub_protocol::{AgentEvent, SaveCheckpoint, StepInput, Text};

use crate::failure::{print, text, Failure};

pub(crate) type Done = Result<(), Failure>;

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
    if hub.agent().is_err() {
        return Err(Failure { code: 2, message: "hub join needs --agent NAME: the agent id to join as".into() });
    }
    let url = hub.base().to_owned();
    let team = hub.team().map(str::to_owned);
    let (_, minted) = hub.join(secret).await?;
    let entry = crate::config::HubEntry {
        token: Some(minted.token.clone()),
        agent_id: Some(minted.info.agent_id.to_string()),
        team,
    };
    let kept = crate::config::remember(&url, entry)?;
    print(json, &minted, || {
        format!(
            "Joined as {} (token {}), kept in {} for {url}: later commands use it.\nexport HUB_TOKEN={} (elsewhere; shown once)",
            minted.info.agent_id,
            minted.info.id,
            kept.display(),
            minted.token
        )
    });
    Ok(())
}

pub async fn login(hub: HubClient, json: bool, token: String) -> Done {
    let hub = hub.with_token(token.clone());
    let who = hub.whoami().await?;
    let entry = crate::config::HubEntry {
        token: Some(token),
        agent_id: who.agent_id.as_ref().map(ToString::to_string),
        team: Some(who.team.to_string()),
    };
    let kept = crate::config::remember(hub.base(), entry)?;
    print(json, &who, || {
        let role = who.role.as_str();
        let as_whom = who.agent_id.as_ref().map_or_else(|| format!("the {role}"), |a| format!("{a} ({role})"));
        format!("Signed in to {} as {as_whom}, team {}; kept in {}", hub.base(), who.team, kept.display())
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
pub async fn lock(
    hub: &HubClient,
    json: bool,
    path: &str,
    ttl: Option<i64>,
    wait: Option<u64>,
    reason: Option<&str>,
) -> Done {
    // Listening before asking: a grant from the queue is never missed.
    let granted = wait.map(|_| events::agent(hub)).transpose()?;
    match hub.lock(path, ttl.map(|s| s * 1000), wait.is_some(), reason).await {
        Ok(grant) if grant.queued == Some(true) => {
            let (Some(secs), Some(events)) = (wait, granted) else { return Ok(()) };
            if !json {
                println!("queued for {path} at position {}; waiting up to {secs} s", grant.position.unwrap_or(0));
            }
            let got = wait_for_grant(hub, path, events, std::time::Duration::from_secs(secs)).await?;
            let Some(lock) = got else {
                // Out of the queue, so a grant does not come to nobody.
                let _ = hub.unlock(path, false).await;
                return Err(Failure {
                    code: 4,
                    message: format!("{path}: not granted within {secs} s (left the queue)"),
                });
            };
            print(json, &lock, || {
                format!("locked {path} (token {}, {} s)", lock.fencing_token, lock.remaining_ms / 1000)
            });
        }
        Ok(grant) => print(json, &grant, || match &grant.lock {
            Some(l) => format!("locked {path} (token {}, {} s)", l.fencing_token, l.remaining_ms / 1000),
            None => grant.message.clone().unwrap_or_default(),
        }),
        Err(HubError::Api { status: 409, message }) => {
            let held = match hub.check(path).await.ok().and_then(|s| s.lock) {
                Some(l) => crate::guard::Held {
                    path: path.to_owned(),
                    holder: l.locked_by.to_string(),
                    until: Some(l.expires_at),
                    zone: None,
                }
                .describe(crate::guard::now()),
                None => format!("{path}: {message}"),
            };
            return Err(Failure { code: 4, message: format!("{held}; --wait SECS queues you for it") });
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// The lock on `path`, once this agent holds it (its socket says so, or a
/// check every 2 s does); `None` after `within`.
async fn wait_for_grant(
    hub: &HubClient,
    path: &str,
    mut events: tokio::sync::mpsc::Receiver<hub_protocol::Envelope<AgentEvent>>,
    within: std::time::Duration,
) -> Result<Option<hub_protocol::LockInfo>, Failure> {
    let me = hub.agent()?.clone();
    let deadline = tokio::time::Instant::now() + within;
    let mut poll = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        tokio::select! {
            () = tokio::time::sleep_until(deadline) => return Ok(None),
            Some(e) = events.recv() => {
                if !matches!(&e.event, AgentEvent::LockGranted(g) if g.resource_path.as_str() == path) {
                    continue;
                }
            }
            _ = poll.tick() => {}
        }
        if let Some(lock) = hub.check(path).await?.lock.filter(|l| l.locked_by == me) {
            return Ok(Some(lock));
        }
    }
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
