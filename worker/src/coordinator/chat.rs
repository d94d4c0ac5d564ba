//! The group chat: reading it (as an agent, which takes its mentions) and
//! posting to it (which tells the agents it mentions and the humans'
//! webhooks when it asks them).

use hub_domain::{new_id, pending_mentions};
use hub_protocol::{AgentId, AgentStatus, Caller, ChatMessage, ChatQuery, ChatResponse, Event, PostChat, Timestamp};

use super::{AgentCoordinator, Result};
use crate::{clock, config};

impl AgentCoordinator {
    pub(super) fn chat(&self, q: ChatQuery, now: Timestamp) -> Result<ChatResponse> {
        let messages = self.store.messages_before(q.effective_limit(), q.since, q.before.as_deref())?;
        let Some(agent) = q.agent_id else {
            return Ok(ChatResponse {
                count: messages.len(),
                messages,
                pending_mentions: None,
                pending_count: None,
                hint: None,
                agent_id: None,
                is_inbox: None,
            });
        };
        let pending = self.take_mentions(&agent, now)?;
        if q.inbox {
            return Ok(ChatResponse {
                count: pending.len(),
                messages: pending,
                pending_mentions: None,
                pending_count: None,
                hint: None,
                agent_id: Some(agent),
                is_inbox: Some(true),
            });
        }
        let hint = (!pending.is_empty())
            .then(|| format!("{} message(s) mention you; reply in the group chat.", pending.len()));
        Ok(ChatResponse {
            count: messages.len(),
            messages,
            pending_count: Some(pending.len()),
            pending_mentions: Some(pending),
            hint,
            agent_id: None,
            is_inbox: None,
        })
    }

    /// The mentions of `agent` since its last read, moving its cursor to now
    /// and marking it active. Deviation: the original used `last_seen` as the
    /// cursor, so any heartbeat silently swallowed unread mentions.
    fn take_mentions(&self, agent: &AgentId, now: Timestamp) -> Result<Vec<ChatMessage>> {
        let record = self.store.agent(agent)?;
        let cursor = record.as_ref().map(|r| r.chat_cursor);
        let candidates = self.store.mention_candidates(cursor)?;
        let pending = pending_mentions(&candidates, agent, cursor);
        if record.is_some() {
            self.store.set_status(agent, AgentStatus::Active, now)?;
            self.store.set_chat_cursor(agent, now)?;
        }
        Ok(pending)
    }

    /// Posts `p`; `caller` is recorded when a named human posts for another.
    pub(super) fn post_chat(&self, p: PostChat, caller: &Caller, now: Timestamp) -> Result<ChatMessage> {
        let posted_by = hub_domain::recorded_actor(caller, &p.author).map(|h| h.to_string());
        let message = ChatMessage {
            id: new_id("", now, clock::entropy()),
            author: p.author.to_string(),
            author_type: p.author_type,
            message: p.message.into_string(),
            timestamp: now,
            reactions: vec![],
            posted_by,
        };
        self.store.save_message(&message)?;
        self.store.prune_chat(config::retention(&self.env).chat)?;
        let seq = self.broadcast(Event::Chat(message.clone()), now);
        self.tell_mentions(&message, seq, now)?;
        self.chat_news(&message, now)?;
        Ok(message)
    }
}
