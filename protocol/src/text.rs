//! Bounded, non-blank user text (chat messages, task titles, ...). The bound is
//! part of the type, so a body that deserialises is already within limits.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    Blank,
    TooLong { max: usize },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Blank => f.write_str("must not be empty"),
            TextError::TooLong { max } => write!(f, "must be at most {max} characters"),
        }
    }
}

impl std::error::Error for TextError {}

/// Non-blank text of at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text<const MAX: usize>(String);

impl<const MAX: usize> Text<MAX> {
    /// # Errors
    /// When `s` is blank or longer than `MAX` characters.
    pub fn parse(s: impl Into<String>) -> Result<Self, TextError> {
        let s = s.into();
        if s.trim().is_empty() {
            Err(TextError::Blank)
        } else if s.chars().count() > MAX {
            Err(TextError::TooLong { max: MAX })
        } else {
            Ok(Self(s))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MAX: usize> TryFrom<String> for Text<MAX> {
    type Error = TextError;
    fn try_from(s: String) -> Result<Self, TextError> {
        Self::parse(s)
    }
}

impl<const MAX: usize> From<Text<MAX>> for String {
    fn from(t: Text<MAX>) -> String {
        t.0
    }
}

impl<const MAX: usize> AsRef<str> for Text<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> fmt::Display for Text<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold() {
        assert_eq!(Text::<3>::parse("  "), Err(TextError::Blank));
        assert_eq!(Text::<3>::parse("abcd"), Err(TextError::TooLong { max: 3 }));
        assert_eq!(Text::<3>::parse("été").unwrap().as_str(), "été");
    }
}
