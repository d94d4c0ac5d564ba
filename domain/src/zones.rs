//! Zone paths are compared segment by segment: `src/a` covers `src/a` and
//! `src/a/b`, never `src/ab`. (The original used a plain string prefix.)

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty() && *s != ".")
}

/// Whether zone path `zone` covers `path`.
pub fn covers(zone: &str, path: &str) -> bool {
    let mut p = segments(path);
    segments(zone).all(|z| p.next() == Some(z))
}

/// Whether two zones share any path: one covers the other.
pub fn overlaps(a: &str, b: &str) -> bool {
    covers(a, b) || covers(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(zone: &str, path: &str, expected: bool) {
        assert_eq!(covers(zone, path), expected, "{zone} covers {path}?");
    }

    #[test]
    fn segment_aware_cover() {
        check("src/a", "src/a", true);
        check("src/a", "src/a/b.rs", true);
        check("src/a/", "src/a/b.rs", true);
        check("src/a", "src/ab", false);
        check("src/a", "src", false);
        check("./src", "src/x", true);
        check("", "anything", true);
    }

    #[test]
    fn overlap_is_symmetric() {
        assert!(overlaps("src", "src/a"));
        assert!(overlaps("src/a", "src"));
        assert!(!overlaps("src/a", "src/b"));
        assert!(!overlaps("src/a", "src/ab"));
    }
}
