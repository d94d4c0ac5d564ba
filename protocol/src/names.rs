//! Where each object lives: the binding and instance name for a team's
//! coordinator, agents and locks. The Worker's router and the portal's server
//! functions both use these, so an object is never named two ways.

use crate::{AgentId, ResourcePath, TeamId};

pub const COORDINATOR_BINDING: &str = "COORDINATOR";
pub const AGENT_STATE_BINDING: &str = "AGENT_STATE";
pub const RESOURCE_LOCK_BINDING: &str = "RESOURCE_LOCK";
/// The hub's one registry of teams (`/teams`).
pub const TEAM_REGISTRY_BINDING: &str = "TEAM_REGISTRY";
/// The registry's only instance.
pub const REGISTRY_OBJECT: &str = "teams";

/// The team's coordinator is named after the team (`main` by default).
pub fn coordinator_object(team: &TeamId) -> String {
    team.to_string()
}

pub fn agent_object(team: &TeamId, agent: &AgentId) -> String {
    within(team, agent.as_str())
}

/// How many lock objects a team's paths are spread over.
pub const LOCK_SHARDS: u32 = 16;

/// The object that decides `path`'s lock: one of the team's
/// [`LOCK_SHARDS`], by a hash of the path that never changes (FNV-1a, not
/// the standard library's hasher, which may change between releases).
///
/// A shard, not an object per path: a new path is then a row in an object
/// that is already running, where an object of its own would be created,
/// with its database, on the path's first lock (milliseconds each, most of
/// a fresh lock's cost). Sixteen keep a team's lock traffic off any single
/// object. The name holds a tab, which no resource path can (paths refuse
/// control characters), so no shard shares a name with the object a path
/// had when each path had its own.
pub fn lock_object(team: &TeamId, path: &ResourcePath) -> String {
    within(team, &format!("\tlocks-{}", lock_shard(path)))
}

/// `path`'s shard, in `0..LOCK_SHARDS`.
pub fn lock_shard(path: &ResourcePath) -> u32 {
    let hash = path.as_str().bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % LOCK_SHARDS
}

/// The name of `team`'s object `id`, one-to-one: no other (team, id) pair
/// gives the same name. Both may contain `:`, so `team:id` alone would make
/// team `acme` + agent `web:ann` and team `acme:web` + agent `ann` one
/// object. When neither contains `:`, the name stays `team:id` (exactly one
/// colon), as it always was, so data stored under it stays reachable;
/// otherwise it is `<team length>:team:id`, which has at least three colons
/// and whose length prefix says where the team ends.
fn within(team: &TeamId, id: &str) -> String {
    let team = team.as_str();
    if team.contains(':') || id.contains(':') {
        format!("{}:{team}:{id}", team.len())
    } else {
        format!("{team}:{id}")
    }
}

/// The object that serves an API path: its binding and instance name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectAddress {
    pub binding: &'static str,
    pub name: String,
}

/// Why a path names no valid object: the field at fault and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAddress {
    pub field: &'static str,
    pub message: String,
}

/// Which of `team`'s objects serves `path`: `/coordinator…`, `/agent/{id}…`
/// or `/lock/{one URL-encoded segment}…`; `None` for any other path.
pub fn object_for_path(team: &TeamId, path: &str) -> Option<Result<ObjectAddress, BadAddress>> {
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next()?;
    let raw = segments.next().unwrap_or("");
    let bad = |field, message: String| BadAddress { field, message };
    Some(match first {
        "coordinator" => Ok(ObjectAddress { binding: COORDINATOR_BINDING, name: coordinator_object(team) }),
        "registry" => Ok(ObjectAddress { binding: TEAM_REGISTRY_BINDING, name: REGISTRY_OBJECT.into() }),
        "agent" => crate::percent_decode(raw)
            .ok_or_else(|| bad("agentId", "is not valid UTF-8".into()))
            .and_then(|id| AgentId::parse(&id).map_err(|e| bad("agentId", e.to_string())))
            .map(|id| ObjectAddress { binding: AGENT_STATE_BINDING, name: agent_object(team, &id) }),
        "lock" => ResourcePath::from_segment(raw)
            .map_err(|e| bad("resourcePath", e.to_string()))
            .map(|p| ObjectAddress { binding: RESOURCE_LOCK_BINDING, name: lock_object(team, &p) }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_objects() {
        let team = TeamId::parse("red").unwrap();
        let name = |p| object_for_path(&team, p).map(|r| r.map(|a| (a.binding, a.name)));
        assert_eq!(name("/coordinator/chat"), Some(Ok((COORDINATOR_BINDING, "red".into()))));
        assert_eq!(name("/agent/ann/state"), Some(Ok((AGENT_STATE_BINDING, "red:ann".into()))));
        let shard = lock_shard(&ResourcePath::parse("src/main.rs").unwrap());
        let lock = format!("red:\tlocks-{shard}");
        assert_eq!(name("/lock/src%2Fmain.rs/check"), Some(Ok((RESOURCE_LOCK_BINDING, lock))));
        assert_eq!(name("/registry/teams"), Some(Ok((TEAM_REGISTRY_BINDING, REGISTRY_OBJECT.into()))), "one per hub");
        assert_eq!(name("/agent/").unwrap().unwrap_err().field, "agentId");
        assert_eq!(name("/lock/").unwrap().unwrap_err().field, "resourcePath");
        assert_eq!(name("/health"), None);
    }

    #[test]
    fn names_are_one_to_one_even_with_colons() {
        let pairs = [
            ("acme", "web:ann"),
            ("acme:web", "ann"),
            ("acme:web:", "ann"),
            ("a", "b:c:d"),
            ("a:b", "c:d"),
            ("a:b:c", "d"),
            ("3", "a:b"),
            ("1", "1:a"),
            ("1:1", "a"),
            ("main", "ann"),
            ("main:ann", "x"),
            ("4", "main:ann"),
        ];
        let mut seen = std::collections::HashMap::new();
        for (team, id) in pairs {
            let Ok(t) = TeamId::parse(team) else { continue };
            let Ok(a) = AgentId::parse(id) else { continue };
            let n = agent_object(&t, &a);
            if let Some(other) = seen.insert(n.clone(), (team, id)) {
                panic!("{n} names both {other:?} and {:?}", (team, id));
            }
        }
        assert!(seen.len() >= 8, "most tricky ids are valid ids: {seen:?}");
        let main = TeamId::parse("main").unwrap();
        assert_eq!(agent_object(&main, &AgentId::parse("ann").unwrap()), "main:ann", "old names keep working");
        let p = ResourcePath::parse("C:/src/a.rs").unwrap();
        let colon = TeamId::parse("a:b").unwrap();
        assert_eq!(lock_object(&colon, &p), format!("3:a:b:\tlocks-{}", lock_shard(&p)));
    }

    #[test]
    fn a_path_keeps_its_shard_and_paths_spread_over_all() {
        let shard = |p: &str| lock_shard(&ResourcePath::parse(p).unwrap());
        // Pinned: a path moving to another shard would lose its lock.
        assert_eq!((shard("src/main.rs"), shard("README.md"), shard("a")), (12, 2, 12));
        let mut count = [0; LOCK_SHARDS as usize];
        for i in 0..1600 {
            count[shard(&format!("src/file-{i}.rs")) as usize] += 1;
        }
        assert!(count.iter().all(|&n| (60..=140).contains(&n)), "{count:?}");
    }
}
