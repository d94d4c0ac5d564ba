use crate::migrations::Migration;

pub const MIGRATIONS: &[Migration] = &[
    // When each path had an object of its own. Its tables stay in those
    // objects' databases, and are created empty in a shard's.
    Migration {
        name: "lock, queue, history",
        statements: &[
            // Who this object is (the alarm has no request to read it from) and
            // its counters.
            "CREATE TABLE meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            resource_path TEXT NOT NULL,
            team TEXT NOT NULL,
            last_fence INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0
        )",
            "CREATE TABLE current_lock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            locked_by TEXT NOT NULL,
            reason TEXT,
            resource_type TEXT NOT NULL,
            locked_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            fence INTEGER NOT NULL
        )",
            "CREATE TABLE lock_queue (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            agent_id TEXT NOT NULL,
            reason TEXT,
            resource_type TEXT NOT NULL,
            ttl_ms INTEGER NOT NULL
        )",
            "CREATE TABLE lock_history (
            fence INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            locked_by TEXT NOT NULL,
            reason TEXT,
            locked_at INTEGER NOT NULL,
            released_at INTEGER,
            release_reason TEXT,
            released_by TEXT
        )",
        ],
    },
    Migration {
        name: "a shard of paths",
        statements: &[
            "CREATE TABLE shard (id INTEGER PRIMARY KEY CHECK (id = 1), team TEXT NOT NULL)",
            // One row per path ever locked here (it keeps the fence and the
            // version going); the holder's columns are NULL while free, and
            // the queue is a short JSON list.
            "CREATE TABLE paths (
                resource_path TEXT PRIMARY KEY,
                last_fence INTEGER NOT NULL,
                version INTEGER NOT NULL,
                locked_by TEXT,
                reason TEXT,
                resource_type TEXT,
                locked_at INTEGER,
                expires_at INTEGER,
                fence INTEGER,
                queue TEXT NOT NULL DEFAULT '[]'
            ) WITHOUT ROWID",
            "CREATE INDEX paths_held ON paths(expires_at) WHERE locked_by IS NOT NULL",
            "CREATE TABLE grants (
                resource_path TEXT NOT NULL,
                fence INTEGER NOT NULL,
                id TEXT NOT NULL,
                locked_by TEXT NOT NULL,
                reason TEXT,
                locked_at INTEGER NOT NULL,
                released_at INTEGER,
                release_reason TEXT,
                released_by TEXT,
                PRIMARY KEY (resource_path, fence)
            ) WITHOUT ROWID",
        ],
    },
    Migration { name: "jobs", statements: crate::jobs::TABLE },
];
