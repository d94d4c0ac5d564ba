use crate::migrations::Migration;

pub const MIGRATIONS: &[Migration] = &[Migration {
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
}];
