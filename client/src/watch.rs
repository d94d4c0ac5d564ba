//! `hub watch`: the team's and the agent's events as they come, one
//! readable line each (or their JSON with `--json`).

use hub_client::{events, HubClient};
use hub_protocol::{AgentEvent, Event};

use crate::commands::Done;
use crate::failure::print;

/// Team and personal events, as they come, until interrupted.
pub async fn watch(hub: &HubClient, json: bool) -> Done {
    let mut team = events::team(hub)?;
    let mut mine = events::agent(hub)?;
    loop {
        tokio::select! {
            Some(e) = team.recv() => line(json, &e, describe_team(&e.event)),
            Some(e) = mine.recv() => line(json, &e, describe_agent(&e.event)),
            else => break,
        }
    }
    Ok(())
}

/// One event: its JSON with `--json`, else its line (none for pings).
fn line<T: serde::Serialize>(json: bool, event: &T, words: String) {
    if json || !words.is_empty() {
        print(json, event, || words);
    }
}

fn describe_team(e: &Event) -> String {
    match e {
        Event::Chat(m) => format!("[chat] {}: {}", m.author, m.message),
        Event::AgentUpdate(u) => describe_agent_update(u),
        Event::TaskUpdate(hub_protocol::TaskUpdate::Task(t)) => {
            let who = t.assignee.as_ref().map(|a| format!(", {a}")).unwrap_or_default();
            format!("[task] {} \"{}\" ({}{who})", t.id, t.title, t.status.as_str())
        }
        Event::TaskUpdate(hub_protocol::TaskUpdate::Moved(m)) => {
            format!("[task] {} \"{}\" {} ({})", m.task.id, m.task.title, m.action, m.task.status.as_str())
        }
        Event::TaskUpdate(hub_protocol::TaskUpdate::Handoff(h)) => {
            let to = h.handoff.to_agent.as_ref().map(|a| format!(" to {a}")).unwrap_or_default();
            format!("[handoff] {} \"{}\" from {}{to}", h.action, h.handoff.title, h.handoff.from_agent)
        }
        Event::LockUpdate(l) => format!("[lock] {} {} by {}", l.resource_path, lock_verb(&l.action), l.agent_id),
        Event::Escalation(x) => format!("[escalation] {} level {}", x.agent_id, x.escalation.highest_level),
        Event::Approval(a) => match &a.answer {
            Some(answer) => format!(
                "[approval] {} answered \"{answer}\" to {}",
                a.answered_by.as_deref().unwrap_or("a human"),
                a.agent_id
            ),
            None => format!("[approval] {} asks: {}", a.agent_id, a.question),
        },
        Event::Error(err) => format!("[error] {}", err.error),
        Event::Ping | Event::Pong => String::new(),
    }
}

fn describe_agent_update(u: &hub_protocol::AgentUpdate) -> String {
    use hub_protocol::AgentUpdate as U;
    match u {
        U::Welcome { agents, .. } => {
            let names: Vec<String> = agents.iter().map(|a| format!("{} ({})", a.agent_id, a.status.as_str())).collect();
            format!("[team] {} here: {}", agents.len(), names.join(", "))
        }
        U::Agent(a) => {
            let doing = a.current_task.as_ref().map(|t| format!(": {t}")).unwrap_or_default();
            format!("[agent] {} {}{doing}", a.agent_id, a.status.as_str())
        }
        U::Presence { agent_id, status } => format!("[agent] {agent_id} {}", status.as_str()),
        U::PresenceBatch { presence } => {
            let each: Vec<String> = presence.iter().map(|p| format!("{} {}", p.agent_id, p.status.as_str())).collect();
            format!("[agents] {}", each.join(", "))
        }
    }
}

fn lock_verb(action: &hub_protocol::LockAction) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{action:?}"))
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
        AgentEvent::Approval(a) => format!("[approval] {}", hub_domain::approval_line(a).unwrap_or_default()),
        AgentEvent::Handoff(h) => format!("[handoff] {} from {}: {}", h.action, h.handoff.from_agent, h.handoff.title),
        AgentEvent::Receipt(r) => format!("[receipt] {} {} your DM \"{}\"", r.to, r.state.as_str(), r.excerpt),
        AgentEvent::Pong => String::new(),
        AgentEvent::Error(err) => format!("[error] {}", err.error),
    }
}
