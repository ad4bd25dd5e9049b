//! What customers did with offers: recording impressions, clicks, snoozes, dismissals and
//! conversions exactly once, and reading them back as the rule engine's history.

use std::collections::BTreeMap;

use panelcare_model::offers::{Facts, History};

use crate::{db::Db, offers::snapshot::DAY_MS, time::now_ms};

/// One event to store.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub tenant: &'a str,
    pub account: &'a str,
    pub rule: &'a str,
    pub variant: &'a str,
    pub target: &'a str,
    pub kind: &'a str,
    pub view: &'a str,
    pub price_diff_cents: i64,
    pub currency: &'a str,
}

/// Stores `e`; false when the same view already reported this kind (a retry, a second
/// scroll into sight), which is then not counted again. A purchase is one conversion however
/// it is reported: the host's billing and the next snapshot's new plan may both tell of it,
/// so a second conversion of the same item by the same account within 30 days is not stored.
pub async fn record(db: &Db, e: &Event<'_>) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO offer_events (tenant_id, account_id, rule_id, variant, target, kind, view_id, \
         price_diff_cents, currency, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE ?6 != 'conversion' OR NOT EXISTS \
         (SELECT 1 FROM offer_events WHERE tenant_id = ?1 AND account_id = ?2 AND target = ?5 \
          AND kind = 'conversion' AND created_at >= ?11) \
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
    .bind(now - 30 * DAY_MS)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The offer event a conversion of `target` by `account` is credited to: the latest click
/// in the last 30 days, else the latest impression.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credit {
    pub rule_id: String,
    pub variant: String,
    pub price_diff_cents: i64,
    pub currency: String,
}

pub async fn credit(
    db: &Db,
    tenant: &str,
    account: &str,
    target: &str,
) -> Result<Option<Credit>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rule_id, variant, price_diff_cents, currency FROM offer_events \
         WHERE tenant_id = ? AND account_id = ? AND target = ? AND kind IN ('click', 'impression') \
         AND created_at >= ? ORDER BY kind = 'click' DESC, created_at DESC LIMIT 1",
    )
    .bind(tenant)
    .bind(account)
    .bind(target)
    .bind(now_ms() - 30 * DAY_MS)
    .fetch_optional(&db.pool)
    .await
}

#[derive(sqlx::FromRow)]
struct Past {
    rule_id: String,
    kind: String,
    created_at: i64,
}

/// The account's answers per rule (a year back), and its answer counts over 90 days.
pub async fn history(
    db: &Db,
    tenant: &str,
    account: &str,
    facts: &mut Facts,
) -> Result<BTreeMap<String, History>, sqlx::Error> {
    let now = now_ms();
    let rows: Vec<Past> = sqlx::query_as(
        "SELECT rule_id, kind, created_at FROM offer_events WHERE tenant_id = ? AND account_id = ? \
         AND kind != 'conversion' AND created_at >= ?",
    )
    .bind(tenant)
    .bind(account)
    .bind(now - 366 * DAY_MS)
    .fetch_all(&db.pool)
    .await?;
    let mut out: BTreeMap<String, History> = BTreeMap::new();
    for r in rows {
        let recent = now - r.created_at < 90 * DAY_MS;
        let h = out.entry(r.rule_id).or_default();
        match r.kind.as_str() {
            "impression" => h.impressions_ms.push(r.created_at),
            "dismiss" => {
                h.dismissed = true;
                facts.dismissed += u32::from(recent);
            }
            "snooze" => {
                h.last_snooze_ms = h.last_snooze_ms.max(Some(r.created_at));
                facts.snoozed += u32::from(recent);
            }
            "click" => facts.clicked += u32::from(recent),
            _ => {}
        }
    }
    Ok(out)
}

/// Tickets the account opened in the last 30 days: all, and high or critical.
pub async fn ticket_counts(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<(u32, u32), sqlx::Error> {
    let (all, urgent): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(priority IN ('high', 'critical')), 0) FROM tickets \
         WHERE tenant_id = ? AND account_id = ? AND created_at >= ?",
    )
    .bind(tenant)
    .bind(account)
    .bind(now_ms() - 30 * DAY_MS)
    .fetch_one(&db.pool)
    .await?;
    Ok((all as u32, urgent as u32))
}
