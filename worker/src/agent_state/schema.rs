use crate::migrations::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "checkpoint, inbox, memory, traces, escalations, soul",
        statements: &[
            "CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 1), agent_id TEXT NOT NULL, team TEXT NOT NULL)",
            // Whole values as JSON: always read and written as one.
            "CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)",
            "CREATE TABLE soul (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)",
            "CREATE TABLE messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            from_agent TEXT NOT NULL,
            type TEXT NOT NULL,
            message TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            read INTEGER NOT NULL DEFAULT 0
        )",
            "CREATE INDEX messages_unread ON messages(read, seq)",
            "CREATE TABLE memory (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            content TEXT NOT NULL,
            tags TEXT NOT NULL,
            created_at INTEGER NOT NULL
        )",
            "CREATE INDEX memory_category ON memory(category)",
            "CREATE TABLE work_traces (
            session_id TEXT PRIMARY KEY,
            task TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            completed_at INTEGER,
            -- set once, at completion, when the soul is credited
            summary TEXT
        )",
            "CREATE INDEX traces_started ON work_traces(started_at DESC)",
            "CREATE TABLE work_steps (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL,
            body TEXT NOT NULL,
            timestamp INTEGER NOT NULL
        )",
            "CREATE INDEX steps_session ON work_steps(session_id, seq)",
            "CREATE TABLE escalations (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            opened_at_step INTEGER NOT NULL,
            resolved INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL
        )",
            "CREATE INDEX escalations_open ON escalations(session_id) WHERE resolved = 0",
        ],
    },
    Migration {
        name: "heartbeats",
        statements: &["CREATE TABLE heartbeats (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            timestamp INTEGER NOT NULL,
            tokens_used INTEGER NOT NULL DEFAULT 0,
            current_task TEXT,
            status TEXT NOT NULL
        )"],
    },
    Migration {
        name: "mcp sessions",
        statements: &["CREATE TABLE mcp_sessions (
            id TEXT PRIMARY KEY,
            protocol TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            -- news before this instant was told already
            cursor INTEGER NOT NULL
        )"],
    },
];
