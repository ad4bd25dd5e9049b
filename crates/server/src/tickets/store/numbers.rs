//! The raw facts of the ticket numbers: tickets opened and rated, and answers against their
//! deadline, in a period, for the tenants of a scope.

use crate::{
    db::Db,
    tenants::{Scope, store as tenants},
};

/// An answer owed: (tenant, priority, agent id, agent name, met).
pub type Answer = (String, String, Option<String>, Option<String>, bool);

/// An answer as stored: `met` is 0 or 1 on both engines.
type Stored = (String, String, Option<String>, Option<String>, i64);

/// Tickets opened since `since_ms`: (tenant, created_at, rating).
pub async fn opened(
    db: &Db,
    scope: &Scope,
    since_ms: i64,
) -> Result<Vec<(String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT tenant_id, created_at, rating FROM tickets t WHERE {} AND t.created_at >= $2",
        tenants::condition(scope, "t.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await
}

/// Answers given since `since_ms`, each against the deadline it had.
pub async fn answers(db: &Db, scope: &Scope, since_ms: i64) -> Result<Vec<Answer>, sqlx::Error> {
    let rows: Vec<Stored> = sqlx::query_as(&format!(
        "SELECT s.tenant_id, s.priority, s.agent_id, a.name, s.met FROM ticket_sla s \
         LEFT JOIN agents a ON a.id = s.agent_id WHERE {} AND s.answered_at >= $2",
        tenants::condition(scope, "s.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(t, p, id, name, met)| (t, p, id, name, met != 0))
        .collect())
}
