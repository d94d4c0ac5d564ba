//! `GET /agent/{id}/search?q=`: the agent's DMs, memories and trace steps
//! by full-text search, newest first.

use hub_protocol::{AgentId, SearchKind, SearchQuery, SearchResponse};

use super::store::Store;
use super::Result;
use crate::search::SearchRow;

/// One search per kind: the FTS table, and how its rows read (`?1` the
/// query, `?2` the limit, `?3` the agent, which every kind names).
const KINDS: [(SearchKind, &str); 3] = [
    (
        SearchKind::Dm,
        "SELECT m.id AS id, ifnull(m.from_agent, ?3) AS author, snippet(dms_fts, 1, '', '', '…', 24) AS text,
                m.timestamp AS timestamp, NULL AS session_id
         FROM dms_fts JOIN messages m ON m.seq = dms_fts.rowid WHERE dms_fts MATCH ?1
         ORDER BY bm25(dms_fts) LIMIT ?2",
    ),
    (
        SearchKind::Memory,
        "SELECT m.id AS id, ?3 AS author, snippet(memory_fts, 0, '', '', '…', 24) AS text,
                m.created_at AS timestamp, NULL AS session_id
         FROM memory_fts JOIN memory m ON m.seq = memory_fts.rowid WHERE memory_fts MATCH ?1
         ORDER BY bm25(memory_fts) LIMIT ?2",
    ),
    (
        SearchKind::Step,
        "SELECT json_extract(s.body, '$.id') AS id, ?3 AS author, snippet(steps_fts, 1, '', '', '…', 24) AS text,
                s.timestamp AS timestamp, s.session_id AS session_id
         FROM steps_fts JOIN work_steps s ON s.seq = steps_fts.rowid WHERE steps_fts MATCH ?1
         ORDER BY bm25(steps_fts) LIMIT ?2",
    ),
];

impl Store {
    pub fn search(&self, agent: &AgentId, q: &SearchQuery) -> Result<SearchResponse> {
        let Some(fts) = hub_domain::fts_query(&q.q) else { return Ok(SearchResponse { hits: vec![] }) };
        let limit = q.effective_limit();
        let mut hits = Vec::new();
        for (kind, sql) in KINDS {
            let rows: Vec<SearchRow> =
                self.rows(sql, vec![fts.as_str().into(), i64::from(limit).into(), agent.as_str().into()])?;
            hits.extend(rows.into_iter().map(|r| r.into_hit(kind, Some(agent.clone()))));
        }
        hits.sort_by_key(|h| std::cmp::Reverse(h.timestamp));
        hits.truncate(limit as usize);
        Ok(SearchResponse { hits })
    }
}
