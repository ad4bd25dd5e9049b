//! The SLA clock of a ticket: started when support owes an answer, stopped (and its outcome
//! recorded) when an answer the customer sees is sent.

use panelcare_model::sla::{self, Priority, SlaPolicy};
use sqlx::{Row as _, SqliteConnection};

/// Support owes an answer from `now_ms` on: the first one when `first`. An answer already
/// owed keeps its earlier deadline (a customer writing twice does not push it back).
pub async fn start(
    conn: &mut SqliteConnection,
    ticket_id: &str,
    policy: &SlaPolicy,
    priority: Priority,
    first: bool,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let targets = if first {
        &policy.first_response
    } else {
        &policy.next_response
    };
    sqlx::query(
        "UPDATE tickets SET due_from = ?2, due_at = ?3, due_first = ?4, target_minutes = ?5 \
         WHERE id = ?1 AND due_at IS NULL",
    )
    .bind(ticket_id)
    .bind(now_ms)
    .bind(sla::due_at(policy, priority, first, now_ms))
    .bind(first)
    .bind(i64::from(targets.of(priority)))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An answer went out at `now_ms`: records whether it met the deadline owed (if any) and
/// stops the clock.
pub async fn answered(
    conn: &mut SqliteConnection,
    ticket_id: &str,
    agent_id: Option<&str>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let owed = sqlx::query(
        "SELECT tenant_id, priority, due_from, due_at, due_first FROM tickets \
         WHERE id = ? AND due_at IS NOT NULL",
    )
    .bind(ticket_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(owed) = owed else {
        return Ok(());
    };
    let due_at: i64 = owed.try_get("due_at")?;
    let first: bool = owed.try_get("due_first")?;
    sqlx::query(
        "INSERT INTO ticket_sla (ticket_id, tenant_id, priority, first, due_from, due_at, \
         answered_at, agent_id, met) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(ticket_id)
    .bind(owed.try_get::<String, _>("tenant_id")?)
    .bind(owed.try_get::<String, _>("priority")?)
    .bind(first)
    .bind(owed.try_get::<i64, _>("due_from")?)
    .bind(due_at)
    .bind(now_ms)
    .bind(agent_id)
    .bind(now_ms <= due_at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE tickets SET due_from = NULL, due_at = NULL, due_first = NULL, \
         target_minutes = NULL, first_response_at = COALESCE(first_response_at, ?2) WHERE id = ?1",
    )
    .bind(ticket_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The ticket no longer waits for support (resolved, closed, merged): the clock stops
/// without an outcome.
pub async fn stop(conn: &mut SqliteConnection, ticket_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE tickets SET due_from = NULL, due_at = NULL, due_first = NULL, \
         target_minutes = NULL WHERE id = ?",
    )
    .bind(ticket_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
