//! @mentions. A message mentions an agent when it contains `@<agentId>` ending
//! at a word boundary, or one of the group handles `@all`, `@everyone`,
//! `@team`; case-insensitively, as the original's regex did. Unlike the
//! original, an `@` right after a word character (an e-mail address) is no
//! mention.

const GROUP_HANDLES: [&str; 3] = ["all", "everyone", "team"];

pub fn mentions(message: &str, agent_id: &str) -> bool {
    let text = message.to_lowercase();
    let me = agent_id.to_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('@') {
        let after = &rest[at + 1..];
        let glued = rest[..at].chars().next_back().is_some_and(is_word_char);
        let hit = |handle: &str| {
            after.starts_with(handle) && after[handle.len()..].chars().next().is_none_or(|c| !is_word_char(c))
        };
        if !glued && (hit(&me) || GROUP_HANDLES.iter().any(|h| hit(h))) {
            return true;
        }
        rest = after;
    }
    false
}

/// `\w` in JavaScript regexes: ASCII letters, digits and underscore.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(message: &str, agent: &str, expected: bool) {
        assert_eq!(mentions(message, agent), expected, "{message:?} mentions {agent}?");
    }

    #[test]
    fn direct_and_group_mentions() {
        check("hey @claude-1 look", "claude-1", true);
        check("@CLAUDE-1: done", "claude-1", true);
        check("ping @all", "x", true);
        check("@everyone standup", "x", true);
        check("@team.", "x", true);
    }

    #[test]
    fn word_boundary_is_respected() {
        check("@claude-10 look", "claude-1", false);
        check("@claude_1x", "claude_1", false);
        check("@allison hi", "x", false);
        check("email me at bob@example.com", "example", false);
        check("no mention here", "claude-1", false);
        check("@claude-1-extra", "claude-1", true); // '-' is not a word char, like \b in JS
    }
}
