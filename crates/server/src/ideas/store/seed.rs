//! Demo seed (`crate::demo`): a tenant's board settings stored only where none are (an
//! admin's later choice is kept), and a seeded idea, its votes and deflections moved back in
//! time so the weekly figures and the changelog show a history.

use panelcare_model::ideas::IdeaSettings;

use crate::{db::Db, time};

pub async fn settings_if_unset(
    db: &Db,
    tenant_id: &str,
    s: &IdeaSettings,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO idea_settings (tenant_id, board, moderated, authors, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO NOTHING",
    )
    .bind(tenant_id)
    .bind(i64::from(s.board))
    .bind(i64::from(s.moderated))
    .bind(s.authors.as_str())
    .bind(time::now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Moves idea `id` to `created_at`, and its last status change to `status_at` when given.
pub async fn backdate(
    db: &Db,
    id: &str,
    created_at: i64,
    status_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE ideas SET created_at = $2, updated_at = $2, \
         status_at = COALESCE($3, status_at) WHERE id = $1",
    )
    .bind(id)
    .bind(created_at)
    .bind(status_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Moves `account_id`'s vote for idea `id` (and its deflection, if any) to `at`.
pub async fn backdate_vote(
    db: &Db,
    id: &str,
    account_id: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    for table in ["idea_votes", "idea_deflections"] {
        sqlx::query(&format!(
            "UPDATE {table} SET created_at = $3 WHERE idea_id = $1 AND account_id = $2"
        ))
        .bind(id)
        .bind(account_id)
        .bind(at)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}
