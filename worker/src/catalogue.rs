//! `GET /` for API clients: the endpoint catalogue the original answered
//! there (a browser asking for HTML gets the portal instead).

use hub_protocol::Catalogue;

/// Path → what it does, with its methods.
const ENDPOINTS: &[(&str, &str)] = &[
    ("/health", "Health check - GET"),
    ("/coordinator", "Team WebSocket - GET with Upgrade: websocket (?agentId=)"),
    ("/coordinator/agents", "Agent registry - GET/POST"),
    ("/coordinator/chat", "Group chat - GET/POST"),
    (
        "/coordinator/tasks",
        "Task management - GET (paged)/POST; /coordinator/tasks/:id - GET (with blockers, history)/PATCH",
    ),
    ("/coordinator/tasks/ready", "Tasks that may start now, by priority then age - GET"),
    ("/coordinator/tasks/take", "Take the next ready task (or a named one), atomically - POST"),
    ("/coordinator/tasks/export", "Every task as JSON Lines - GET; /coordinator/tasks/import?prefix= - POST (human)"),
    ("/coordinator/zones", "Zone claiming - GET/POST (claim, release)"),
    ("/coordinator/claims", "Work claims - GET/POST (claim, release)"),
    ("/coordinator/handoffs", "Work handoffs - GET/POST (create, claim, complete)"),
    ("/coordinator/locks", "Locks held in the team - GET"),
    ("/coordinator/work", "Hot-start bundle - GET"),
    ("/coordinator/onboard", "Agent onboarding bundle - GET (soul, dashboard, team, suggested task)"),
    ("/coordinator/session-resume", "Session resume for humans - GET"),
    ("/coordinator/escalations", "Escalations of the team - GET (open; ?resolved=true: resolved)"),
    ("/coordinator/search", "The team's chat by full-text search - GET ?q="),
    ("/coordinator/activity", "Chat messages per hour - GET ?days= (1 to 30)"),
    ("/coordinator/join", "Join a team with its secret - POST (no token)"),
    ("/coordinator/tokens", "Agent tokens - GET/POST/DELETE (human token)"),
    ("/coordinator/settings", "The team's settings - GET; PATCH (humans)"),
    ("/coordinator/attention", "What needs a human, most urgent first, each with its action - GET"),
    ("/coordinator/shipped", "Tasks done, traces and handoffs completed since your last visit - GET"),
    (
        "/coordinator/approvals",
        "Approvals agents ask humans - GET/POST; /:id - GET (?wait=); /:id/answer - POST (humans)",
    ),
    ("/coordinator/webhooks", "Webhooks - GET/POST; /:id - DELETE; /:id/test - POST (humans)"),
    ("/coordinator/audit", "Humans' actions as JSON Lines - GET (humans)"),
    ("/agent/:agentId", "Per-agent state - GET; WebSocket with Upgrade: websocket"),
    ("/agent/:agentId/checkpoint", "Checkpoint - GET/POST"),
    ("/agent/:agentId/messages", "Direct messages - GET/POST/PATCH (mark read)"),
    ("/agent/:agentId/memory", "Memories - GET/POST"),
    ("/agent/:agentId/trace", "Work traces - GET (list), POST (start)"),
    ("/agent/:agentId/trace/:sessionId", "Trace session - GET full trace"),
    ("/agent/:agentId/trace/:sessionId/step", "Log work step - POST"),
    ("/agent/:agentId/trace/:sessionId/complete", "Complete trace - POST"),
    ("/agent/:agentId/trace/:sessionId/resolve-escalation", "Resolve escalation - POST"),
    ("/agent/:agentId/trace/:sessionId/escalations", "Trace escalations - GET"),
    ("/agent/:agentId/soul", "Soul progression - GET/POST/PATCH"),
    ("/agent/:agentId/dashboard", "Agent self-dashboard - GET"),
    ("/agent/:agentId/heartbeat", "Heartbeat - GET (health), POST (tokensUsed, currentTask, status)"),
    ("/agent/:agentId/search", "The agent's DMs, memories and steps by full-text search - GET ?q="),
    ("/agent/:agentId/activity", "The agent's steps and errors per hour - GET ?days= (1 to 30)"),
    ("/agent/:agentId/xp-history", "The agent's XP and level after each change - GET"),
    ("/charts/*", "The portal's charts as SVG: activity?days=, xp/:agentId, steps/:agentId/:sessionId - GET"),
    ("/registry/teams", "Every team of the hub - GET; create one - POST (human token)"),
    ("/lock/:resourcePath/*", "Resource locking - check, lock, unlock, renew, history"),
];

pub fn catalogue() -> Catalogue {
    Catalogue {
        name: "agent-hub".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        endpoints: ENDPOINTS.iter().map(|(path, what)| ((*path).to_owned(), (*what).to_owned())).collect(),
        docs: "See the README of agent-hub; the portal is at / in a browser".into(),
    }
}
