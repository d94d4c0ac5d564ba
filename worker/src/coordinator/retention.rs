//! What a team's coordinator forgets, so nothing grows with use forever:
//! chat beyond `HUB_KEEP_CHAT` messages, done tasks, resolved escalations
//! and completed handoffs beyond [`SETTLED_KEPT`] each, tokens revoked more
//! than 30 days ago. Each runs on the write that could pass the bound, as a
//! range delete that touches nothing until there is something to forget.
//! (The lock index keeps one small row per path ever locked: its `version`
//! stops a late update from reviving a released lock.)

use hub_domain::{REVOKED_TOKENS_KEPT_MS, SETTLED_KEPT};
use hub_protocol::Timestamp;

use super::store::Store;
use super::Result;

impl Store {
    /// After a chat message: keep the newest `keep`.
    pub fn prune_chat(&self, keep: u32) -> Result<()> {
        self.exec(
            "DELETE FROM messages WHERE seq <= (SELECT MAX(seq) FROM messages) - ?",
            Some(vec![i64::from(keep).into()]),
        )?;
        Ok(())
    }

    /// After a row of `settled` is written settled (a task done, a
    /// handoff completed, an escalation resolved): the settled ones beyond
    /// the bound go, oldest first. Other writes cannot pass the bound, so
    /// they prune nothing.
    pub fn prune_settled(&self, settled: Settled) -> Result<()> {
        let q = match settled {
            Settled::Tasks => "DELETE FROM tasks WHERE id IN (SELECT id FROM tasks WHERE status = 'done' ORDER BY updated_at DESC LIMIT -1 OFFSET ?)",
            Settled::Handoffs => "DELETE FROM handoffs WHERE id IN (SELECT id FROM handoffs WHERE status = 'completed' ORDER BY created_at DESC LIMIT -1 OFFSET ?)",
            Settled::Escalations => "DELETE FROM escalations WHERE id IN (SELECT id FROM escalations WHERE resolved = 1 ORDER BY triggered_at DESC LIMIT -1 OFFSET ?)",
        };
        self.exec(q, Some(vec![i64::from(SETTLED_KEPT).into()]))?;
        Ok(())
    }

    /// After a token is minted: revoked ones are forgotten after 30 days.
    pub fn prune_tokens(&self, now: Timestamp) -> Result<()> {
        self.exec(
            "DELETE FROM tokens WHERE revoked_at IS NOT NULL AND revoked_at < ?",
            Some(vec![(now.millis() - REVOKED_TOKENS_KEPT_MS).into()]),
        )?;
        Ok(())
    }
}

/// The lists that keep their settled rows up to `SETTLED_KEPT`.
pub enum Settled {
    Tasks,
    Handoffs,
    Escalations,
}
