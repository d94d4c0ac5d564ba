//! The coordinator's tables. Times are INTEGER milliseconds since the epoch;
//! lists are JSON TEXT.

use crate::migrations::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "agents, chat, tasks",
        statements: &[
            "CREATE TABLE agents (
            agent_id TEXT PRIMARY KEY,
            status TEXT NOT NULL DEFAULT 'active',
            current_task TEXT,
            working_on TEXT,
            last_seen INTEGER NOT NULL,
            capabilities TEXT NOT NULL DEFAULT '[]',
            offers TEXT NOT NULL DEFAULT '[]',
            needs TEXT NOT NULL DEFAULT '[]',
            chat_cursor INTEGER NOT NULL
        )",
            "CREATE INDEX agents_status ON agents(status, last_seen DESC)",
            "CREATE TABLE messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            author TEXT NOT NULL,
            author_type TEXT NOT NULL DEFAULT 'agent',
            message TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            reactions TEXT NOT NULL DEFAULT '[]'
        )",
            "CREATE INDEX messages_time ON messages(timestamp DESC)",
            "CREATE TABLE tasks (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT,
            status TEXT NOT NULL DEFAULT 'todo',
            assignee TEXT,
            created_by TEXT NOT NULL,
            priority TEXT NOT NULL DEFAULT 'medium',
            tags TEXT NOT NULL DEFAULT '[]',
            files TEXT NOT NULL DEFAULT '[]',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        )",
            "CREATE INDEX tasks_status ON tasks(status)",
            "CREATE INDEX tasks_assignee ON tasks(assignee)",
        ],
    },
    Migration {
        name: "lock index",
        statements: &[
            // One row per resource ever locked; `lock` is NULL once released. The
            // row stays to remember `version`, so a late update cannot revive it.
            "CREATE TABLE locks (
            resource_path TEXT PRIMARY KEY,
            lock TEXT,
            expires_at INTEGER,
            version INTEGER NOT NULL
        )",
            "CREATE INDEX locks_held ON locks(expires_at) WHERE lock IS NOT NULL",
        ],
    },
    Migration {
        name: "zones, claims, handoffs",
        statements: &[
            "CREATE TABLE zones (
            zone_id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            owner TEXT NOT NULL,
            description TEXT,
            claimed_at INTEGER NOT NULL
        )",
            "CREATE INDEX zones_owner ON zones(owner)",
            "CREATE TABLE claims (
            what TEXT PRIMARY KEY,
            by TEXT NOT NULL,
            description TEXT,
            since INTEGER NOT NULL
        )",
            "CREATE INDEX claims_by ON claims(by)",
            "CREATE TABLE handoffs (
            id TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            to_agent TEXT,
            from_agent TEXT NOT NULL,
            created_at INTEGER NOT NULL
        )",
            "CREATE INDEX handoffs_status ON handoffs(status, created_at DESC)",
        ],
    },
    Migration {
        name: "escalation index",
        statements: &[
            "CREATE TABLE escalations (
            id TEXT PRIMARY KEY,
            agent_id TEXT NOT NULL,
            level INTEGER NOT NULL,
            resolved INTEGER NOT NULL,
            triggered_at INTEGER NOT NULL,
            body TEXT NOT NULL
        )",
            "CREATE INDEX escalations_open ON escalations(resolved, level DESC, triggered_at DESC)",
        ],
    },
    Migration {
        name: "credentials",
        statements: &[
            // Only the SHA-256 of a token is stored; the token is shown once.
            "CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            agent_id TEXT NOT NULL,
            label TEXT,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        )",
        ],
    },
    Migration {
        name: "chat search",
        statements: &[
            // SQLite full-text search, kept in step with the chat by triggers
            // (pruning included); rowid is the message's seq.
            "CREATE VIRTUAL TABLE chat_fts USING fts5(author, body)",
            "INSERT INTO chat_fts (rowid, author, body) SELECT seq, author, message FROM messages",
            "CREATE TRIGGER chat_fts_in AFTER INSERT ON messages BEGIN
                INSERT INTO chat_fts (rowid, author, body) VALUES (new.seq, new.author, new.message);
            END",
            "CREATE TRIGGER chat_fts_out AFTER DELETE ON messages BEGIN
                DELETE FROM chat_fts WHERE rowid = old.seq;
            END",
        ],
    },
    Migration {
        name: "chat indexed by the search that needs it",
        statements: &[
            // A post no longer indexes itself (it is the team's most frequent
            // write, a search is rare): a search first indexes the messages
            // after `chat_fts_upto` (search.rs). Pruning still removes a
            // message from the index, a no-op for one never indexed.
            "DROP TRIGGER chat_fts_in",
            "CREATE TABLE chat_fts_upto (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)",
            "INSERT INTO chat_fts_upto (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM messages",
        ],
    },
    Migration {
        name: "no index on agents' status",
        statements: &[
            // No query filters agents by status, and the index's second column,
            // `last_seen`, changes on every write of an agent: pure write cost.
            "DROP INDEX IF EXISTS agents_status",
        ],
    },
    Migration {
        name: "chat without AUTOINCREMENT",
        statements: &[
            // AUTOINCREMENT rewrote `sqlite_sequence` on every post: one more
            // page in each commit, for a guarantee the chat does not need.
            // Pruning only ever removes the oldest messages and keeps at
            // least one, so the newest `seq` stays and the next is above it.
            "CREATE TABLE messages_next (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            author TEXT NOT NULL,
            author_type TEXT NOT NULL DEFAULT 'agent',
            message TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            reactions TEXT NOT NULL DEFAULT '[]'
        )",
            "INSERT INTO messages_next (seq, id, author, author_type, message, timestamp, reactions)
             SELECT seq, id, author, author_type, message, timestamp, reactions FROM messages",
            "DROP TABLE messages",
            "ALTER TABLE messages_next RENAME TO messages",
            "CREATE INDEX messages_time ON messages(timestamp DESC)",
            "CREATE TRIGGER chat_fts_out AFTER DELETE ON messages BEGIN
                DELETE FROM chat_fts WHERE rowid = old.seq;
            END",
        ],
    },
    Migration {
        name: "every agent id the team has had",
        statements: &[
            // Join mints only ids the team has never seen: an agent the
            // human registered, or one whose token was revoked, is never
            // handed to whoever knows the team's secret. Never pruned (a
            // cap per team bounds it); filled by triggers, so each insert
            // commits with the row that makes the id known.
            "CREATE TABLE IF NOT EXISTS known_agents (agent_id TEXT PRIMARY KEY, first_seen INTEGER NOT NULL) WITHOUT ROWID",
            "INSERT OR IGNORE INTO known_agents (agent_id, first_seen) SELECT agent_id, last_seen FROM agents",
            "INSERT OR IGNORE INTO known_agents (agent_id, first_seen)
             SELECT agent_id, MIN(created_at) FROM tokens GROUP BY agent_id",
            "CREATE TRIGGER IF NOT EXISTS agents_known AFTER INSERT ON agents BEGIN
                INSERT OR IGNORE INTO known_agents (agent_id, first_seen) VALUES (new.agent_id, new.last_seen);
            END",
            "CREATE TRIGGER IF NOT EXISTS tokens_known AFTER INSERT ON tokens BEGIN
                INSERT OR IGNORE INTO known_agents (agent_id, first_seen) VALUES (new.agent_id, new.created_at);
            END",
        ],
    },
    Migration {
        name: "who posted a message for its author",
        statements: &["ALTER TABLE messages ADD COLUMN posted_by TEXT"],
    },
    Migration {
        name: "team settings",
        statements: &[
            // What the team's humans changed from the deployment's defaults
            // (`SettingsOverrides` as JSON), and who last did.
            "CREATE TABLE IF NOT EXISTS settings (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                body TEXT NOT NULL,
                updated_by TEXT,
                updated_at INTEGER
            )",
        ],
    },
    Migration {
        name: "the team's event log",
        statements: &[
            // Each logged event as its sockets received it (see `log.rs`).
            "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)",
        ],
    },
    Migration {
        name: "tasks as a work graph",
        statements: &[
            // The tasks table again, with blockers, parent, when it was
            // taken and its priority as a number (the ready queue's order).
            // Rebuilt rather than altered, so a folder taken back to an
            // older schema migrates again.
            "DROP TABLE IF EXISTS tasks_next",
            "CREATE TABLE tasks_next (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT,
            status TEXT NOT NULL DEFAULT 'todo',
            assignee TEXT,
            created_by TEXT NOT NULL,
            priority TEXT NOT NULL DEFAULT 'medium',
            tags TEXT NOT NULL DEFAULT '[]',
            files TEXT NOT NULL DEFAULT '[]',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            blocked_by TEXT NOT NULL DEFAULT '[]',
            parent TEXT,
            taken_at INTEGER,
            rank INTEGER NOT NULL DEFAULT 1
        )",
            "INSERT INTO tasks_next (id, title, description, status, assignee, created_by, priority, tags, files,
               created_at, updated_at, rank)
             SELECT id, title, description, status, assignee, created_by, priority, tags, files, created_at, updated_at,
               CASE priority WHEN 'low' THEN 0 WHEN 'high' THEN 2 WHEN 'urgent' THEN 3 ELSE 1 END
             FROM tasks",
            "DROP TABLE tasks",
            "ALTER TABLE tasks_next RENAME TO tasks",
            "CREATE INDEX tasks_status ON tasks(status)",
            "CREATE INDEX tasks_assignee ON tasks(assignee, status)",
            "CREATE INDEX tasks_page ON tasks(created_at DESC, id DESC)",
            "CREATE INDEX tasks_parent ON tasks(parent) WHERE parent IS NOT NULL",
            // The ready queue: todo and unassigned, by priority then age.
            "CREATE INDEX tasks_ready ON tasks(rank DESC, created_at, id) WHERE status = 'todo' AND assignee IS NULL",
            // One row per blocker, to find a task's dependents; the task's
            // own list is its `blocked_by` column.
            "CREATE TABLE IF NOT EXISTS task_blockers (
            task_id TEXT NOT NULL,
            blocker_id TEXT NOT NULL,
            PRIMARY KEY (task_id, blocker_id)
        ) WITHOUT ROWID",
            "CREATE INDEX IF NOT EXISTS task_blockers_by ON task_blockers(blocker_id)",
            "CREATE TABLE IF NOT EXISTS task_history (
            seq INTEGER PRIMARY KEY,
            task_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            by TEXT NOT NULL,
            status TEXT NOT NULL,
            assignee TEXT,
            note TEXT NOT NULL
        )",
            "CREATE INDEX IF NOT EXISTS task_history_task ON task_history(task_id, seq)",
            // A pruned task takes its edges and history along; an edge to a
            // pruned blocker stays and counts as done.
            "CREATE TRIGGER IF NOT EXISTS tasks_gone AFTER DELETE ON tasks BEGIN
                DELETE FROM task_blockers WHERE task_id = old.id;
                DELETE FROM task_history WHERE task_id = old.id;
            END",
        ],
    },
    Migration { name: "scheduled jobs", statements: crate::jobs::TABLE },
    Migration {
        name: "the team's own name",
        statements: &["CREATE TABLE IF NOT EXISTS team_name (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL)"],
    },
    Migration { name: "when each token was last used", statements: &["ALTER TABLE tokens ADD COLUMN last_used_at INTEGER"] },
    Migration {
        name: "what needs a human: approvals, webhooks, audit, shipped",
        statements: &[
            "CREATE TABLE IF NOT EXISTS approvals (
            id TEXT PRIMARY KEY,
            asked_at INTEGER NOT NULL,
            answered INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL
        )",
            "CREATE INDEX IF NOT EXISTS approvals_open ON approvals(answered, asked_at)",
            // The secret signs deliveries; it is read back only to sign.
            "CREATE TABLE IF NOT EXISTS webhooks (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            min_level INTEGER NOT NULL,
            secret TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL
        )",
            "CREATE TABLE IF NOT EXISTS deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            webhook_id TEXT NOT NULL,
            event TEXT NOT NULL,
            text TEXT NOT NULL,
            item TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            next_at INTEGER,
            last_result TEXT,
            last_at INTEGER
        )",
            "CREATE INDEX IF NOT EXISTS deliveries_hook ON deliveries(webhook_id, id DESC)",
            // Escalations and approvals sent again, unanswered.
            "CREATE TABLE IF NOT EXISTS reescalations (id TEXT PRIMARY KEY, sent INTEGER NOT NULL, last INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            who TEXT NOT NULL,
            action TEXT NOT NULL,
            object TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )",
            "CREATE TABLE IF NOT EXISTS shipped (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            title TEXT NOT NULL,
            who TEXT NOT NULL,
            at INTEGER NOT NULL,
            link TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID",
            "CREATE INDEX IF NOT EXISTS shipped_at ON shipped(at)",
            // Each human's visits: "since you left" is the previous one.
            "CREATE TABLE IF NOT EXISTS visits (who TEXT PRIMARY KEY, since INTEGER NOT NULL, last INTEGER NOT NULL)",
            // Who waits for which lock, since when (from the shards' reports).
            "CREATE TABLE IF NOT EXISTS lock_waits (
            path TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            since INTEGER NOT NULL,
            PRIMARY KEY (path, agent_id)
        ) WITHOUT ROWID",
        ],
    },
];
