//! `GET /coordinator/search?q=`: the team's chat by full-text search.

use hub_protocol::{SearchHit, SearchKind, SearchQuery, SearchResponse};
use serde::Deserialize;

use super::store::Store;
use super::Result;
use crate::sql::Millis;

#[derive(Deserialize)]
struct Row {
    id: String,
    author: String,
    text: String,
    timestamp: Millis,
}

impl Store {
    /// Best matches first; nothing for a query without words.
    pub fn search_chat(&self, q: &SearchQuery) -> Result<SearchResponse> {
        let Some(fts) = hub_domain::fts_query(&q.q) else { return Ok(SearchResponse { hits: vec![] }) };
        let rows: Vec<Row> = self.rows(
            "SELECT m.id AS id, m.author AS author, snippet(chat_fts, 1, '', '', '…', 24) AS text,
                    m.timestamp AS timestamp
             FROM chat_fts JOIN messages m ON m.seq = chat_fts.rowid
             WHERE chat_fts MATCH ? ORDER BY bm25(chat_fts) LIMIT ?",
            vec![fts.into(), i64::from(q.effective_limit()).into()],
        )?;
        let hits = rows
            .into_iter()
            .map(|r| SearchHit {
                kind: SearchKind::Chat,
                id: r.id,
                agent_id: None,
                author: r.author,
                text: r.text,
                timestamp: r.timestamp.0,
                session_id: None,
            })
            .collect();
        Ok(SearchResponse { hits })
    }
}
