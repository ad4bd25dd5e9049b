//! What rate limits read and write: token buckets, the limits a provider set per tenant, and
//! the bytes an account has uploaded.

use panelcare_model::limits::Limits;

use crate::db::{Conn, Db, Engine};

/// One bucket: whose, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bucket<'a> {
    pub tenant_id: &'a str,
    /// `account` or `tenant`.
    pub scope: &'static str,
    /// The account id; empty for the tenant's bucket.
    pub subject: &'a str,
    pub action: &'static str,
}

impl Bucket<'_> {
    /// The bucket's name, for the refusals an instance remembers.
    pub fn key(&self) -> String {
        // The action and scope are fixed words; the tenant id goes with its length, so no
        // id holding `|` can make another bucket's name.
        let (a, s, t, who) = (self.action, self.scope, self.tenant_id, self.subject);
        format!("{a}|{s}|{}:{t}|{who}", t.len())
    }
}

/// Takes one request from `bucket` at `now` (ms), refilled one every `interval_ms` and
/// holding `burst`. `Ok(None)` when taken; `Ok(Some(ms))` when refused, with the wait until
/// one would be taken.
///
/// The bucket is one number, the time it is full again (the generic cell rate algorithm):
/// a request moves it `interval_ms` on from now or from where it was, whichever is later,
/// unless that is more than `burst` intervals ahead. One upsert does the check and the
/// move, so a burst of parallel requests, on any number of instances, gets no more than a
/// serial one.
pub async fn take(
    conn: &mut Conn,
    bucket: &Bucket<'_>,
    now: i64,
    interval_ms: i64,
    burst: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let later = match Engine::of(conn) {
        Engine::Sqlite => "MAX",
        Engine::Postgres => "GREATEST",
    };
    let taken: Option<i64> = sqlx::query_scalar(&format!(
        "INSERT INTO rate_buckets (tenant_id, scope, subject, action, tat) \
         VALUES ($1, $2, $3, $4, $5 + $6) \
         ON CONFLICT (tenant_id, scope, subject, action) DO UPDATE \
         SET tat = {later}(rate_buckets.tat, $5) + $6 \
         WHERE {later}(rate_buckets.tat, $5) + $6 - $5 <= $7 \
         RETURNING tat"
    ))
    .bind(bucket.tenant_id)
    .bind(bucket.scope)
    .bind(bucket.subject)
    .bind(bucket.action)
    .bind(now)
    .bind(interval_ms)
    .bind(interval_ms * burst)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Ok(None);
    }
    let tat: Option<i64> = sqlx::query_scalar(
        "SELECT tat FROM rate_buckets \
         WHERE tenant_id = $1 AND scope = $2 AND subject = $3 AND action = $4",
    )
    .bind(bucket.tenant_id)
    .bind(bucket.scope)
    .bind(bucket.subject)
    .bind(bucket.action)
    .fetch_optional(&mut *conn)
    .await?;
    // Due when the bucket, moved one more interval, is within `burst` intervals of now.
    let wait = tat.map_or(0, |tat| {
        tat.max(now) + interval_ms - interval_ms * burst - now
    });
    Ok(Some(wait.max(1)))
}

/// Forgets buckets that are full again (they behave exactly like no row).
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM rate_buckets WHERE tat < $1")
        .bind(now)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// The limits a provider set for `tenant_id`; `None` where none were set.
pub async fn limits(db: &Db, tenant_id: &str) -> Result<Option<Limits>, sqlx::Error> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT limits FROM tenant_limits WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(&db.pool)
            .await?;
    // A set this build cannot read (written by a newer one) limits by the defaults.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Stores `limits` for `tenant_id`, replacing any before.
pub async fn save_limits(
    db: &Db,
    tenant_id: &str,
    limits: &Limits,
    now: i64,
) -> Result<(), sqlx::Error> {
    let text = serde_json::to_string(limits).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO tenant_limits (tenant_id, limits, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (tenant_id) DO UPDATE SET limits = $2, updated_at = $3",
    )
    .bind(tenant_id)
    .bind(text)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Empties `tenant_id`'s buckets: new limits count from now, not from the spacing of the old.
pub async fn clear_buckets(db: &Db, tenant_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_buckets WHERE tenant_id = $1")
        .bind(tenant_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Goes back to the defaults for `tenant_id`.
pub async fn reset_limits(db: &Db, tenant_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM tenant_limits WHERE tenant_id = $1")
        .bind(tenant_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// What an account has uploaded: bytes not yet attached to a message, and bytes uploaded
/// since `since` (ms).
pub async fn uploaded(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    since: i64,
) -> Result<(i64, i64), sqlx::Error> {
    use sqlx::Row as _;
    let row = sqlx::query(
        "SELECT \
           CAST(COALESCE(SUM(CASE WHEN message_id IS NULL THEN size ELSE 0 END), 0) AS BIGINT) \
             AS waiting, \
           CAST(COALESCE(SUM(CASE WHEN created_at >= $3 THEN size ELSE 0 END), 0) AS BIGINT) \
             AS today \
         FROM attachments WHERE tenant_id = $1 AND account_id = $2",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(since)
    .fetch_one(&db.pool)
    .await?;
    Ok((row.try_get("waiting")?, row.try_get("today")?))
}

/// When the oldest upload counted since `since` leaves the day's window (ms); what a client
/// over the daily quota waits for at most.
pub async fn oldest_upload_since(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    since: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MIN(created_at) FROM attachments \
         WHERE tenant_id = $1 AND account_id = $2 AND created_at >= $3",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(since)
    .fetch_one(&db.pool)
    .await
}
