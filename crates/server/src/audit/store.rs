//! Audit log rows.

use panelcare_model::console::AuditEntry;
use sqlx::Row as _;

use crate::{
    db::{Conn, Db},
    tenants::{Scope, store as tenants},
    time,
};

/// Records an agent's action on something of `tenant_id`.
pub async fn record(
    db: &Db,
    tenant_id: &str,
    agent_id: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    record_in(
        &mut conn,
        tenant_id,
        Some(agent_id),
        action,
        subject,
        detail,
    )
    .await
}

/// Records an action inside the caller's transaction, so the record and the change it
/// records commit together; `agent_id` is `None` for the command line.
pub async fn record_in(
    conn: &mut Conn,
    tenant_id: &str,
    agent_id: Option<&str>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (tenant_id, agent_id, action, subject, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant_id)
    .bind(agent_id)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(time::now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The newest 200 entries of the tenants of `scope`.
pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT l.id, l.tenant_id, a.name AS agent_name, l.action, l.subject, l.detail, l.created_at \
         FROM audit_log l LEFT JOIN agents a ON a.id = l.agent_id \
         WHERE {} ORDER BY l.id DESC LIMIT 200",
        tenants::condition(scope, "l.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.try_get("id")?,
                tenant_id: r.try_get("tenant_id")?,
                agent_name: r.try_get("agent_name")?,
                action: r.try_get("action")?,
                subject: r.try_get("subject")?,
                detail: r.try_get("detail")?,
                created_at: time::rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}
