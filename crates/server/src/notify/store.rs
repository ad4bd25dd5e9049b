//! Notification rows: a tenant's settings (who hears about tickets, suggestions and low
//! ratings), the outbox of e-mails and webhook deliveries, and its delivery bookkeeping.

use panelcare_model::notify::NotifySettings;
use sqlx::Row as _;

use crate::{
    db::{Conn, Db},
    metrics::Backlog,
    outbound::Failed,
    secrets::{KeyRing, webhook_context},
};

/// The tenant's notification settings (the defaults when it saved none); `webhook_secret` as
/// stored, sealed: [`webhook_secret`] opens it.
pub async fn settings(conn: &mut Conn, tenant_id: &str) -> Result<NotifySettings, sqlx::Error> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT settings FROM notify_settings WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    let mut s: NotifySettings = json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    // Derived from the secret itself, never trusted from what was stored or sent.
    s.webhook_secret_set = !s.webhook_secret.is_empty();
    Ok(s)
}

/// The tenant's webhook secret, opened (empty when none is set).
pub async fn webhook_secret(
    conn: &mut Conn,
    secrets: &KeyRing,
    tenant_id: &str,
) -> Result<String, sqlx::Error> {
    let stored = settings(conn, tenant_id).await?.webhook_secret;
    secrets
        .open(&stored, &webhook_context(tenant_id))
        .map(|o| o.plain)
        .map_err(crate::secrets::decode_error)
}

/// Stores validated settings, the webhook secret sealed (one kept from before already is).
pub async fn save_settings(
    conn: &mut Conn,
    secrets: &KeyRing,
    tenant_id: &str,
    settings: &NotifySettings,
) -> Result<(), sqlx::Error> {
    let mut settings = settings.clone();
    settings.webhook_secret =
        secrets.seal_if_plain(&settings.webhook_secret, &webhook_context(tenant_id));
    let json = serde_json::to_string(&settings).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO notify_settings (tenant_id, settings) VALUES ($1, $2) \
         ON CONFLICT (tenant_id) DO UPDATE SET settings = $2",
    )
    .bind(tenant_id)
    .bind(&json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One delivery to write into the outbox.
#[derive(Debug)]
pub struct NewDelivery<'a> {
    pub tenant_id: &'a str,
    /// `email` or `webhook`.
    pub channel: &'a str,
    /// The address or URL.
    pub target: &'a str,
    pub event: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// The ticket it is about (`None`: a test message, or a suggestion's), so erasing the
    /// customer or deleting the ticket deletes it too.
    pub ticket_id: Option<&'a str>,
    /// The suggestion it is about, likewise.
    pub feedback_id: Option<&'a str>,
}

pub async fn insert(conn: &mut Conn, d: &NewDelivery<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (tenant_id, channel, target, event, subject, body, \
         next_attempt_at, created_at, ticket_id, feedback_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(d.tenant_id)
    .bind(d.channel)
    .bind(d.target)
    .bind(d.event)
    .bind(d.subject)
    .bind(d.body)
    .bind(now_ms)
    .bind(now_ms)
    .bind(d.ticket_id)
    .bind(d.feedback_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes at most `limit` deliveries that were sent or given up on before `before` (ms);
/// returns how many. The outbox is not a record: kept, its rows would hold ticket subjects,
/// customers' names and password reset links for good. Bounded so that a first pass over a
/// large outbox neither holds SQLite's write lock for long nor bloats one PostgreSQL
/// transaction; the job's next pass takes the next batch.
pub async fn prune_settled(db: &Db, before: i64, limit: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM notifications WHERE id IN (SELECT id FROM notifications \
         WHERE created_at < $1 AND (delivered_at IS NOT NULL OR failed_at IS NOT NULL) \
         ORDER BY id LIMIT $2)",
    )
    .bind(before)
    .bind(limit)
    .execute(&db.pool)
    .await?
    .rows_affected())
}

/// A delivery that is due.
#[derive(Debug)]
pub struct Due {
    pub id: i64,
    pub tenant_id: String,
    pub channel: String,
    pub target: String,
    pub event: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Claims the delivery that has waited longest of those due at `now_ms`: it is not due
/// again before `lease_until_ms`, so no other instance sends it meanwhile, and an instance
/// that dies while sending it leaves it to the others once the lease ends.
pub async fn claim_next(
    db: &Db,
    now_ms: i64,
    lease_until_ms: i64,
) -> Result<Option<Due>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "UPDATE notifications SET next_attempt_at = $2 WHERE id = (SELECT n.id FROM \
         notifications n WHERE n.delivered_at IS NULL AND n.failed_at IS NULL \
         AND n.next_attempt_at <= $1 ORDER BY n.next_attempt_at, n.id LIMIT 1{}) \
         RETURNING id, tenant_id, channel, target, event, subject, body, attempts",
        db.engine().skip_locked("n")
    ))
    .bind(now_ms)
    .bind(lease_until_ms)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|n| {
        Ok(Due {
            id: n.try_get("id")?,
            tenant_id: n.try_get("tenant_id")?,
            channel: n.try_get("channel")?,
            target: n.try_get("target")?,
            event: n.try_get("event")?,
            subject: n.try_get("subject")?,
            body: n.try_get("body")?,
            attempts: n.try_get("attempts")?,
        })
    })
    .transpose()
}

pub async fn delivered(db: &Db, id: i64, attempts: i64, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notifications SET attempts = $1, delivered_at = $2, last_error = NULL WHERE id = $3",
    )
    .bind(attempts)
    .bind(now_ms)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Records a failed delivery: tried again after the growing pause, or given up on after
/// `max_attempts`.
pub async fn retry_later(db: &Db, f: &Failed<'_>, max_attempts: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notifications SET attempts = $1, last_error = $2, next_attempt_at = $3, \
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

/// How the outbox stands per channel (`email`, `webhook`; a channel with nothing undelivered
/// is missing), for the metrics.
pub async fn backlog(db: &Db) -> Result<Vec<(String, Backlog)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT channel, COUNT(*) FILTER (WHERE failed_at IS NULL) AS waiting, \
         MIN(created_at) FILTER (WHERE failed_at IS NULL) AS oldest, \
         COUNT(*) FILTER (WHERE failed_at IS NOT NULL) AS failed \
         FROM notifications WHERE delivered_at IS NULL GROUP BY channel",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let backlog = Backlog {
                waiting: r.try_get("waiting")?,
                oldest_at: r.try_get("oldest")?,
                failed: r.try_get("failed")?,
            };
            Ok((r.try_get("channel")?, backlog))
        })
        .collect()
}
