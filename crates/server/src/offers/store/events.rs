//! Offer events as stored: one row per view and kind, so a retried report counts once, and
//! one conversion per purchase however many ways it is reported.

use crate::{
    db::{Conn, Db},
    offers::{
        events::{Credit, Event},
        snapshot::DAY_MS,
    },
    time::now_ms,
};

/// Stores `e`; false when the same view already reported this kind (a retry, a second
/// scroll into sight), which is then not counted again. A purchase is one conversion however
/// it is reported: the host's billing and the next snapshot's new plan may both tell of it,
/// so a second conversion of the same item by the same account within 30 days is not stored.
pub async fn record_event(db: &Db, e: &Event<'_>) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let query = sqlx::query(
        "INSERT INTO offer_events (tenant_id, account_id, rule_id, variant, target, kind, view_id, \
         price_diff_cents, currency, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 WHERE $6 != 'conversion' OR NOT EXISTS \
         (SELECT 1 FROM offer_events WHERE tenant_id = $1 AND account_id = $2 AND target = $5 \
          AND kind = 'conversion' AND created_at >= $11) \
         ON CONFLICT (tenant_id, view_id, kind) DO NOTHING",
    )
    .bind(e.tenant)
    .bind(e.account)
    .bind(e.rule)
    .bind(e.variant)
    .bind(e.target)
    .bind(e.kind)
    .bind(e.view)
    .bind(e.price_diff_cents)
    .bind(e.currency)
    .bind(now)
    .bind(now - 30 * DAY_MS);
    // A conversion is counted once per purchase window: the check and the insert must not
    // interleave with another report of the same purchase (SQLite's one writer does that by
    // itself; PostgreSQL needs the write lock).
    let done = if e.kind == "conversion" {
        let mut tx = db.write().await?;
        let done = query.execute(&mut *tx).await?;
        tx.commit().await?;
        done
    } else {
        query.execute(&db.pool).await?
    };
    Ok(done.rows_affected() == 1)
}

/// The event a conversion of `target` by `account` is credited to: the latest click in the
/// last 30 days, else the latest impression.
pub async fn credit(
    db: &Db,
    tenant: &str,
    account: &str,
    target: &str,
) -> Result<Option<Credit>, sqlx::Error> {
    let found: Option<(String, String, i64, String)> = sqlx::query_as(
        "SELECT rule_id, variant, price_diff_cents, currency FROM offer_events \
         WHERE tenant_id = $1 AND account_id = $2 AND target = $3 AND kind IN ('click', 'impression') \
         AND created_at >= $4 ORDER BY kind = 'click' DESC, created_at DESC LIMIT 1",
    )
    .bind(tenant)
    .bind(account)
    .bind(target)
    .bind(now_ms() - 30 * DAY_MS)
    .fetch_optional(&db.pool)
    .await?;
    Ok(
        found.map(|(rule_id, variant, price_diff_cents, currency)| Credit {
            rule_id,
            variant,
            price_diff_cents,
            currency,
        }),
    )
}

/// Everything but conversions the account did with offers since `since`, as
/// `(rule, kind, created_at)`.
pub async fn answers(
    db: &Db,
    tenant: &str,
    account: &str,
    since: i64,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rule_id, kind, created_at FROM offer_events WHERE tenant_id = $1 AND account_id = $2 \
         AND kind != 'conversion' AND created_at >= $3",
    )
    .bind(tenant)
    .bind(account)
    .bind(since)
    .fetch_all(&db.pool)
    .await
}

/// For the demo's seeded history only: stores `e` as having happened at `at`, skipped if
/// its view already reported this kind (so seeding twice adds nothing). The demo's prices
/// are all in euros, and the statement writes 'EUR' whatever `e.currency` says.
pub async fn seed_event(conn: &mut Conn, e: &Event<'_>, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO offer_events (tenant_id, account_id, rule_id, variant, target, \
         kind, view_id, price_diff_cents, currency, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'EUR', $9) ON CONFLICT DO NOTHING",
    )
    .bind(e.tenant)
    .bind(e.account)
    .bind(e.rule)
    .bind(e.variant)
    .bind(e.target)
    .bind(e.kind)
    .bind(e.view)
    .bind(e.price_diff_cents)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}
