//! `GET /coordinator/search?q=`: the team's chat by full-text search, then
//! its tasks and handoffs (every word in the title or description).

use hub_protocol::{SearchKind, SearchQuery, SearchResponse};

use super::store::Store;
use super::Result;
use crate::search::SearchRow;

impl Store {
    /// Best matches first; nothing for a query without words.
    pub fn search_chat(&self, q: &SearchQuery) -> Result<SearchResponse> {
        let Some(fts) = hub_domain::fts_query(&q.q) else { return Ok(SearchResponse { hits: vec![] }) };
        self.index_new_messages()?;
        let rows: Vec<SearchRow> = self.rows(
            &format!(
                "SELECT m.id AS id, m.author AS author, snippet(chat_fts, 1, '', '', '…', 24) AS text,
                        m.timestamp AS timestamp, NULL AS session_id
                 FROM chat_fts JOIN messages m ON m.seq = chat_fts.rowid
                 WHERE chat_fts MATCH ? ORDER BY bm25(chat_fts) LIMIT {}",
                q.effective_limit()
            ),
            vec![fts.into()],
        )?;
        let mut hits: Vec<_> = rows.into_iter().map(|r| r.into_hit(SearchKind::Chat, None)).collect();
        let room = (q.effective_limit() as usize).saturating_sub(hits.len());
        if room > 0 {
            hits.extend(self.search_work(&q.q, room)?);
        }
        Ok(SearchResponse { hits })
    }

    /// Tasks, then handoffs, with every word of `words`, newest first.
    fn search_work(&self, words: &str, limit: usize) -> Result<Vec<hub_protocol::SearchHit>> {
        let patterns = hub_domain::like_patterns(words);
        if patterns.is_empty() {
            return Ok(vec![]);
        }
        let all = |column: &str| vec![format!("{column} LIKE ? ESCAPE '\\'"); patterns.len()].join(" AND ");
        let args = || patterns.iter().map(|p| p.as_str().into()).collect::<Vec<worker::SqlStorageValue>>();
        let tasks: Vec<SearchRow> = self.rows(
            &format!(
                "SELECT id, created_by AS author, title AS text, updated_at AS timestamp, NULL AS session_id
                 FROM tasks WHERE {} ORDER BY updated_at DESC LIMIT {limit}",
                all("(title || ' ' || COALESCE(description, ''))")
            ),
            args(),
        )?;
        let handoffs: Vec<SearchRow> = self.rows(
            &format!(
                "SELECT id, from_agent AS author, json_extract(body, '$.title') AS text, created_at AS timestamp,
                        NULL AS session_id
                 FROM handoffs WHERE {} ORDER BY created_at DESC LIMIT {limit}",
                all("(json_extract(body, '$.title') || ' ' || COALESCE(json_extract(body, '$.context'), ''))")
            ),
            args(),
        )?;
        let tasks = tasks.into_iter().map(|r| r.into_hit(SearchKind::Task, None));
        let handoffs = handoffs.into_iter().map(|r| r.into_hit(SearchKind::Handoff, None));
        Ok(tasks.chain(handoffs).take(limit).collect())
    }
}

impl Store {
    /// Indexes the messages posted since the last search (messages only grow
    /// at the end: a new `seq` is above the newest, which pruning, taking
    /// the oldest and keeping one, never removes).
    fn index_new_messages(&self) -> Result<()> {
        let indexed = self
            .exec(
                "INSERT INTO chat_fts (rowid, author, body)
                 SELECT seq, author, message FROM messages WHERE seq > (SELECT seq FROM chat_fts_upto WHERE id = 1)",
                None,
            )?
            .rows_written();
        if indexed > 0 {
            self.exec("UPDATE chat_fts_upto SET seq = (SELECT MAX(seq) FROM messages) WHERE id = 1", None)?;
        }
        Ok(())
    }
}
