//! What password resets read and write: reset links (a hash of each token), the account's
//! new password, and the sessions a reset ends.

use crate::db::Db;

/// Keeps a new link for `agent_id`, valid until `expires_at`.
pub async fn insert(
    db: &Db,
    token_hash: &str,
    agent_id: &str,
    expires_at: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, agent_id, expires_at, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(agent_id)
    .bind(expires_at)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Whether the link `token_hash` would work at `now` (unused, unexpired, its account there).
pub async fn usable(db: &Db, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_resets \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
           AND agent_id IN (SELECT id FROM agents WHERE removed_at IS NULL)",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// Deletes links that expired or were used before `before`.
pub async fn sweep(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM password_resets WHERE expires_at < $1 OR used_at < $1")
            .bind(before)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

/// Uses the link `token_hash` at `now`, once: the account it resets, or `None` when the
/// link is unknown, used or expired (or its account was removed).
pub async fn take(db: &Db, token_hash: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2 \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
           AND agent_id IN (SELECT id FROM agents WHERE removed_at IS NULL) \
         RETURNING agent_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}

/// Sets `agent_id`'s password hash, ends every session of the account, every other link it
/// had and every sign-in waiting for its second step: whoever knew the old password, or held
/// an older link, is out.
pub async fn set_password(db: &Db, agent_id: &str, password_hash: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    sqlx::query("UPDATE agents SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(agent_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE agent_id = $1")
        .bind(agent_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM password_resets WHERE agent_id = $1 AND used_at IS NULL")
        .bind(agent_id)
        .execute(&mut *tx)
        .await?;
    // A sign-in half done with the old password (waiting for its code, or for an enrolment
    // the tenant requires) must not finish after the reset either.
    sqlx::query("DELETE FROM second_factor_challenges WHERE agent_id = $1")
        .bind(agent_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
