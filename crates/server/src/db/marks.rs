//! Marks on the database as a whole (`database_marks`): facts set once, read at start-up.

use super::Db;

/// Demo mode seeded this database: its tenants' secrets and console passwords are published.
pub const DEMO: &str = "demo";

/// Sets mark `name` (a second time changes nothing).
pub async fn set(db: &Db, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO database_marks (name, set_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(name)
        .bind(crate::time::now_ms())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Whether mark `name` is set. A database short of the migration that made the table has
/// no marks (`false`); any other failure is an error, never read as "not marked".
pub async fn is_set(db: &Db, name: &str) -> Result<bool, sqlx::Error> {
    let found = sqlx::query_scalar::<_, i64>("SELECT 1 FROM database_marks WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await;
    match found {
        Ok(found) => Ok(found.is_some()),
        Err(e) if no_table(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// SQLite's "no such table" or PostgreSQL's `undefined_table` (42P01).
fn no_table(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| {
        d.code().is_some_and(|c| c == "42P01") || d.message().contains("no such table")
    })
}
