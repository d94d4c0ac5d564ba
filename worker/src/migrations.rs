//! Versioned schema changes for a Durable Object's SQLite database.
//!
//! Each object lists its migrations in order; [`apply`] runs those not yet
//! recorded in `_migrations`. Migrations are append-only: never edit one that
//! has shipped, add the next.
//!
//! There is no SQL transaction API in workers-rs, but the runtime commits all
//! synchronous `exec` calls made without an `.await` between them together;
//! `apply` is fully synchronous, so a migration and its record land together.

use worker::SqlStorage;

pub struct Migration {
    pub name: &'static str,
    pub statements: &'static [&'static str],
}

/// Whether the database was new (no migration had run before).
///
/// # Errors
/// When a statement fails; the object then refuses to serve rather than run
/// on a half-known schema.
pub fn apply(sql: &SqlStorage, migrations: &[Migration]) -> worker::Result<bool> {
    sql.exec(
        "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
        None,
    )?;
    #[derive(serde::Deserialize)]
    struct Row {
        version: Option<i64>,
    }
    let done = sql.exec("SELECT MAX(version) AS version FROM _migrations", None)?.one::<Row>()?.version.unwrap_or(0);
    let now = crate::clock::now().millis();
    for (index, migration) in migrations.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= done {
            continue;
        }
        for statement in migration.statements {
            sql.exec(statement, None)?;
        }
        sql.exec(
            "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
            vec![version.into(), migration.name.into(), now.into()],
        )?;
    }
    Ok(done == 0)
}

/// Whether an object's migrations ran. A failed migration leaves the object
/// answering 500 instead of running on a schema it does not know.
pub struct Schema(Result<bool, String>);

impl Schema {
    pub fn apply(sql: &SqlStorage, migrations: &[Migration]) -> Self {
        Self(apply(sql, migrations).map_err(|e| e.to_string()))
    }

    /// The database was created just now: every table is empty.
    pub fn is_new(&self) -> bool {
        self.0 == Ok(true)
    }

    /// # Errors
    /// A 500 naming the failed migration.
    pub fn ready(&self) -> Result<(), crate::api_error::ApiError> {
        self.0.clone().map(drop).map_err(|e| crate::api_error::ApiError::Internal(format!("migration failed: {e}")))
    }
}
