//! What is kept of an account between offer requests: its usage once a day (for trends and
//! to see a plan change), when it was first seen, and how many tickets it opened lately.

use std::collections::BTreeMap;

use panelcare_model::offers::Snapshot;

use crate::{db::Db, offers::snapshot::DAY_MS, time::now_ms};

/// Days of usage kept per account: enough for a 30-day trend.
const KEEP_DAYS: i64 = 40;

/// The account's last stored day, today's included, and the plan it reported then.
pub async fn latest_day(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT day, plan FROM usage_days WHERE tenant_id = $1 AND account_id = $2 \
         ORDER BY day DESC LIMIT 1",
    )
    .bind(tenant)
    .bind(account)
    .fetch_optional(&db.pool)
    .await
}

/// The use per metric name on the account's oldest stored day in `from_day..before_day`.
pub async fn oldest_usage(
    db: &Db,
    tenant: &str,
    account: &str,
    from_day: i64,
    before_day: i64,
) -> Result<Option<BTreeMap<String, f64>>, sqlx::Error> {
    let usage: Option<String> = sqlx::query_scalar(
        "SELECT usage FROM usage_days WHERE tenant_id = $1 AND account_id = $2 AND day >= $3 \
         AND day < $4 ORDER BY day LIMIT 1",
    )
    .bind(tenant)
    .bind(account)
    .bind(from_day)
    .bind(before_day)
    .fetch_optional(&db.pool)
    .await?;
    // A day that no longer parses counts as one without figures: no trend, no error.
    Ok(usage.map(|json| serde_json::from_str(&json).unwrap_or_default()))
}

/// When the account was first seen, if it ever was.
pub async fn first_seen(db: &Db, tenant: &str, account: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT first_seen_at FROM offer_accounts WHERE tenant_id = $1 AND account_id = $2",
    )
    .bind(tenant)
    .bind(account)
    .fetch_optional(&db.pool)
    .await
}

/// Stores `day`'s plan and use (replacing that day's), forgets days older than
/// [`KEEP_DAYS`], and notes the account as first seen `now` unless it was seen before.
pub async fn save_day(
    db: &Db,
    tenant: &str,
    account: &str,
    day: i64,
    plan: Option<&str>,
    snapshot: &Snapshot,
    now: i64,
) -> Result<(), sqlx::Error> {
    let used: BTreeMap<&str, f64> = snapshot
        .amounts
        .iter()
        .map(|(m, a)| (m.as_str(), a.used))
        .collect();
    let json = serde_json::to_string(&used).unwrap_or_else(|_| "{}".into());
    let mut tx = db.write().await?;
    sqlx::query(
        "INSERT INTO usage_days (tenant_id, account_id, day, plan, usage) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (tenant_id, account_id, day) DO UPDATE SET plan = $4, usage = $5",
    )
    .bind(tenant)
    .bind(account)
    .bind(day)
    .bind(plan)
    .bind(&json)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM usage_days WHERE tenant_id = $1 AND account_id = $2 AND day < $3")
        .bind(tenant)
        .bind(account)
        .bind(day - KEEP_DAYS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO offer_accounts (tenant_id, account_id, first_seen_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(tenant)
    .bind(account)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Tickets the account opened in the last 30 days: all, and high or critical. It reads the
/// tickets feature's table here because tickets builds on offers (its premium upsell), so
/// offers cannot ask the tickets store without a cycle.
pub async fn ticket_counts(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<(u32, u32), sqlx::Error> {
    let (all, urgent): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE priority IN ('high', 'critical')) FROM tickets \
         WHERE tenant_id = $1 AND account_id = $2 AND created_at >= $3",
    )
    .bind(tenant)
    .bind(account)
    .bind(now_ms() - 30 * DAY_MS)
    .fetch_one(&db.pool)
    .await?;
    Ok((all as u32, urgent as u32))
}
