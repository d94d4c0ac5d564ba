//! When a stateless tool call asks the agent's object for news. Asking is a
//! second object call beside the tool's own, which would double what a
//! `hub_dm` costs, so this isolate remembers when it last asked for each
//! agent and asks again only when it routed something into the agent's
//! inbox since (a DM: at once), or a second has passed (what reached the
//! agent by other ways: other isolates, the coordinator's news). A model
//! calling tools in a burst loses nothing: the news comes on a call within
//! the second, and hooks and streams carry it anyway.

use std::cell::RefCell;
use std::collections::HashMap;

use hub_protocol::{AgentId, TeamId};

/// How long a check for news stands, in milliseconds.
pub const RECHECK_MS: i64 = 1_000;

/// Agents' last checks, by team and agent; bounded like the token cache.
const REMEMBERED: usize = 10_000;

thread_local! {
    static CHECKED: RefCell<HashMap<(TeamId, AgentId), i64>> = RefCell::new(HashMap::new());
}

/// Whether a call of `agent` at `now` should ask for news; if so, the ask
/// is remembered as done now.
pub fn due(team: &TeamId, agent: &AgentId, now: i64) -> bool {
    CHECKED.with(|checked| {
        let mut checked = checked.borrow_mut();
        let key = (team.clone(), agent.clone());
        if checked.get(&key).is_some_and(|at| stands(*at, now)) {
            return false;
        }
        if checked.len() >= REMEMBERED {
            checked.retain(|_, at| stands(*at, now));
        }
        checked.insert(key, now);
        true
    })
}

/// Something was routed into `agent`'s inbox: its next call asks.
pub fn news_for(team: &TeamId, agent: &AgentId) {
    CHECKED.with(|checked| checked.borrow_mut().remove(&(team.clone(), agent.clone())));
}

fn stands(checked_at: i64, now: i64) -> bool {
    (0..RECHECK_MS).contains(&(now - checked_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_stands_for_a_second_unless_news_was_routed_in() {
        let team = TeamId::parse("t").unwrap();
        let ann = AgentId::parse("ann").unwrap();
        assert!(due(&team, &ann, 1_000), "never asked");
        assert!(!due(&team, &ann, 1_500));
        assert!(due(&team, &ann, 2_000), "a second on");
        news_for(&team, &ann);
        assert!(due(&team, &ann, 2_001), "a DM came in");
        assert!(due(&team, &ann, 1_000), "a clock that went back asks");
    }
}
