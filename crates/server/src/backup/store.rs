//! The SQL of backups: a plain SQLite connection (not the server's pool, which would migrate
//! and seal), `VACUUM INTO`, SQLite's integrity check, the record of migrations, and whether
//! another connection has a database open.

use std::{path::Path, time::Duration};

use sqlx::{
    ConnectOptions as _, Connection as _, SqliteConnection,
    sqlite::{SqliteConnectOptions, SqliteError},
};

/// Opens the existing database at `path` (never creates one), waiting up to `busy` for
/// another writer.
pub async fn open(path: &Path, busy: Duration) -> Result<SqliteConnection, sqlx::Error> {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .busy_timeout(busy)
        .connect()
        .await
}

/// Writes a consistent copy of the database `conn` is on to `to` (a file that must not exist
/// or be empty). One read transaction: writers go on, and the copy is the database as it was
/// when it began. The copy is in rollback-journal mode, one self-contained file.
pub async fn vacuum_into(conn: &mut SqliteConnection, to: &Path) -> Result<(), sqlx::Error> {
    let to = to
        .to_str()
        .ok_or_else(|| sqlx::Error::Protocol(format!("{} is not a UTF-8 path", to.display())))?;
    sqlx::query("VACUUM INTO ?1").bind(to).execute(conn).await?;
    Ok(())
}

/// SQLite's integrity check: `Ok(())` when it finds nothing, else what it found (the first
/// few problems).
pub async fn integrity(conn: &mut SqliteConnection) -> Result<Result<(), String>, sqlx::Error> {
    let found: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check(5)")
        .fetch_all(conn)
        .await?;
    Ok(if found.len() == 1 && found[0] == "ok" {
        Ok(())
    } else {
        Err(found.join("; "))
    })
}

/// The migrations applied to the database, `(version, checksum)` oldest first; `None` when it
/// has no record of migrations (not a panelcare database).
pub async fn migrations(
    conn: &mut SqliteConnection,
) -> Result<Option<Vec<(i64, Vec<u8>)>>, sqlx::Error> {
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if recorded == 0 {
        return Ok(None);
    }
    let applied = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(conn)
    .await?;
    Ok(Some(applied))
}

/// Takes the database at `path` for this process alone: `None` when another connection, in
/// this process or another, has it open. A connection in exclusive locking mode cannot take
/// the lock while any other one is open, even one idle in a server's pool (under WAL each
/// holds a shared lock on the file); it takes it at once when none is. The connection
/// returned holds the lock (and keeps out a server starting meanwhile) until it is closed.
pub async fn lock(path: &Path) -> Result<Option<SqliteConnection>, sqlx::Error> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .busy_timeout(Duration::ZERO)
        .pragma("locking_mode", "EXCLUSIVE")
        .connect()
        .await?;
    let taken = sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await;
    match taken {
        // Exclusive locking mode keeps the lock after the transaction ends.
        Ok(_) => {
            sqlx::query("ROLLBACK").execute(&mut conn).await?;
            Ok(Some(conn))
        }
        Err(sqlx::Error::Database(e)) if is_busy(e.try_downcast_ref::<SqliteError>()) => {
            conn.close().await?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED (and their extended codes).
fn is_busy(e: Option<&SqliteError>) -> bool {
    e.and_then(sqlx::error::DatabaseError::code)
        .and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6))
}
