//! Resource paths name what a lock protects (`src/main.rs`, `branch:main`).
//! On the wire a path travels as one URL-encoded segment: `/lock/src%2Fmain.rs/lock`.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    Empty,
    TooLong {
        max: usize,
    },
    NotUtf8,
    Control,
    /// `..` climbing above the repository root.
    AboveRoot,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Empty => f.write_str("must not be empty"),
            PathError::TooLong { max } => write!(f, "must be at most {max} characters"),
            PathError::NotUtf8 => f.write_str("is not valid UTF-8 once URL-decoded"),
            PathError::Control => f.write_str("must not contain control characters"),
            PathError::AboveRoot => f.write_str("must stay inside the repository: '..' climbs above its root"),
        }
    }
}

impl std::error::Error for PathError {}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResourcePath(String);

impl ResourcePath {
    pub const MAX_LEN: usize = 1024;

    /// Spellings of one file are one path (so one lock), relative to the
    /// repository's root: repeated slashes collapse, `.` segments, a
    /// leading `/` and a trailing slash go, `..` takes back the segment
    /// before it (`/src/../src//a.rs/` is `src/a.rs`).
    ///
    /// # Errors
    /// When blank, longer than `MAX_LEN`, holding control characters, or
    /// climbing above the root with `..`.
    pub fn parse(s: &str) -> Result<Self, PathError> {
        if s.chars().any(char::is_control) {
            return Err(PathError::Control);
        }
        let normal = normalise(s)?;
        if normal.trim().is_empty() {
            Err(PathError::Empty)
        } else if normal.chars().count() > Self::MAX_LEN {
            Err(PathError::TooLong { max: Self::MAX_LEN })
        } else {
            Ok(Self(normal))
        }
    }

    /// A path as it was stored, never normalised again: locks stored before
    /// the rules above (`/src/f`) must still be found, renewed and expired
    /// under the name they were stored by.
    pub fn verbatim(stored: String) -> Self {
        Self(stored)
    }

    /// Parses the URL-encoded path segment of `/lock/{segment}/...`.
    ///
    /// # Errors
    /// As [`ResourcePath::parse`], or when the decoded bytes are not UTF-8.
    pub fn from_segment(segment: &str) -> Result<Self, PathError> {
        Self::parse(&percent_decode(segment).ok_or(PathError::NotUtf8)?)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL-encoded single segment for this path.
    pub fn to_segment(&self) -> String {
        percent_encode(&self.0)
    }
}

fn normalise(s: &str) -> Result<String, PathError> {
    let mut kept: Vec<&str> = Vec::new();
    for seg in s.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                kept.pop().ok_or(PathError::AboveRoot)?;
            }
            seg => kept.push(seg),
        }
    }
    Ok(kept.join("/"))
}

impl TryFrom<String> for ResourcePath {
    type Error = PathError;
    fn try_from(s: String) -> Result<Self, PathError> {
        Self::parse(&s)
    }
}

impl From<ResourcePath> for String {
    fn from(p: ResourcePath) -> String {
        p.0
    }
}

impl fmt::Display for ResourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Encodes everything but unreserved characters, so `s` fits in one path
/// segment or query value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes the `%XX` escapes of one URL path segment; `None` if the result
/// is not UTF-8. A `%` not followed by two hex digits stays as it is.
pub fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_are_one_path() {
        for spelling in ["src/a.rs", "src//a.rs", "./src/a.rs", "src/./a.rs", "src/a.rs/", "./src///./a.rs"] {
            assert_eq!(ResourcePath::parse(spelling).unwrap().as_str(), "src/a.rs", "{spelling}");
        }
        for spelling in ["/src/a.rs", "//src/a.rs", "src/../src/a.rs", "lib/x/../../src/./a.rs"] {
            assert_eq!(ResourcePath::parse(spelling).unwrap().as_str(), "src/a.rs", "{spelling}");
        }
        assert_eq!(ResourcePath::parse("src/../a.rs").unwrap().as_str(), "a.rs");
        assert_eq!(ResourcePath::parse("../a.rs"), Err(PathError::AboveRoot));
        assert_eq!(ResourcePath::parse("src/../../a.rs"), Err(PathError::AboveRoot));
        assert_eq!(ResourcePath::parse("src/.."), Err(PathError::Empty));
        assert_eq!(ResourcePath::verbatim("/src/f".into()).as_str(), "/src/f", "stored paths are read back as stored");
        assert_eq!(ResourcePath::parse("branch:main").unwrap().as_str(), "branch:main");
        assert_eq!(ResourcePath::parse("./"), Err(PathError::Empty));
    }

    #[test]
    fn decodes_segments() {
        assert_eq!(percent_decode("src%2Fmain.rs").as_deref(), Some("src/main.rs"));
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("a%2").as_deref(), Some("a%2"));
        assert_eq!(percent_decode("%C3%A9").as_deref(), Some("é"));
        assert_eq!(percent_decode("%FF"), None);
    }

    #[test]
    fn validates_and_round_trips() {
        assert_eq!(ResourcePath::from_segment(""), Err(PathError::Empty));
        assert_eq!(ResourcePath::from_segment("a%0Ab"), Err(PathError::Control));
        assert!(matches!(ResourcePath::parse(&"a".repeat(1025)), Err(PathError::TooLong { .. })));
        let p = ResourcePath::parse("src/a b.rs").unwrap();
        assert_eq!(p.to_segment(), "src%2Fa%20b.rs");
        assert_eq!(ResourcePath::from_segment(&p.to_segment()).unwrap(), p);
    }
}
