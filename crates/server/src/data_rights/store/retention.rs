//! Retention settings per tenant, and the batched deletes the retention job makes.

use panelcare_model::data_rights::Retention;
use sqlx::Row as _;

use crate::db::{Conn, Db};

pub async fn get(db: &Db, tenant: &str) -> Result<Retention, sqlx::Error> {
    let row = sqlx::query(
        "SELECT closed_tickets_months, feedback_months FROM tenant_retention WHERE tenant_id = $1",
    )
    .bind(tenant)
    .fetch_optional(&db.pool)
    .await?;
    let months = |r: &crate::db::Row, c: &str| -> Result<Option<u32>, sqlx::Error> {
        Ok(r.try_get::<Option<i64>, _>(c)?
            .and_then(|m| u32::try_from(m).ok()))
    };
    Ok(match row {
        None => Retention::default(),
        Some(r) => Retention {
            closed_tickets_months: months(&r, "closed_tickets_months")?,
            feedback_months: months(&r, "feedback_months")?,
        },
    })
}

pub async fn save(db: &Db, tenant: &str, r: &Retention, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tenant_retention (tenant_id, closed_tickets_months, feedback_months, \
         updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO UPDATE \
         SET closed_tickets_months = $2, feedback_months = $3, updated_at = $4",
    )
    .bind(tenant)
    .bind(r.closed_tickets_months.map(i64::from))
    .bind(r.feedback_months.map(i64::from))
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Every tenant with a retention period set.
pub async fn tenants_with_settings(db: &Db) -> Result<Vec<(String, Retention)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT tenant_id, closed_tickets_months, feedback_months FROM tenant_retention \
         WHERE closed_tickets_months IS NOT NULL OR feedback_months IS NOT NULL \
         ORDER BY tenant_id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let m = |c: &str| -> Result<Option<u32>, sqlx::Error> {
                Ok(r.try_get::<Option<i64>, _>(c)?
                    .and_then(|m| u32::try_from(m).ok()))
            };
            Ok((
                r.try_get("tenant_id")?,
                Retention {
                    closed_tickets_months: m("closed_tickets_months")?,
                    feedback_months: m("feedback_months")?,
                },
            ))
        })
        .collect()
}

/// Up to `limit` closed tickets of `tenant` closed before `before` (ms). The tenant's
/// highest-numbered ticket is never among them: new tickets are numbered after the highest
/// one stored, and a number must not be given twice.
pub async fn closed_before(
    conn: &mut Conn,
    tenant: &str,
    before: i64,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM tickets WHERE tenant_id = $1 AND status = 'closed' \
         AND closed_at IS NOT NULL AND closed_at < $2 \
         AND number < (SELECT MAX(number) FROM tickets WHERE tenant_id = $1) \
         ORDER BY closed_at LIMIT $3",
    )
    .bind(tenant)
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// Deletes ticket `id` with everything that hangs on it: files, outbox rows, SLA records,
/// messages. Tickets merged into it lose the link.
pub async fn delete_ticket(conn: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM attachments WHERE message_id IN \
         (SELECT id FROM ticket_messages WHERE ticket_id = $1)",
        "DELETE FROM bridge_outbox WHERE ticket_id = $1",
        "DELETE FROM notifications WHERE ticket_id = $1",
        "DELETE FROM ticket_sla WHERE ticket_id = $1",
        "DELETE FROM ticket_messages WHERE ticket_id = $1",
        "UPDATE tickets SET merged_into = NULL WHERE merged_into = $1",
        "DELETE FROM tickets WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Deletes up to `limit` feedback rows of `tenant` sent before `before` (ms) and done or
/// declined, with their notes; returns how many. Suggestions still open are kept whatever
/// their age: the loop with the customer is not closed yet.
pub async fn delete_feedback_before(
    conn: &mut Conn,
    tenant: &str,
    before: i64,
    limit: i64,
) -> Result<u64, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM feedback WHERE tenant_id = $1 AND created_at < $2 \
         AND status IN ('done', 'declined') ORDER BY created_at LIMIT $3",
    )
    .bind(tenant)
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    for id in &ids {
        sqlx::query("DELETE FROM feedback_notes WHERE feedback_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        // A shared idea outlives its suggestion: it is the board's now (erasing the account
        // is what takes it off).
        sqlx::query("UPDATE ideas SET feedback_id = NULL WHERE feedback_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM feedback WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(ids.len() as u64)
}
