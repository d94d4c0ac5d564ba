//! News for the model: what an event in an agent's log says in one line,
//! and how much of it one hook answer or tool result carries.

use hub_protocol::{AgentEvent, DmReceipt, McpResource, ReceiptState, Timestamp};

use crate::resume::truncate;

/// About how many characters of news one answer carries.
pub const NEWS_CHARS: usize = 2000;

/// Characters of a DM quoted in a receipt.
pub const EXCERPT_CHARS: usize = 80;

/// A lock expiring within this long is worth a warning.
pub const EXPIRY_WARNING_MS: i64 = 2 * 60 * 1000;

/// A DM's first words, as a receipt quotes it.
pub fn excerpt(message: &str) -> String {
    truncate(message.lines().next().unwrap_or_default(), EXCERPT_CHARS)
}

/// The line `event` adds to the agent's news; `None` for what is no news
/// to the model (its escalation opening, a receipt that only says "sent").
pub fn news_line(event: &AgentEvent) -> Option<String> {
    Some(match event {
        AgentEvent::Chat(dm) => {
            let reply = dm.reply_to.as_ref().map(|r| format!(" (reply to {r})")).unwrap_or_default();
            let ack = if dm.ack_required { " [asks for an ack: hub_inbox acknowledge=true]" } else { "" };
            format!("DM {} from {}{reply}{ack}: {}", dm.id, dm.from, dm.message)
        }
        AgentEvent::Mention(m) => format!("{} mentioned you in the team chat: {}", m.author, m.message),
        AgentEvent::LockGranted(u) => {
            format!("The lock on {} is yours now (you were waiting for it).", u.resource_path)
        }
        AgentEvent::Handoff(h) => {
            format!("Handoff {} from {} to you ({}): {}", h.handoff.id, h.handoff.from_agent, h.action, h.handoff.title)
        }
        AgentEvent::Escalation(e) if e.resolved_by.is_some() => crate::resolved_note(e),
        AgentEvent::Receipt(r) => receipt_line(r)?,
        AgentEvent::Approval(a) => approval_line(a)?,
        _ => return None,
    })
}

/// The resource of the agent's that `event` changes (MCP's
/// `notifications/resources/updated`: a level trigger, read it again).
pub fn resource_touched(event: &AgentEvent) -> Option<McpResource> {
    match event {
        AgentEvent::Chat(_) | AgentEvent::Receipt(_) => Some(McpResource::Inbox),
        AgentEvent::LockGranted(_) => Some(McpResource::Locks),
        AgentEvent::Handoff(_) => Some(McpResource::Tasks),
        _ => None,
    }
}

/// A human's answer to an approval the agent asked for.
pub fn approval_line(a: &hub_protocol::Approval) -> Option<String> {
    let answer = a.answer.as_deref()?;
    let who = a.answered_by.as_deref().unwrap_or("a human");
    let note = a.note.as_ref().map(|n| format!(" Note: {n}")).unwrap_or_default();
    Some(format!("Approval {} (\"{}\"): {who} answered \"{answer}\".{note}", a.id, truncate(&a.question, 80)))
}

fn receipt_line(r: &DmReceipt) -> Option<String> {
    let dm = format!("your DM \"{}\"", r.excerpt);
    Some(match r.state {
        ReceiptState::Sent | ReceiptState::Delivered | ReceiptState::Read => return None,
        ReceiptState::Acknowledged => format!("{} acknowledged {dm}.", r.to),
        ReceiptState::NotDelivered => match r.offline_since {
            Some(t) => format!("Not delivered: {} has been offline since {} ({dm}).", r.to, t.to_iso()),
            None => format!("Not delivered: {} has not had a live session since it was sent ({dm}).", r.to),
        },
    })
}

/// Whole minutes until `until`, rounded up (a lock with 30 s left has "1
/// min" left, never "0"): how a holder's expiry is told to the one refused.
pub fn minutes_until(until: Timestamp, now: Timestamp) -> i64 {
    (until.since(now).max(0) + 59_999) / 60_000
}

/// The line warning of a lock of the agent's that expires soon.
pub fn expiry_line(path: &str, expires_at: Timestamp, now: Timestamp) -> String {
    let secs = (expires_at.since(now) / 1000).max(0);
    format!("Your lock on {path} expires in {secs} s: renew it (hub_lock) or release it when done.")
}

/// How many of `lines` (oldest first) one answer carries: all when they fit
/// in about [`NEWS_CHARS`], else as many of the oldest as fit (at least
/// one), the rest left for the next answer.
pub fn news_fits(lines: &[String]) -> usize {
    let mut used = 0;
    for (i, line) in lines.iter().enumerate() {
        used += line.chars().count() + 1;
        if used > NEWS_CHARS && i > 0 {
            return i;
        }
    }
    lines.len()
}

/// The text one answer carries: `lines`, then how many more wait.
pub fn news_text(lines: &[String], more: usize) -> String {
    let mut text = String::from("agent-hub news:\n");
    for line in lines {
        text.push_str("- ");
        text.push_str(&truncate(line, NEWS_CHARS));
        text.push('\n');
    }
    if more > 0 {
        text.push_str(&format!("… and {more} more (next time, or hub_inbox now)\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::{AgentId, DirectMessage, DmType};

    fn dm(text: &str, ack: bool) -> AgentEvent {
        AgentEvent::Chat(DirectMessage {
            id: "msg-1".into(),
            from: "ann".into(),
            kind: DmType::Note,
            message: text.into(),
            timestamp: Timestamp::from_millis(0),
            read: false,
            sent_by: None,
            reply_to: None,
            ack_required: ack,
            delivered_at: None,
            read_at: None,
            acked_at: None,
        })
    }

    #[test]
    fn minutes_left_round_up_and_never_go_negative() {
        let now = Timestamp::from_millis(1_000_000);
        assert_eq!(minutes_until(now.plus_millis(30_000), now), 1);
        assert_eq!(minutes_until(now.plus_millis(120_000), now), 2);
        assert_eq!(minutes_until(now.plus_millis(120_001), now), 3);
        assert_eq!(minutes_until(now.plus_millis(-5_000), now), 0);
    }

    #[test]
    fn a_dm_names_its_sender_and_asks_for_the_ack_it_wants() {
        assert_eq!(news_line(&dm("hi", false)).unwrap(), "DM msg-1 from ann: hi");
        assert!(news_line(&dm("hi", true)).unwrap().contains("acknowledge=true"));
    }

    #[test]
    fn receipts_speak_only_when_they_need_the_sender() {
        let mut r = DmReceipt {
            message_id: "m".into(),
            to: AgentId::parse("bob").unwrap(),
            state: ReceiptState::Delivered,
            at: Timestamp::from_millis(0),
            excerpt: "deploy?".into(),
            ack_required: true,
            sent_at: Timestamp::from_millis(0),
            offline_since: None,
        };
        assert_eq!(news_line(&AgentEvent::Receipt(r.clone())), None);
        r.state = ReceiptState::Acknowledged;
        assert_eq!(news_line(&AgentEvent::Receipt(r.clone())).unwrap(), "bob acknowledged your DM \"deploy?\".");
        r.state = ReceiptState::NotDelivered;
        r.offline_since = Some(Timestamp::from_millis(0));
        assert!(news_line(&AgentEvent::Receipt(r))
            .unwrap()
            .starts_with("Not delivered: bob has been offline since 1970"));
    }

    #[test]
    fn news_past_the_bound_waits_for_the_next_answer() {
        let lines: Vec<String> = (0..100).map(|i| format!("{i:>50}")).collect();
        let n = news_fits(&lines);
        assert!(n > 10 && n < 50, "{n}");
        let text = news_text(&lines[..n], lines.len() - n);
        assert!(text.chars().count() < NEWS_CHARS + 200);
        assert!(text.ends_with(&format!("and {} more (next time, or hub_inbox now)\n", 100 - n)));
        // One huge line still goes, cut.
        assert_eq!(news_fits(&["x".repeat(5000)]), 1);
    }

    #[test]
    fn an_expiry_warning_says_how_long_is_left() {
        let now = Timestamp::from_millis(1_000);
        assert_eq!(
            expiry_line("src/a.rs", Timestamp::from_millis(91_000), now),
            "Your lock on src/a.rs expires in 90 s: renew it (hub_lock) or release it when done."
        );
    }
}
