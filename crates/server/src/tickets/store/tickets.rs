//! Ticket rows: opening one exactly once per idempotency key, reading a customer's own, and
//! the column updates the lifecycle makes (status, rating, priority, assignee, merge, the
//! helpdesk's reference).

use panelcare_model::{sla::Priority, ticket::TicketStatus};
use sqlx::Row as _;

use super::{SUMMARY, Summary, priority, status};
use crate::db::{Conn, Db, flag};

/// A ticket as it is opened.
#[derive(Debug)]
pub struct NewTicket<'a> {
    pub id: &'a str,
    pub tenant_id: &'a str,
    pub account_id: &'a str,
    pub account_name: Option<&'a str>,
    pub account_email: Option<&'a str>,
    pub account_plan: Option<&'a str>,
    pub support_tier: Option<&'a str>,
    pub locale: Option<&'a str>,
    pub department: &'a str,
    pub priority: &'a str,
    pub subject: &'a str,
    pub idempotency_key: &'a str,
    pub request_hash: &'a str,
    pub now_ms: i64,
}

/// Inserts the ticket unless the customer used this idempotency key before; true when it
/// was inserted.
pub(in crate::tickets) async fn insert(
    conn: &mut Conn,
    t: &NewTicket<'_>,
) -> Result<bool, sqlx::Error> {
    // The number is the tenant's highest plus one, computed inside the insert: SQLite's one
    // writer makes it unique without a counter table.
    let inserted: Option<String> = sqlx::query_scalar(
        "INSERT INTO tickets (id, tenant_id, number, account_id, account_name, account_email, \
         account_plan, support_tier, locale, department, priority, subject, idempotency_key, \
         request_hash, created_at, updated_at) \
         SELECT $1, $2, COALESCE(MAX(number), 1000) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         $12, $13, $14, $14 FROM tickets WHERE tenant_id = $2 \
         ON CONFLICT (tenant_id, account_id, idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(t.id)
    .bind(t.tenant_id)
    .bind(t.account_id)
    .bind(t.account_name)
    .bind(t.account_email)
    .bind(t.account_plan)
    .bind(t.support_tier)
    .bind(t.locale)
    .bind(t.department)
    .bind(t.priority)
    .bind(t.subject)
    .bind(t.idempotency_key)
    .bind(t.request_hash)
    .bind(t.now_ms)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(inserted.is_some())
}

/// The ticket a customer opened with `key`, and the hash of what was sent then.
pub async fn by_key(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    key: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, request_hash FROM tickets \
         WHERE tenant_id = $1 AND account_id = $2 AND idempotency_key = $3",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await
}

/// What the lifecycle needs to know of a ticket before changing it.
#[derive(Debug, Clone)]
pub struct Current {
    pub status: TicketStatus,
    pub priority: Priority,
    pub support_tier: Option<String>,
    /// When it was resolved or closed, whichever is later.
    pub finished_at: Option<i64>,
    pub rated: bool,
}

fn current(row: &crate::db::Row) -> Result<Current, sqlx::Error> {
    let finished: i64 = row.try_get("finished_at")?;
    Ok(Current {
        status: status(row, "status")?,
        priority: priority(row, "priority")?,
        support_tier: row.try_get("support_tier")?,
        finished_at: (finished > 0).then_some(finished),
        rated: flag(row, "rated")?,
    })
}

// Written the same for both engines: SQLite's two-argument MAX is PostgreSQL's GREATEST,
// and a boolean selected is an integer in one and a boolean in the other.
const CURRENT: &str = "SELECT status, priority, support_tier, \
     CASE WHEN COALESCE(resolved_at, 0) > COALESCE(closed_at, 0) THEN COALESCE(resolved_at, 0) \
     ELSE COALESCE(closed_at, 0) END AS finished_at, \
     CASE WHEN rating IS NULL THEN 0 ELSE 1 END AS rated FROM tickets";

/// Ticket `id`, if it is `account_id`'s of `tenant_id`.
pub async fn owned(
    conn: &mut Conn,
    tenant_id: &str,
    account_id: &str,
    id: &str,
) -> Result<Option<Current>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "{CURRENT} WHERE id = $1 AND tenant_id = $2 AND account_id = $3"
    ))
    .bind(id)
    .bind(tenant_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(current).transpose()
}

/// Ticket `id`, if it is `tenant_id`'s.
pub async fn of_tenant(
    conn: &mut Conn,
    tenant_id: &str,
    id: &str,
) -> Result<Option<Current>, sqlx::Error> {
    let row = sqlx::query(&format!("{CURRENT} WHERE id = $1 AND tenant_id = $2"))
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(current).transpose()
}

/// One page of a customer's tickets, most recently active first, after the place
/// `(updated_ms, number)`; `limit` rows at most.
pub async fn customer_page(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<Summary>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY} FROM tickets t WHERE t.tenant_id = $1 AND t.account_id = $2 \
         AND (t.updated_at < $3 OR (t.updated_at = $3 AND t.number < $4)) \
         ORDER BY t.updated_at DESC, t.number DESC LIMIT $5"
    ))
    .bind(tenant_id)
    .bind(account_id)
    .bind(after.0)
    .bind(after.1)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(Summary::from_row).collect()
}

/// How many tickets a customer has.
pub async fn customer_count(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM tickets WHERE tenant_id = $1 AND account_id = $2")
        .bind(tenant_id)
        .bind(account_id)
        .fetch_one(&db.pool)
        .await
}

/// One of a customer's tickets.
pub async fn customer_one(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    id: &str,
) -> Result<Option<Summary>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {SUMMARY} FROM tickets t WHERE t.id = $1 AND t.tenant_id = $2 AND t.account_id = $3"
    ))
    .bind(id)
    .bind(tenant_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(Summary::from_row).transpose()
}

/// The ticket was active at `now_ms` (it moves up the customer's list).
pub(in crate::tickets) async fn touch(
    conn: &mut Conn,
    id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tickets SET updated_at = $1 WHERE id = $2")
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves the ticket to `status` at `now_ms`; resolving and closing record when, reopening
/// clears it.
pub(in crate::tickets) async fn set_status(
    conn: &mut Conn,
    id: &str,
    status: TicketStatus,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let (resolved, closed) = match status {
        TicketStatus::Resolved => (Some(now_ms), None),
        TicketStatus::Closed => (None, Some(now_ms)),
        _ => (None, None),
    };
    sqlx::query(
        "UPDATE tickets SET status = $2, updated_at = $3, \
         resolved_at = CASE WHEN $4 IS NOT NULL THEN $4 WHEN $2 IN ('resolved', 'closed') \
         THEN resolved_at ELSE NULL END, \
         closed_at = CASE WHEN $5 IS NOT NULL THEN $5 WHEN $2 = 'closed' THEN closed_at \
         ELSE NULL END WHERE id = $1",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(now_ms)
    .bind(resolved)
    .bind(closed)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Support has not answered this ticket yet.
pub async fn first_answer_pending(conn: &mut Conn, id: &str) -> Result<bool, sqlx::Error> {
    let pending: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN first_response_at IS NULL THEN 1 ELSE 0 END FROM tickets WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(pending != 0)
}

pub(in crate::tickets) async fn rate(
    conn: &mut Conn,
    id: &str,
    rating: u8,
    comment: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tickets SET rating = $1, rating_comment = $2, rated_at = $3 WHERE id = $4")
        .bind(i64::from(rating))
        .bind(comment)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(in crate::tickets) async fn set_priority(
    conn: &mut Conn,
    id: &str,
    p: Priority,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tickets SET priority = $1 WHERE id = $2")
        .bind(p.as_str())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(in crate::tickets) async fn set_assignee(
    db: &Db,
    id: &str,
    agent_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tickets SET assignee_id = $1 WHERE id = $2")
        .bind(agent_id)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub(in crate::tickets) async fn set_merged_into(
    conn: &mut Conn,
    id: &str,
    into: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tickets SET merged_into = $1 WHERE id = $2")
        .bind(into)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The helpdesk's own reference for the ticket, as it answered a delivery.
pub(in crate::tickets) async fn set_external_ref(
    conn: &mut Conn,
    id: &str,
    reference: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tickets SET external_ref = $1 WHERE id = $2")
        .bind(reference)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether a ticket with this id exists (the demo seeds once).
pub async fn exists(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}
