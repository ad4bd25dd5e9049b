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

/// Whether mark `name` is set.
pub async fn is_set(db: &Db, name: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM database_marks WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}
