//! Behaviour of the runtime itself: data on disk survives a restart of
//! workerd, a copied folder is a backup, an upgrade migrates old data, and
//! presence times out. These start their own hub.

use std::time::Duration;

use hub_protocol::{
    AgentsResponse, ChatResponse, CheckpointResponse, InboxResponse, LockHistory, LockStatus, LocksResponse,
    TasksResponse,
};
use hub_tests::{OwnHub, TestApp};
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn data_survives_a_restart_and_presence_times_out() {
    let mut hub = OwnHub::start("restart", 8790, &[("PRESENCE_OFFLINE_AFTER_SECS", "2")]).await;
    let app = TestApp::on(hub.url());
    app.post("/coordinator/agents", json!({"agentId": "ann", "workingOn": "persistence"})).await;
    app.chat("ann", "before restart").await;
    app.create_task(json!({"title": "survive"})).await;
    app.lock_call("src/kept.rs", "lock", json!({"agentId": "ann", "ttlMs": 600_000})).await;
    app.lock_call("src/kept.rs", "lock", json!({"agentId": "bob", "wait": true})).await;

    app.post("/agent/ann/checkpoint", json!({"conversationSummary": "kept", "pendingWork": ["x"]})).await;
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "still there?"})).await;

    hub.restart().await;

    let cp: CheckpointResponse = app.get("/agent/ann/checkpoint").await.typed();
    assert_eq!(cp.checkpoint.unwrap().conversation_summary.as_deref(), Some("kept"));
    let inbox: InboxResponse = app.get("/agent/ann/messages?unread=true").await.typed();
    assert_eq!(inbox.messages.len(), 1);

    let kept: LockStatus = app.check("src/kept.rs").await.typed();
    assert_eq!(kept.lock.map(|l| l.locked_by.to_string()).as_deref(), Some("ann"));
    assert_eq!(kept.queue.len(), 1);
    let history: LockHistory = app.history("src/kept.rs").await.typed();
    assert_eq!(history.history.len(), 1);
    let index: LocksResponse = app.get("/coordinator/locks").await.typed();
    assert_eq!(index.locks.len(), 1);

    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(chat.messages.len(), 1);
    assert_eq!(chat.messages[0].message, "before restart");
    let tasks: TasksResponse = app.get("/coordinator/tasks").await.typed();
    assert_eq!(tasks.tasks[0].title, "survive");
    let all: AgentsResponse = app.get("/coordinator/agents?includeOffline=true").await.typed();
    assert_eq!(all.agents[0].working_on.as_deref(), Some("persistence"));

    // Not seen for more than 2 s, no socket: offline without any close.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let online: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert!(online.agents.is_empty(), "{:?}", online.agents);
    app.register("ann").await;
    let online: AgentsResponse = app.get("/coordinator/agents").await.typed();
    assert_eq!(online.agents.len(), 1);
}

/// Backup is "stop, copy the folder, start": a copy serves everything.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_copied_data_folder_is_a_working_backup() {
    let mut hub = OwnHub::start("backup", 8795, &[]).await;
    let app = TestApp::on(hub.url());
    app.chat("ann", "in the backup").await;
    app.lock_call("src/backup.rs", "lock", json!({"agentId": "ann", "ttlMs": 600_000})).await;
    app.post("/agent/ann/messages", json!({"from": "bob", "message": "backed up"})).await;
    hub.stop();

    let copy = hub.data.with_file_name("backup-restored");
    let _ = std::fs::remove_dir_all(&copy);
    let status = std::process::Command::new("cp").arg("-a").arg(&hub.data).arg(&copy).status().expect("cp");
    assert!(status.success());
    std::fs::remove_dir_all(&hub.data).expect("the original is gone");
    hub.data = copy;
    hub.restart().await;

    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(chat.messages[0].message, "in the backup");
    let lock: LockStatus = app.check("src/backup.rs").await.typed();
    assert!(lock.locked);
    let inbox: InboxResponse = app.get("/agent/ann/messages").await.typed();
    assert_eq!(inbox.messages[0].message, "backed up");
}

/// An upgrade runs the pending migrations on an object's first request.
/// The data folder is taken back to the schema before the last coordinator
/// migration ("credentials": the tokens table and its record removed, as a
/// hub of that version left it), then served by this build.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn an_upgrade_migrates_a_folder_of_the_previous_schema() {
    let mut hub = OwnHub::start("upgrade", 8796, &[]).await;
    let app = TestApp::on(hub.url());
    app.chat("ann", "written by the old schema").await;
    hub.stop();

    let folder = hub.data.join("agent-hub-AgentCoordinator");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("coordinator folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite") && !p.ends_with("metadata.sqlite"))
        .collect();
    assert_eq!(files.len(), 1, "one team, one coordinator: {files:?}");
    // Back before the credentials and the chat's search index (and what came after).
    let downgrade = "import sqlite3, sys\n\
        db = sqlite3.connect(sys.argv[1])\n\
        assert db.execute('SELECT name FROM _migrations WHERE version = 5').fetchone()[0] == 'credentials'\n\
        assert db.execute('SELECT name FROM _migrations WHERE version = 6').fetchone()[0] == 'chat search'\n\
        for s in ['DROP TRIGGER IF EXISTS chat_fts_in', 'DROP TRIGGER chat_fts_out', 'DROP TABLE chat_fts', 'DROP TABLE IF EXISTS chat_fts_upto', 'DROP TABLE tokens']: db.execute(s)\n\
        db.execute('DELETE FROM _migrations WHERE version >= 5')\n\
        db.commit()\n";
    let status =
        std::process::Command::new("python3").args(["-c", downgrade]).arg(&files[0]).status().expect("python3");
    assert!(status.success(), "could not take the folder back a schema version");

    hub.restart().await;
    let chat: ChatResponse = app.get("/coordinator/chat").await.typed();
    assert_eq!(chat.messages[0].message, "written by the old schema");
    // The search index is built from the chat that was there.
    let found = app.get("/coordinator/search?q=schema").await;
    assert_eq!(found.body["hits"][0]["text"], "written by the old schema", "{}", found.body);
    // The tokens table exists again: minting works.
    let (agent, _) = app.as_agent("ann").await;
    assert_eq!(agent.get("/coordinator/agents").await.status, 200);
}

/// Runs `script` (Python, with `sqlite3` and `sys`) on every lock shard's
/// database under `data`; what each run prints, together.
fn on_lock_shards(data: &std::path::Path, script: &str) -> String {
    let folder = data.join("agent-hub-ResourceLock");
    let mut printed = String::new();
    for db in std::fs::read_dir(&folder).expect("lock shards").filter_map(|e| e.ok().map(|e| e.path())) {
        if db.extension().is_none_or(|e| e != "sqlite") || db.ends_with("metadata.sqlite") {
            continue;
        }
        let out = std::process::Command::new("python3")
            .args(["-c", &format!("import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\n{script}")])
            .arg(&db)
            .output()
            .expect("python3");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        printed.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    printed
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_lock_stored_under_an_old_spelling_still_expires() {
    let mut hub = OwnHub::start("old-spelling", 8805, &[]).await;
    let app = TestApp::on(hub.url());
    let taken = app.lock_call("src/f.rs", "lock", json!({"agentId": "ann", "ttlMs": 3000})).await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    hub.stop();
    // As a hub from before the path rules stored it: with a leading slash.
    on_lock_shards(
        &hub.data,
        "db.execute(\"UPDATE paths SET resource_path = '/src/f.rs' WHERE resource_path = 'src/f.rs'\")\n\
         db.execute(\"UPDATE grants SET resource_path = '/src/f.rs' WHERE resource_path = 'src/f.rs'\")\n\
         db.commit()",
    );
    hub.restart().await;
    // The shard's stored alarm rings at the expiry and finds the lock by
    // the name it was stored under.
    let query = "print(db.execute(\"SELECT COALESCE(locked_by, 'free') FROM paths WHERE resource_path = '/src/f.rs'\").fetchall())";
    let mut state = String::new();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        state = on_lock_shards(&hub.data, query);
        if state.contains("free") {
            break;
        }
    }
    assert!(state.contains("[('free',)]"), "the old lock expired: {state}");
    let reason = on_lock_shards(
        &hub.data,
        "print(db.execute(\"SELECT release_reason FROM grants WHERE resource_path = '/src/f.rs'\").fetchall())",
    );
    assert!(reason.contains("expired"), "{reason}");
}
