//! Canned replies: prepared answers per tenant.

use panelcare_model::ticket::console::CannedReply;

use crate::{
    db::Db,
    tenants::{Scope, store as tenants},
};

/// The replies of the tenants of `scope`, by title.
pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<CannedReply>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, tenant_id, title, body FROM canned_replies c WHERE {} ORDER BY title",
        tenants::condition(scope, "c.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, tenant_id, title, body)| CannedReply {
            id,
            tenant_id,
            title,
            body,
        })
        .collect())
}

pub async fn insert(
    db: &Db,
    reply: &CannedReply,
    created_by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO canned_replies (id, tenant_id, title, body, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&reply.id)
        .bind(&reply.tenant_id)
        .bind(&reply.title)
        .bind(&reply.body)
        .bind(created_by)
        .bind(now_ms)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The tenant of reply `id`, if it exists.
pub async fn tenant_of(db: &Db, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT tenant_id FROM canned_replies WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn update(db: &Db, id: &str, title: &str, body: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE canned_replies SET title = $1, body = $2 WHERE id = $3")
        .bind(title)
        .bind(body)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn remove(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM canned_replies WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
