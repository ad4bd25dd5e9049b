//! Bridge rows: a tenant's bridge (where its helpdesk is, and which key signs), and the
//! outbox of events on their way there with its delivery bookkeeping.

use panelcare_model::bridge::BridgeSettings;
use sqlx::Row as _;

use crate::{
    db::{Conn, Db},
    metrics,
    outbound::Failed,
};

/// The tenant's bridge, if it has one.
pub async fn settings(
    conn: &mut Conn,
    tenant_id: &str,
) -> Result<Option<BridgeSettings>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT url, key_id FROM ticket_bridges WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(url, key_id)| BridgeSettings { url, key_id }))
}

pub async fn save_settings(
    conn: &mut Conn,
    tenant_id: &str,
    url: &str,
    key_id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ticket_bridges (tenant_id, url, key_id, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (tenant_id) DO UPDATE SET url = $2, key_id = $3, updated_at = $4",
    )
    .bind(tenant_id)
    .bind(url)
    .bind(key_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Turns the bridge off: no more events are queued, and those waiting or given up on are
/// dropped, since nobody will receive them.
pub async fn remove(db: &Db, tenant_id: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    sqlx::query("DELETE FROM ticket_bridges WHERE tenant_id = $1")
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM bridge_outbox WHERE tenant_id = $1 AND delivered_at IS NULL")
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Deliveries given up on are tried again, in their order, from `now_ms`.
pub async fn retry_failed(
    conn: &mut Conn,
    tenant_id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE bridge_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = $2 \
         WHERE tenant_id = $1 AND failed_at IS NOT NULL AND delivered_at IS NULL",
    )
    .bind(tenant_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How the outbox of a tenant stands.
#[derive(Debug)]
pub struct Backlog {
    pub pending: i64,
    pub failed: i64,
    pub last_delivered_at: Option<i64>,
    /// Why the newest delivery still on its way (or given up on) failed, however old it is.
    pub last_error: Option<String>,
}

pub async fn backlog(conn: &mut Conn, tenant_id: &str) -> Result<Backlog, sqlx::Error> {
    let row = sqlx::query(
        "SELECT \
         COUNT(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NULL) AS pending, \
         COUNT(*) FILTER (WHERE failed_at IS NOT NULL) AS failed, \
         MAX(delivered_at) AS delivered FROM bridge_outbox WHERE tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_one(&mut *conn)
    .await?;
    let last_error: Option<String> = sqlx::query_scalar(
        "SELECT last_error FROM bridge_outbox WHERE tenant_id = $1 AND last_error IS NOT NULL \
         AND delivered_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Backlog {
        pending: row.try_get("pending")?,
        failed: row.try_get("failed")?,
        last_delivered_at: row.try_get("delivered")?,
        last_error,
    })
}

/// How the outbox stands for all tenants together, for the metrics.
pub async fn backlog_all(db: &Db) -> Result<metrics::Backlog, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) FILTER (WHERE failed_at IS NULL) AS waiting, \
         MIN(created_at) FILTER (WHERE failed_at IS NULL) AS oldest, \
         COUNT(*) FILTER (WHERE failed_at IS NOT NULL) AS failed \
         FROM bridge_outbox WHERE delivered_at IS NULL",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(metrics::Backlog {
        waiting: row.try_get("waiting")?,
        oldest_at: row.try_get("oldest")?,
        failed: row.try_get("failed")?,
    })
}

/// Whether the helpdesk was told about the ticket's creation (or it is queued).
pub async fn knows_ticket(conn: &mut Conn, ticket_id: &str) -> Result<bool, sqlx::Error> {
    let known: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM bridge_outbox WHERE ticket_id = $1 AND event = 'ticket.created'",
    )
    .bind(ticket_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(known.is_some())
}

/// An event to queue.
#[derive(Debug)]
pub struct NewEvent<'a> {
    pub tenant_id: &'a str,
    pub ticket_id: &'a str,
    pub event: &'a str,
    pub message_id: Option<&'a str>,
    pub status: Option<&'a str>,
}

pub async fn insert(conn: &mut Conn, e: &NewEvent<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bridge_outbox (tenant_id, ticket_id, event, message_id, status, \
         next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.tenant_id)
    .bind(e.ticket_id)
    .bind(e.event)
    .bind(e.message_id)
    .bind(e.status)
    .bind(now_ms)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An event that is due, with where it goes.
#[derive(Debug)]
pub struct Due {
    pub id: i64,
    pub tenant_id: String,
    pub ticket_id: String,
    pub event: String,
    pub message_id: Option<String>,
    pub status: Option<String>,
    pub attempts: i64,
    pub created_at: i64,
    pub url: String,
    pub key_id: String,
}

/// Claims the oldest event due at `now_ms` whose ticket has no earlier event still on its way
/// or given up on (until an admin sends it again: the helpdesk never gets a reply before the
/// ticket it belongs to). It is not due again before `lease_until_ms`, so no other instance
/// sends it meanwhile, and an instance that dies while sending it leaves it to the others.
pub async fn claim_next(
    db: &Db,
    now_ms: i64,
    lease_until_ms: i64,
) -> Result<Option<Due>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "UPDATE bridge_outbox SET next_attempt_at = $2 WHERE id = (SELECT o.id FROM \
         bridge_outbox o JOIN ticket_bridges b ON b.tenant_id = o.tenant_id \
         WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= $1 \
         AND NOT EXISTS (SELECT 1 FROM bridge_outbox e WHERE e.ticket_id = o.ticket_id \
         AND e.id < o.id AND e.delivered_at IS NULL) \
         ORDER BY o.id LIMIT 1{}) \
         RETURNING id, tenant_id, ticket_id, event, message_id, status, attempts, created_at",
        db.engine().skip_locked("o")
    ))
    .bind(now_ms)
    .bind(lease_until_ms)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let tenant_id: String = r.try_get("tenant_id")?;
    let mut conn = db.pool.acquire().await?;
    // Where it goes is read when it is sent: a changed address applies to what waits.
    let Some(bridge) = settings(&mut conn, &tenant_id).await? else {
        return Ok(None);
    };
    Ok(Some(Due {
        id: r.try_get("id")?,
        tenant_id,
        ticket_id: r.try_get("ticket_id")?,
        event: r.try_get("event")?,
        message_id: r.try_get("message_id")?,
        status: r.try_get("status")?,
        attempts: r.try_get("attempts")?,
        created_at: r.try_get("created_at")?,
        url: bridge.url,
        key_id: bridge.key_id,
    }))
}

pub async fn delivered(
    conn: &mut Conn,
    id: i64,
    attempts: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE bridge_outbox SET attempts = $1, delivered_at = $2, last_error = NULL \
         WHERE id = $3",
    )
    .bind(attempts)
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a failed delivery: tried again after the growing pause, or given up on after
/// `max_attempts`.
pub async fn retry_later(db: &Db, f: &Failed<'_>, max_attempts: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE bridge_outbox SET attempts = $1, last_error = $2, next_attempt_at = $3, \
         failed_at = $4 WHERE id = $5",
    )
    .bind(f.attempts)
    .bind(f.why)
    .bind(f.next_attempt_at())
    .bind(f.given_up_at(max_attempts))
    .bind(f.id)
    .execute(&db.pool)
    .await?;
    Ok(())
}
