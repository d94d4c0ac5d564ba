//! Who may do what: every request names the [`Access`] it needs, and
//! [`authorize`] decides for a [`Caller`]. One table, tested here, instead
//! of checks scattered through the handlers.

use hub_protocol::{AgentId, Caller};

/// What a request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Anyone, even without a credential (joining a team by its secret).
    Public,
    /// Anyone with a credential of the team: team-wide reads.
    Member,
    /// Acting as, or reading the private data of, this agent.
    Own(AgentId),
    /// An admin action: resetting a soul, granting XP, reading the team
    /// registry.
    Human,
    /// A human action recorded under this id (posting as a human, resolving
    /// as one, forcing a release): the human token may name any, a named
    /// human only their own `human:<name>`.
    AsHuman(AgentId),
    /// Minting or revoking credentials: the human token only (not even the
    /// compatibility switch).
    Credentials,
    /// Object-to-object calls only.
    Internal,
}

/// Why a request was refused; the Worker answers 403 with this text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// No credential at all: 401.
    NoCredential,
    /// An agent token used to act as someone else.
    NotYou {
        caller: AgentId,
        acting: AgentId,
    },
    HumanOnly,
    /// A named human acting under another human's name.
    NotThisHuman {
        caller: AgentId,
        acting: AgentId,
    },
    CredentialsHumanOnly,
    InternalOnly,
    /// An agent changing a task that is neither assigned to it nor its own.
    NotYourTask {
        caller: AgentId,
    },
}

impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Denied::NotYou { caller, acting } => {
                write!(f, "This token belongs to agent '{caller}', not '{acting}': an agent acts only as itself")
            }
            Denied::NoCredential => f.write_str("This needs a token: send Authorization: Bearer <token>"),
            Denied::HumanOnly => f.write_str("Only a human may do this"),
            Denied::NotThisHuman { caller, acting } => {
                write!(
                    f,
                    "This token belongs to '{caller}', not '{acting}': a named human acts only under their own name"
                )
            }
            Denied::CredentialsHumanOnly => f.write_str("Only the hub's human (admin) token may mint or revoke tokens"),
            Denied::InternalOnly => f.write_str("This path is internal to the hub"),
            Denied::NotYourTask { caller } => write!(
                f,
                "Agent '{caller}' may change only tasks assigned to it or created by it, and take an unassigned \
                 one for itself"
            ),
        }
    }
}

/// Ids the hub itself speaks as (`human` is the portal's author, `system`
/// its own notes, `all` an @mention of everyone): no agent token is ever
/// minted for them, so no agent can chat or DM as one. Named humans'
/// `human:<name>` ids are reserved too.
pub const RESERVED_AGENT_IDS: [&str; 3] = ["human", "system", "all"];

pub fn is_reserved(agent: &AgentId) -> bool {
    RESERVED_AGENT_IDS.iter().any(|r| r.eq_ignore_ascii_case(agent.as_str())) || hub_protocol::is_human(agent.as_str())
}

/// # Errors
/// [`Denied`] naming the reason, for the 403 body.
pub fn authorize(caller: &Caller, access: &Access) -> Result<(), Denied> {
    match (caller, access) {
        (_, Access::Public) | (Caller::Internal, _) => Ok(()),
        (Caller::Anonymous, _) => Err(Denied::NoCredential),
        (_, Access::Internal) => Err(Denied::InternalOnly),
        (Caller::Human, _) => Ok(()),
        (_, Access::Credentials) => Err(Denied::CredentialsHumanOnly),
        (Caller::Legacy, _) => Ok(()),
        (Caller::Agent(_) | Caller::NamedHuman(_), Access::Member) | (Caller::NamedHuman(_), Access::Human) => Ok(()),
        (Caller::Agent(me), Access::Own(acting)) if me == acting => Ok(()),
        (Caller::Agent(me), Access::Own(acting)) => Err(Denied::NotYou { caller: me.clone(), acting: acting.clone() }),
        (Caller::Agent(_), Access::Human | Access::AsHuman(_)) => Err(Denied::HumanOnly),
        // A named human has the human's reach over agents (their inboxes,
        // acting for them), but among humans is only themselves.
        (Caller::NamedHuman(me), Access::Own(acting) | Access::AsHuman(acting))
            if me == acting || matches!(access, Access::Own(_)) && !hub_protocol::is_human(acting.as_str()) =>
        {
            Ok(())
        }
        (Caller::NamedHuman(me), Access::Own(acting) | Access::AsHuman(acting)) => {
            Err(Denied::NotThisHuman { caller: me.clone(), acting: acting.clone() })
        }
    }
}

/// What the Worker can tell from an agent path alone, before the agent's
/// object wakes (so a refused read creates no object): another agent may
/// only DM the owner or resolve its escalation as a peer; a named human
/// reaches another human's object only to DM them. Everything else there
/// needs [`Access::Own`], which the object checks again in full.
///
/// # Errors
/// [`Denied`] as the object would answer it.
pub fn may_reach_agent(caller: &Caller, owner: &AgentId, method: &str, rest: &[&str]) -> Result<(), Denied> {
    let dm = method == "POST" && rest == ["messages"];
    let peer_resolve = method == "POST" && matches!(rest, ["trace", _, "resolve-escalation"]);
    match caller {
        Caller::Agent(me) if me != owner && !dm && !peer_resolve => {
            Err(Denied::NotYou { caller: me.clone(), acting: owner.clone() })
        }
        Caller::NamedHuman(me) if me != owner && hub_protocol::is_human(owner.as_str()) && !dm => {
            Err(Denied::NotThisHuman { caller: me.clone(), acting: owner.clone() })
        }
        _ => Ok(()),
    }
}

/// Who to record beside a message written as `author`: a named human
/// writing for someone else (the human token is the hub's own voice and
/// agents only ever write as themselves, so neither needs it).
pub fn recorded_actor(caller: &Caller, author: &AgentId) -> Option<AgentId> {
    match caller {
        Caller::NamedHuman(me) if me != author => Some(me.clone()),
        _ => None,
    }
}

/// Who a human action is recorded under: a named human's own id, `human`
/// for the human token (and the compatibility switch), an agent as itself.
#[must_use]
pub fn actor(caller: &Caller) -> Option<AgentId> {
    match caller {
        Caller::NamedHuman(id) | Caller::Agent(id) => Some(id.clone()),
        Caller::Human | Caller::Legacy => AgentId::parse("human").ok(),
        Caller::Internal | Caller::Anonymous => None,
    }
}

/// The stricter of two needs, for requests that need both (a DM is sent
/// to one agent's object but acts as the sender).
pub fn all(accesses: impl IntoIterator<Item = Access>, caller: &Caller) -> Result<(), Denied> {
    accesses.into_iter().try_for_each(|a| authorize(caller, &a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_human_writing_for_another_is_recorded() {
        let id = |s| AgentId::parse(s).unwrap();
        let bea = Caller::NamedHuman(id("human:bea"));
        assert_eq!(recorded_actor(&bea, &id("ann")), Some(id("human:bea")));
        assert_eq!(recorded_actor(&bea, &id("human:bea")), None, "writing as herself");
        assert_eq!(recorded_actor(&Caller::Human, &id("ann")), None);
        assert_eq!(recorded_actor(&Caller::Agent(id("ann")), &id("ann")), None);
    }

    #[test]
    fn another_agents_object_is_reached_only_to_dm_or_resolve() {
        let id = |s| AgentId::parse(s).unwrap();
        let bob = Caller::Agent(id("bob"));
        assert!(may_reach_agent(&bob, &id("bob"), "GET", &["state"]).is_ok(), "its own");
        assert!(may_reach_agent(&bob, &id("ann"), "POST", &["messages"]).is_ok(), "a DM");
        assert!(may_reach_agent(&bob, &id("ann"), "POST", &["trace", "s1", "resolve-escalation"]).is_ok());
        for (method, rest) in
            [("GET", vec!["state"]), ("GET", vec![]), ("GET", vec!["messages"]), ("POST", vec!["memory"])]
        {
            assert!(
                matches!(may_reach_agent(&bob, &id("ann"), method, &rest), Err(Denied::NotYou { .. })),
                "{method} {rest:?}"
            );
        }
        assert!(may_reach_agent(&Caller::Human, &id("ann"), "GET", &["state"]).is_ok());
        let alice = Caller::NamedHuman(id("human:alice"));
        assert!(may_reach_agent(&alice, &id("ann"), "GET", &["state"]).is_ok(), "a human reaches agents");
        assert!(may_reach_agent(&alice, &id("human:carol"), "GET", &["state"]).is_err(), "not another human");
    }

    #[test]
    fn the_hubs_own_names_are_reserved() {
        for id in ["human", "system", "all", "Human"] {
            assert!(is_reserved(&AgentId::parse(id).unwrap()), "{id}");
        }
        assert!(!is_reserved(&AgentId::parse("humane").unwrap()));
        assert!(is_reserved(&AgentId::parse("human:alice").unwrap()));
        assert!(is_reserved(&AgentId::parse("HUMAN:alice").unwrap()));
    }

    fn id(s: &str) -> AgentId {
        AgentId::parse(s).unwrap()
    }

    #[test]
    fn the_role_table() {
        let ann = Caller::Agent(id("ann"));
        let own_ann = Access::Own(id("ann"));
        let own_bob = Access::Own(id("bob"));
        let alice = Caller::NamedHuman(id("human:alice"));
        let (own_alice, as_alice) = (Access::Own(id("human:alice")), Access::AsHuman(id("human:alice")));
        let (own_carol, as_carol) = (Access::Own(id("human:carol")), Access::AsHuman(id("human:carol")));
        let (own_human, as_human) = (Access::Own(id("human")), Access::AsHuman(id("human")));
        // (caller, access, allowed)
        let table = [
            (&Caller::Human, &Access::Member, true),
            (&Caller::Human, &own_bob, true),
            (&Caller::Human, &Access::Human, true),
            (&Caller::Human, &Access::Credentials, true),
            (&Caller::Human, &Access::Internal, false),
            (&ann, &Access::Member, true),
            (&ann, &own_ann, true),
            (&ann, &own_bob, false),
            (&ann, &Access::Human, false),
            (&ann, &Access::Credentials, false),
            (&ann, &Access::Internal, false),
            (&Caller::Legacy, &own_bob, true),
            (&Caller::Legacy, &Access::Human, true),
            (&Caller::Legacy, &Access::Credentials, false),
            (&Caller::Legacy, &Access::Internal, false),
            (&Caller::Internal, &Access::Internal, true),
            (&Caller::Internal, &own_bob, true),
            (&Caller::Anonymous, &Access::Public, true),
            (&ann, &Access::Public, true),
            (&Caller::Anonymous, &Access::Member, false),
            (&Caller::Anonymous, &own_bob, false),
            (&Caller::Human, &as_carol, true),
            (&ann, &as_human, false),
            (&ann, &own_alice, false),
            (&alice, &Access::Member, true),
            (&alice, &Access::Human, true),
            (&alice, &own_bob, true),
            (&alice, &own_alice, true),
            (&alice, &as_alice, true),
            (&alice, &own_carol, false),
            (&alice, &as_carol, false),
            (&alice, &own_human, false),
            (&alice, &as_human, false),
            (&alice, &Access::AsHuman(id("bob")), false),
            (&alice, &Access::Credentials, false),
            (&alice, &Access::Internal, false),
            (&Caller::Legacy, &as_carol, true),
        ];
        for (caller, access, allowed) in table {
            assert_eq!(authorize(caller, access).is_ok(), allowed, "{caller:?} {access:?}");
        }
    }

    #[test]
    fn a_mismatch_names_both_agents() {
        let err = authorize(&Caller::Agent(id("ann")), &Access::Own(id("bob"))).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("'ann'") && text.contains("'bob'"), "{text}");
    }

    #[test]
    fn all_needs_every_access() {
        let ann = Caller::Agent(id("ann"));
        assert!(all([Access::Member, Access::Own(id("ann"))], &ann).is_ok());
        assert!(all([Access::Own(id("ann")), Access::Human], &ann).is_err());
    }
}
