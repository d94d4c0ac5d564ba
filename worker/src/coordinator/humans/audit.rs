//! The audit log: every action a human takes here (answer, resolve,
//! settings, webhooks, tokens), with who and when; exported as JSON Lines.

use hub_protocol::{AuditEntry, Caller, Timestamp};
use serde::Deserialize;

use super::super::{AgentCoordinator, Result};
use crate::reply::Reply;
use crate::sql::Millis;

/// Entries kept (the oldest go first).
const KEPT: i64 = 10_000;

/// Who a caller is, as the log names it.
pub fn who(caller: &Caller) -> String {
    hub_domain::actor(caller).map_or_else(|| "hub".to_owned(), |id| id.to_string())
}

#[derive(Deserialize)]
struct Row {
    at: Millis,
    who: String,
    action: String,
    object: String,
    detail: String,
}

impl AgentCoordinator {
    /// Records one human action (in the caller's synchronous run, so it
    /// commits with the action).
    pub(in crate::coordinator) fn audit(
        &self,
        who: &str,
        action: &str,
        object: &str,
        detail: &str,
        now: Timestamp,
    ) -> Result<()> {
        self.store.exec(
            "INSERT INTO audit (at, who, action, object, detail) VALUES (?, ?, ?, ?, ?)",
            Some(vec![now.millis().into(), who.into(), action.into(), object.into(), detail.into()]),
        )?;
        self.store.exec("DELETE FROM audit WHERE seq <= (SELECT MAX(seq) FROM audit) - ?", Some(vec![KEPT.into()]))?;
        Ok(())
    }

    /// The log, oldest first, one JSON object per line.
    pub(super) fn audit_lines(&self) -> Result<Reply> {
        let rows = self.store.rows::<Row>("SELECT at, who, action, object, detail FROM audit ORDER BY seq", vec![])?;
        let mut out = Vec::new();
        for r in rows {
            let entry = AuditEntry { at: r.at.0, who: r.who, action: r.action, object: r.object, detail: r.detail };
            serde_json::to_writer(&mut out, &entry)?;
            out.push(b'\n');
        }
        Ok(Reply::ok_json_lines(out))
    }
}
