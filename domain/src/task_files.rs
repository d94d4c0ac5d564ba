//! A task's files (paths or globs) against what others hold: which of them
//! are locked or inside someone's zone when the task is taken.

use hub_protocol::{AgentId, HeldFile};

use crate::zones::covers;

/// Whether `pattern` matches `path`, segment by segment: `**` is any number
/// of segments, `*` any characters within one, `?` one character. A plain
/// path also matches what lies under it (`src/a` matches `src/a/b.rs`).
pub fn file_matches(pattern: &str, path: &str) -> bool {
    if !is_glob(pattern) {
        return covers(pattern, path);
    }
    let p: Vec<&str> = segments(pattern).collect();
    let s: Vec<&str> = segments(path).collect();
    match_segments(&p, &s)
}

fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty() && *s != ".")
}

fn match_segments(p: &[&str], s: &[&str]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((&"**", rest)) => (0..=s.len()).any(|skip| match_segments(rest, &s[skip..])),
        Some((first, rest)) => {
            s.split_first().is_some_and(|(head, tail)| match_one(first, head) && match_segments(rest, tail))
        }
    }
}

fn match_one(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // Classic two-pointer wildcard match with backtracking to the last `*`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

/// The part of `pattern` before its first wildcard segment.
fn literal_prefix(pattern: &str) -> String {
    segments(pattern).take_while(|s| !is_glob(s)).collect::<Vec<_>>().join("/")
}

/// Which of `files` others hold: each held lock (`path`, holder) a file
/// matches, and each zone (`path`, owner) that overlaps a file. What
/// `me` holds is left out.
pub fn files_held(
    files: &[String],
    locks: &[(String, AgentId)],
    zones: &[(String, AgentId)],
    me: &AgentId,
) -> Vec<HeldFile> {
    let mut held = Vec::new();
    for file in files {
        for (path, by) in locks.iter().filter(|(_, by)| by != me) {
            if file_matches(file, path) {
                held.push(HeldFile { file: file.clone(), held: path.clone(), by: by.clone(), kind: "lock".into() });
            }
        }
        let base = literal_prefix(file);
        for (zone, owner) in zones.iter().filter(|(_, owner)| owner != me) {
            if covers(zone, &base) || file_matches(file, zone) {
                held.push(HeldFile { file: file.clone(), held: zone.clone(), by: owner.clone(), kind: "zone".into() });
            }
        }
    }
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_by_segment() {
        assert!(file_matches("src/**/*.rs", "src/a/b/c.rs"));
        assert!(file_matches("src/**/*.rs", "src/c.rs"));
        assert!(!file_matches("src/*.rs", "src/a/c.rs"));
        assert!(file_matches("src/?.rs", "src/a.rs"));
        assert!(!file_matches("src/*.rs", "srcx/a.rs"));
        assert!(file_matches("src/a", "src/a/b.rs"));
        assert!(!file_matches("src/a", "src/ab.rs"));
    }

    #[test]
    fn held_files_name_the_holder_and_skip_mine() {
        let (ann, bob) = (AgentId::parse("ann").unwrap(), AgentId::parse("bob").unwrap());
        let locks = vec![("src/lib.rs".to_owned(), bob.clone()), ("src/main.rs".to_owned(), ann.clone())];
        let zones = vec![("docs".to_owned(), bob.clone())];
        let files = vec!["src/*.rs".to_owned(), "docs/guide.md".to_owned()];
        let held = files_held(&files, &locks, &zones, &ann);
        let seen: Vec<(&str, &str, &str)> =
            held.iter().map(|h| (h.file.as_str(), h.held.as_str(), h.kind.as_str())).collect();
        assert_eq!(seen, [("src/*.rs", "src/lib.rs", "lock"), ("docs/guide.md", "docs", "zone")]);
    }
}
