//! `GET /console/api/offers/numbers` and `…/numbers.csv`: the funnel per tenant, rule and
//! variant over the last days, counted in customers (not page views).

use axum::{
    Json,
    extract::{Query, State, rejection::QueryRejection},
    http::header,
    response::{IntoResponse, Response},
};
use panelcare_model::{
    ErrorCode,
    offers::numbers::{FunnelRow, OfferNumbers, TenantOffers},
};
use serde::Deserialize;

use crate::{
    console::{scope::Scope, session::SignedIn},
    error::{AppError, AppResult},
    offers::snapshot::DAY_MS,
    state::AppState,
    time::now_ms,
};

#[derive(Debug, Deserialize)]
pub struct Days {
    #[serde(default = "thirty")]
    pub days: u32,
}

fn thirty() -> u32 {
    30
}

type Row = (
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

async fn gather(
    state: &AppState,
    who: &SignedIn,
    query: Result<Query<Days>, QueryRejection>,
) -> AppResult<OfferNumbers> {
    let Query(Days { days }) = query.map_err(|e| {
        AppError::client(
            ErrorCode::InvalidBody,
            format!("The query string is not valid: {e}."),
        )
    })?;
    if !(1..=365).contains(&days) {
        return Err(AppError::validation(vec![
            panelcare_model::FieldError::new(
                "days",
                panelcare_model::error::FieldErrorCode::OutOfRange,
                "Ask for 1 to 365 days.",
            ),
        ]));
    }
    let scope = Scope::of(&who.agent);
    let since = now_ms() - i64::from(days) * DAY_MS;
    let tenants: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT id, name FROM tenants t WHERE {} ORDER BY parent_id IS NOT NULL, name",
        scope.condition("t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT e.tenant_id, e.rule_id, e.variant, MAX(e.target), \
         COUNT(DISTINCT CASE WHEN kind = 'impression' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'click' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'conversion' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'snooze' THEN account_id END), \
         COUNT(DISTINCT CASE WHEN kind = 'dismiss' THEN account_id END), \
         COALESCE(SUM(CASE WHEN kind = 'conversion' THEN price_diff_cents END), 0), \
         COALESCE(MAX(CASE WHEN currency != '' THEN currency END), '') \
         FROM offer_events e WHERE {} AND e.created_at >= ?2 \
         GROUP BY e.tenant_id, e.rule_id, e.variant ORDER BY e.rule_id, e.variant",
        scope.condition("e.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since)
    .fetch_all(&state.db.pool)
    .await?;
    let names: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT r.tenant_id, r.id, r.name FROM offer_rules r WHERE {}",
        scope.condition("r.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    let name_of = |tenant: &str, rule: &str| -> String {
        if let Some(tier) = rule.strip_prefix("support:") {
            return format!("Premium support upsell ({tier})");
        }
        names
            .iter()
            .find(|(t, r, _)| t == tenant && r == rule)
            .map_or_else(|| format!("{rule} (deleted)"), |(_, _, n)| n.clone())
    };
    let count = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    let mut catalogues = std::collections::HashMap::new();
    for (id, _) in &tenants {
        catalogues.insert(id.clone(), super::store::catalogue(&state.db, id).await?);
    }
    let target_name = |tenant: &str, target: &str| -> String {
        catalogues
            .get(tenant)
            .and_then(|c| c.item(target))
            .map(|(_, i)| i.name.clone())
            .unwrap_or_default()
    };
    let tenants = tenants
        .into_iter()
        .map(|(tenant_id, tenant_name)| {
            let mine = rows.iter().filter(|r| r.0 == tenant_id);
            let unattributed = mine
                .clone()
                .filter(|r| r.1.is_empty())
                .map(|r| count(r.6))
                .sum();
            let rows = mine
                .filter(|r| !r.1.is_empty())
                .map(|r| {
                    FunnelRow {
                        rule: r.1.clone(),
                        rule_name: name_of(&tenant_id, &r.1),
                        variant: r.2.clone(),
                        target: r.3.clone(),
                        target_name: target_name(&tenant_id, &r.3),
                        shown: count(r.4),
                        clicked: count(r.5),
                        converted: count(r.6),
                        snoozed: count(r.7),
                        dismissed: count(r.8),
                        uplift_monthly_cents: r.9,
                        currency: r.10.clone(),
                        ..FunnelRow::default()
                    }
                    .with_rates()
                })
                .collect();
            TenantOffers {
                tenant_id,
                tenant_name,
                rows,
                unattributed,
            }
        })
        .collect();
    Ok(OfferNumbers { days, tenants })
}

pub async fn numbers(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<Days>, QueryRejection>,
) -> AppResult<Json<OfferNumbers>> {
    Ok(Json(gather(&state, &who, query).await?))
}

/// A cell for a spreadsheet: quoted, and never read as a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub async fn csv(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<Days>, QueryRejection>,
) -> AppResult<Response> {
    let n = gather(&state, &who, query).await?;
    let mut out = String::from(
        "tenant,rule,rule_name,variant,target,target_name,shown,clicked,converted,snoozed,dismissed,rate,rate_low,rate_high,uplift_monthly,currency\n",
    );
    for t in &n.tenants {
        for r in &t.rows {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{},{:.4},{:.4},{:.4},{:.2},{}\n",
                cell(&t.tenant_id),
                cell(&r.rule),
                cell(&r.rule_name),
                cell(&r.variant),
                cell(&r.target),
                cell(&r.target_name),
                r.shown,
                r.clicked,
                r.converted,
                r.snoozed,
                r.dismissed,
                r.rate,
                r.rate_low,
                r.rate_high,
                r.uplift_monthly_cents as f64 / 100.0,
                cell(&r.currency),
            ));
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"offers-{}d.csv\"", n.days),
            ),
        ],
        out,
    )
        .into_response())
}
