//! What an agent's object forgets, so nothing grows with use forever: DMs
//! beyond `HUB_KEEP_DMS`, memories beyond `HUB_KEEP_MEMORIES`, traces
//! beyond `HUB_KEEP_TRACES` (with their steps and escalations); a trace
//! takes at most `HUB_STEPS_PER_TRACE` steps. Pruned on the write that
//! could pass the bound, by range deletes that touch nothing until then.

use super::store::Store;
use super::Result;

impl Store {
    pub fn prune_dms(&self, keep: u32) -> Result<()> {
        self.exec(
            "DELETE FROM messages WHERE seq <= (SELECT MAX(seq) FROM messages) - ?",
            vec![i64::from(keep).into()],
        )?;
        Ok(())
    }

    pub fn prune_memories(&self, keep: u32) -> Result<()> {
        self.exec("DELETE FROM memory WHERE seq <= (SELECT MAX(seq) FROM memory) - ?", vec![i64::from(keep).into()])?;
        Ok(())
    }

    /// The oldest traces beyond `keep`, with everything recorded under them.
    pub fn prune_traces(&self, keep: u32) -> Result<()> {
        let old = "SELECT session_id FROM work_traces ORDER BY started_at DESC LIMIT -1 OFFSET ?";
        for table in ["work_steps", "escalations", "work_traces"] {
            self.exec(&format!("DELETE FROM {table} WHERE session_id IN ({old})"), vec![i64::from(keep).into()])?;
        }
        Ok(())
    }

    pub fn step_count(&self, session_id: &str) -> Result<u32> {
        self.count("SELECT COUNT(*) AS n FROM work_steps WHERE session_id = ?", vec![session_id.into()])
    }

    pub fn unread_count(&self) -> Result<usize> {
        Ok(self.count("SELECT COUNT(*) AS n FROM messages WHERE read = 0", vec![])? as usize)
    }
}
