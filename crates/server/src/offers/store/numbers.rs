//! The funnel's counts as stored: customers (not events) per tenant, rule and variant, and
//! the names of the rules they came from.

use panelcare_model::offers::numbers::FunnelRow;

use crate::{
    db::Db,
    tenants::{Scope, store::condition},
};

type Counts = (
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
);

/// Per tenant of `scope`, its funnel rows since `since`: the counts, uplift and currency
/// filled in, the names and rates left for the caller. A row with an empty rule holds the
/// conversions no offer led to.
pub async fn funnel(
    db: &Db,
    scope: &Scope,
    since: i64,
) -> Result<Vec<(String, FunnelRow)>, sqlx::Error> {
    let rows: Vec<Counts> = sqlx::query_as(&format!(
        "SELECT e.tenant_id, e.rule_id, e.variant, MAX(e.target), \
         COUNT(DISTINCT CASE WHEN kind = 'impression' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'click' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'conversion' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'snooze' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'dismiss' THEN account_id END), \
         CAST(COALESCE(SUM(CASE WHEN kind = 'conversion' THEN price_diff_cents END), 0) AS BIGINT), \
         COALESCE(MAX(CASE WHEN currency != '' THEN currency END), '') \
         FROM offer_events e WHERE {} AND e.created_at >= $2 \
         GROUP BY e.tenant_id, e.rule_id, e.variant ORDER BY e.rule_id, e.variant",
        condition(scope, "e.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let count = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(rows
        .into_iter()
        .map(|r| {
            let row = FunnelRow {
                rule: r.1,
                variant: r.2,
                target: r.3,
                shown: count(r.4),
                clicked: count(r.5),
                converted: count(r.6),
                snoozed: count(r.7),
                dismissed: count(r.8),
                uplift_monthly_cents: r.9,
                currency: r.10,
                ..FunnelRow::default()
            };
            (r.0, row)
        })
        .collect())
}

/// Every rule of the tenants of `scope`, as `(tenant, rule id, rule name)`.
pub async fn rule_names(
    db: &Db,
    scope: &Scope,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT r.tenant_id, r.id, r.name FROM offer_rules r WHERE {}",
        condition(scope, "r.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await
}
