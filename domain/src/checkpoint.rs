//! Saving a checkpoint: absent fields keep their stored values. (The
//! original kept absent text but replaced absent lists with `[]`.)

use hub_protocol::{AgentId, Checkpoint, SaveCheckpoint, Text, Timestamp};

fn strings<const N: usize>(v: Vec<Text<N>>) -> Vec<String> {
    v.into_iter().map(Text::into_string).collect()
}

pub fn merge_checkpoint(old: Option<Checkpoint>, save: SaveCheckpoint, agent: AgentId, now: Timestamp) -> Checkpoint {
    let old = old.unwrap_or(Checkpoint {
        agent_id: agent.clone(),
        conversation_summary: None,
        accomplishments: vec![],
        pending_work: vec![],
        recent_context: None,
        files_edited: vec![],
        checkpoint_at: now,
    });
    Checkpoint {
        agent_id: agent,
        conversation_summary: save.conversation_summary.map(Text::into_string).or(old.conversation_summary),
        accomplishments: save.accomplishments.map_or(old.accomplishments, strings),
        pending_work: save.pending_work.map_or(old.pending_work, strings),
        recent_context: save.recent_context.map(Text::into_string).or(old.recent_context),
        files_edited: save.files_edited.map_or(old.files_edited, strings),
        checkpoint_at: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_lists_are_kept() {
        let a = AgentId::parse("a").unwrap();
        let first: SaveCheckpoint =
            serde_json::from_str(r#"{"conversationSummary":"s","pendingWork":["x"],"filesEdited":["f"]}"#).unwrap();
        let c = merge_checkpoint(None, first, a.clone(), Timestamp::from_millis(1));
        let second: SaveCheckpoint = serde_json::from_str(r#"{"accomplishments":["done"]}"#).unwrap();
        let c = merge_checkpoint(Some(c), second, a, Timestamp::from_millis(2));
        assert_eq!(c.pending_work, ["x"]);
        assert_eq!(c.files_edited, ["f"]);
        assert_eq!(c.accomplishments, ["done"]);
        assert_eq!(c.conversation_summary.as_deref(), Some("s"));
        assert_eq!(c.checkpoint_at, Timestamp::from_millis(2));
    }
}
