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

use super::store;
use crate::{db::Db, time::now_ms};

pub const DAY_MS: i64 = 86_400_000;

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
    let latest = store::latest_day(db, tenant, account).await?;
    let oldest = store::oldest_usage(db, tenant, account, today - 30, today).await?;
    let first_seen = store::first_seen(db, tenant, account).await?;
    let same_day_and_plan = latest
        .as_ref()
        .is_some_and(|(day, p)| *day == today && p.as_deref() == plan);
    if !same_day_and_plan || first_seen.is_none() {
        store::save_day(db, tenant, account, today, plan, snapshot, now).await?;
    }
    let mut trends = BTreeMap::new();
    if let Some(old) = oldest {
        for (name, before) in old {
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
