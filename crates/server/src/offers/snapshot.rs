//! The usage a widget forwards from its host: checked into a [`Snapshot`], remembered one
//! per account and day for trends, and compared with the previous day's plan so a plan
//! change after an offer counts as its conversion.

use std::collections::BTreeMap;

use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    offers::{Metric, Raw, Snapshot},
};
use serde_json::{Map, Value};

use crate::{db::Db, time::now_ms};

pub const DAY_MS: i64 = 86_400_000;
/// Days of usage kept per account: enough for a 30-day trend.
const KEEP_DAYS: i64 = 40;

fn raw(v: &Value) -> Raw {
    match v {
        Value::Number(n) => n.as_f64().map_or(Raw::Other, Raw::Number),
        Value::String(s) => Raw::Text(s.clone()),
        Value::Null => Raw::Null,
        _ => Raw::Other,
    }
}

/// Checks the host's usage object (`{"disk": {"used": …, "limit": …}, "service_id": …}`).
pub fn check(usage: &Value) -> Result<Snapshot, Vec<FieldError>> {
    let empty = Map::new();
    let obj = match usage {
        Value::Object(o) => o,
        Value::Null => &empty,
        _ => {
            return Err(vec![FieldError::new(
                "usage",
                FieldErrorCode::InvalidType,
                "The usage must be an object of metrics, as the host's usage() returns it.",
            )]);
        }
    };
    let mut shape = Vec::new();
    let mut metrics = Vec::new();
    for (name, v) in obj {
        if name == "service_id" || Metric::parse(name).is_none() {
            continue;
        }
        match v {
            Value::Object(m) => metrics.push((
                name.as_str(),
                m.get("used").map(raw),
                m.get("limit").map(raw),
            )),
            _ => shape.push(FieldError::new(
                format!("usage.{name}"),
                FieldErrorCode::InvalidType,
                format!("{name} must be an object like {{\"used\": 1, \"limit\": 5}}."),
            )),
        }
    }
    let checked = Snapshot::check(metrics, obj.get("service_id").map(raw));
    match (checked, shape.is_empty()) {
        (Ok(s), true) => Ok(s),
        (Ok(_), false) => Err(shape),
        (Err(mut e), _) => {
            e.extend(shape);
            Err(e)
        }
    }
}

/// What the stored days say about an account.
#[derive(Debug, Default)]
pub struct Past {
    /// Growth of each metric's use since the oldest stored day in the last 30, in percent.
    pub trends: BTreeMap<Metric, f64>,
    /// The plan of the previous report, if it differs from this one's.
    pub previous_plan: Option<String>,
    pub first_seen_ms: i64,
}

fn used_of(json: &str) -> BTreeMap<String, f64> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Remembers the account's first report of each day (and any plan change) and reads what
/// came before. A dashboard reloaded all day writes once: the day's first snapshot is what a
/// 30-day trend needs, and every later view is a read.
pub async fn remember(
    db: &Db,
    tenant: &str,
    account: &str,
    plan: Option<&str>,
    snapshot: &Snapshot,
) -> Result<Past, sqlx::Error> {
    let now = now_ms();
    let today = now.div_euclid(DAY_MS);
    // The last report, today's included: a plan bought this morning shows this afternoon.
    let latest: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT day, plan FROM usage_days WHERE tenant_id = ? AND account_id = ? \
         ORDER BY day DESC LIMIT 1",
    )
    .bind(tenant)
    .bind(account)
    .fetch_optional(&db.pool)
    .await?;
    let oldest: Option<String> = sqlx::query_scalar(
        "SELECT usage FROM usage_days WHERE tenant_id = ? AND account_id = ? AND day >= ? \
         AND day < ? ORDER BY day LIMIT 1",
    )
    .bind(tenant)
    .bind(account)
    .bind(today - 30)
    .bind(today)
    .fetch_optional(&db.pool)
    .await?;
    let first_seen: Option<i64> = sqlx::query_scalar(
        "SELECT first_seen_at FROM offer_accounts WHERE tenant_id = ? AND account_id = ?",
    )
    .bind(tenant)
    .bind(account)
    .fetch_optional(&db.pool)
    .await?;
    let same_day_and_plan = latest
        .as_ref()
        .is_some_and(|(day, p)| *day == today && p.as_deref() == plan);
    if !same_day_and_plan || first_seen.is_none() {
        let used: BTreeMap<&str, f64> = snapshot
            .amounts
            .iter()
            .map(|(m, a)| (m.as_str(), a.used))
            .collect();
        let json = serde_json::to_string(&used).unwrap_or_else(|_| "{}".into());
        let mut tx = db.write().await?;
        sqlx::query(
            "INSERT INTO usage_days (tenant_id, account_id, day, plan, usage) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (tenant_id, account_id, day) DO UPDATE SET plan = ?4, usage = ?5",
        )
        .bind(tenant)
        .bind(account)
        .bind(today)
        .bind(plan)
        .bind(&json)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM usage_days WHERE tenant_id = ? AND account_id = ? AND day < ?")
            .bind(tenant)
            .bind(account)
            .bind(today - KEEP_DAYS)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO offer_accounts (tenant_id, account_id, first_seen_at) VALUES (?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(tenant)
        .bind(account)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    let mut trends = BTreeMap::new();
    if let Some(old) = oldest {
        for (name, before) in used_of(&old) {
            let (Some(m), true) = (Metric::parse(&name), before > 0.0) else {
                continue;
            };
            if let Some(a) = snapshot.get(m) {
                trends.insert(m, (a.used - before) / before * 100.0);
            }
        }
    }
    let previous_plan = latest
        .and_then(|(_, p)| p)
        .filter(|p| Some(p.as_str()) != plan);
    Ok(Past {
        trends,
        previous_plan,
        first_seen_ms: first_seen.unwrap_or(now),
    })
}
