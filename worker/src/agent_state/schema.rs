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
    Migration {
        name: "search",
        statements: &[
            // Full-text search over DMs, memories and steps, kept in step by
            // triggers (pruning included); each rowid is its row's seq.
            "CREATE VIRTUAL TABLE dms_fts USING fts5(author, body)",
            "CREATE VIRTUAL TABLE memory_fts USING fts5(body, tags)",
            "CREATE VIRTUAL TABLE steps_fts USING fts5(tool, body)",
            "INSERT INTO dms_fts (rowid, author, body) SELECT seq, from_agent, message FROM messages",
            "INSERT INTO memory_fts (rowid, body, tags) SELECT seq, content, tags FROM memory",
            "INSERT INTO steps_fts (rowid, tool, body) SELECT seq, ifnull(json_extract(body, '$.tool'), ''),
                ifnull(json_extract(body, '$.intent'), '') FROM work_steps",
            "CREATE TRIGGER dms_fts_in AFTER INSERT ON messages BEGIN
                INSERT INTO dms_fts (rowid, author, body) VALUES (new.seq, new.from_agent, new.message);
            END",
            "CREATE TRIGGER dms_fts_out AFTER DELETE ON messages BEGIN DELETE FROM dms_fts WHERE rowid = old.seq; END",
            "CREATE TRIGGER memory_fts_in AFTER INSERT ON memory BEGIN
                INSERT INTO memory_fts (rowid, body, tags) VALUES (new.seq, new.content, new.tags);
            END",
            "CREATE TRIGGER memory_fts_out AFTER DELETE ON memory BEGIN DELETE FROM memory_fts WHERE rowid = old.seq; END",
            "CREATE TRIGGER steps_fts_in AFTER INSERT ON work_steps BEGIN
                INSERT INTO steps_fts (rowid, tool, body) VALUES (new.seq, ifnull(json_extract(new.body, '$.tool'), ''),
                    ifnull(json_extract(new.body, '$.intent'), ''));
            END",
            "CREATE TRIGGER steps_fts_out AFTER DELETE ON work_steps BEGIN DELETE FROM steps_fts WHERE rowid = old.seq; END",
        ],
    },
    Migration {
        name: "xp history",
        statements: &[
            // A point whenever XP or level moves (the dashboard's chart),
            // starting from the soul as it stands.
            "CREATE TABLE xp_history (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            total_xp INTEGER NOT NULL,
            level TEXT NOT NULL
        )",
            "INSERT INTO xp_history (at, total_xp, level)
                SELECT CAST(strftime('%s', 'now') AS INTEGER) * 1000, json_extract(body, '$.totalXP'),
                       json_extract(body, '$.level')
                FROM soul WHERE json_extract(body, '$.totalXP') IS NOT NULL",
        ],
    },
    Migration {
        name: "who sent a DM for its sender",
        statements: &["ALTER TABLE messages ADD COLUMN sent_by TEXT"],
    },
    Migration { name: "jobs", statements: crate::jobs::TABLE },
    Migration { name: "the agent's event log", statements: crate::event_log::TABLE },
    Migration {
        name: "news marks, receipts and threads",
        statements: &[
            // What another object told the log, by its key: a report that
            // comes twice is entered once.
            "CREATE TABLE told (key TEXT PRIMARY KEY, at INTEGER NOT NULL)",
            // shown: the log's seq up to which news went to the model;
            // seen_at: when the agent last had a live session or took news;
            // warned: the lock expiries already told (JSON).
            "CREATE TABLE marks (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            shown INTEGER NOT NULL DEFAULT 0,
            seen_at INTEGER,
            warned TEXT NOT NULL DEFAULT '[]'
        )",
            "INSERT INTO marks (id) VALUES (1)",
            "ALTER TABLE messages ADD COLUMN reply_to TEXT",
            "ALTER TABLE messages ADD COLUMN ack_required INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE messages ADD COLUMN delivered_at INTEGER",
            "ALTER TABLE messages ADD COLUMN read_at INTEGER",
            "ALTER TABLE messages ADD COLUMN acked_at INTEGER",
            // The DMs this agent sent that asked for an ack, as receipts tell.
            "CREATE TABLE sent (
            id TEXT PRIMARY KEY,
            to_agent TEXT NOT NULL,
            excerpt TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            delivered_at INTEGER,
            read_at INTEGER,
            acked_at INTEGER,
            not_delivered_at INTEGER
        )",
            "CREATE INDEX sent_awaiting ON sent(sent_at) WHERE acked_at IS NULL",
        ],
    },
    Migration {
        name: "mcp subscriptions and logging level",
        statements: &[
            "ALTER TABLE mcp_sessions ADD COLUMN subscribed TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE mcp_sessions ADD COLUMN log_level TEXT",
        ],
    },
];
