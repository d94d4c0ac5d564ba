//! `GET /coordinator/search?q=`: the team's chat by full-text search.

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
        let hits = rows.into_iter().map(|r| r.into_hit(SearchKind::Chat, None)).collect();
        Ok(SearchResponse { hits })
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
