//! Validated identifiers. The inner string is private: the only way to get an
//! id is through `parse`, so every id a handler sees is already valid.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string was refused as an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong {
        max: usize,
    },
    BadChar(char),
    /// `.` or `..`: they would walk paths wherever an id lands in one.
    Dots,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("must not be empty"),
            IdError::TooLong { max } => write!(f, "must be at most {max} characters"),
            IdError::BadChar(c) => {
                write!(f, "contains {c:?}; allowed are letters and digits (Latin-1) and - _ . @ :")
            }
            IdError::Dots => f.write_str("must not be . or .."),
        }
    }
}

impl std::error::Error for IdError {}

fn check_id(s: &str, max: usize) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.chars().count() > max {
        return Err(IdError::TooLong { max });
    }
    if s == "." || s == ".." {
        return Err(IdError::Dots);
    }
    // Ids travel in URL paths, WebSocket tags, object names, HTTP headers
    // (which carry Latin-1 only) and @mentions: keep them to characters
    // that need no escaping anywhere.
    let allowed = |c: char| (c.is_alphanumeric() && u32::from(c) <= 0xFF) || matches!(c, '-' | '_' | '.' | '@' | ':');
    match s.chars().find(|c| !allowed(*c)) {
        Some(c) => Err(IdError::BadChar(c)),
        None => Ok(()),
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_LEN: usize = $max;

            /// # Errors
            /// When `s` is empty, longer than `MAX_LEN` or has characters
            /// outside letters, digits and `- _ . @ :`.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                check_id(s, Self::MAX_LEN).map(|()| Self(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                check_id(&s, Self::MAX_LEN).map(|()| Self(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// An agent's name, chosen by the agent (`claude-1`, `codex.backend`).
    AgentId,
    64
);
id_type!(
    /// A team: names the coordinator object that serves it (`main` unless a
    /// request says otherwise), and scopes its agents' and locks' objects.
    TeamId,
    64
);
impl TeamId {
    /// The header naming a request's team (also `?team=`).
    pub const HEADER: &'static str = "x-hub-team";
    /// The team of a request that names none.
    pub const DEFAULT: &'static str = "main";
}

id_type!(
    /// A task id, `task-<millis>-<random>` when the hub makes it.
    TaskId,
    80
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_usual_agent_names() {
        for ok in ["claude-1", "codex.backend", "a", "agent_7@team:x", "été"] {
            assert!(AgentId::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_empty_long_and_odd() {
        assert_eq!(AgentId::parse(""), Err(IdError::Empty));
        assert_eq!(AgentId::parse(&"x".repeat(65)), Err(IdError::TooLong { max: 64 }));
        assert_eq!(AgentId::parse("a b"), Err(IdError::BadChar(' ')));
        assert_eq!(AgentId::parse("a/b"), Err(IdError::BadChar('/')));
        assert_eq!(AgentId::parse("."), Err(IdError::Dots));
        assert_eq!(AgentId::parse(".."), Err(IdError::Dots));
        assert!(AgentId::parse("...").is_ok());
        // Beyond Latin-1 an id could not travel in a header: 400, never a 500 later.
        assert_eq!(AgentId::parse("жук"), Err(IdError::BadChar('ж')));
    }

    #[test]
    fn deserialising_validates() {
        let err = serde_json::from_str::<AgentId>("\"\"").unwrap_err();
        assert!(err.to_string().contains("must not be empty"));
    }
}
