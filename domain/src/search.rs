//! Turning what a human types into an SQLite FTS5 query that cannot fail:
//! the text is cut into words of letters, digits and `_`, each becomes a
//! quoted prefix term, so FTS5's own syntax (`"`, `*`, `NEAR`, `-`, `:`) is
//! never interpreted.

/// The FTS5 query for `words` (every word, as a prefix), or `None` when
/// nothing searchable is left.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The words of a search as `LIKE` patterns (`%word%`, with `%`, `_` and
/// `\\` escaped by `\\`): every one must occur. For the small tables that
/// have no full-text index (tasks, handoffs).
pub fn like_patterns(words: &str) -> Vec<String> {
    words
        .split_whitespace()
        .take(12)
        .map(|w| {
            let escaped: String = w
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            format!("%{escaped}%")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_patterns(" parser 50%_off "), ["%parser%", "%50\\%\\_off%"]);
        assert!(like_patterns("  ").is_empty());
    }

    #[test]
    fn words_become_quoted_prefix_terms() {
        assert_eq!(fts_query("parser bug").as_deref(), Some(r#""parser"* "bug"*"#));
        assert_eq!(
            fts_query(r#"  NEAR(a b) -x "y" col:z"#).as_deref(),
            Some(r#""NEAR"* "a"* "b"* "x"* "y"* "col"* "z"*"#)
        );
        assert_eq!(fts_query("été ünïcode").as_deref(), Some(r#""été"* "ünïcode"*"#));
        assert_eq!(fts_query(r#" "*:- "#), None);
    }
}
