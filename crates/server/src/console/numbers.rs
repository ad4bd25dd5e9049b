//! `GET /console/api/numbers`: the numbers at a glance for the tenants an agent sees.

use axum::{Json, extract::State};
use panelcare_model::numbers::{Numbers, PERIOD_DAYS, Sample, TenantNumbers, summarise};

use super::{scope::Scope, session::SignedIn};
use crate::{error::AppResult, state::AppState, time::now_ms};

pub async fn numbers(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Numbers>> {
    let scope = Scope::of(&who.agent);
    let now = now_ms();
    let since = now - i64::from(PERIOD_DAYS + 1) * 86_400_000;
    let tenants: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT id, name FROM tenants t WHERE {} ORDER BY parent_id IS NOT NULL, name",
        scope.condition("t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    let rows: Vec<(String, i64, Option<i64>, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT tenant_id, created_at, rating, answered_at FROM feedback f \
         WHERE {} AND f.created_at >= ?2",
        scope.condition("f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since)
    .fetch_all(&state.db.pool)
    .await?;
    let sample = |r: &(String, i64, Option<i64>, Option<i64>)| Sample {
        created_at: r.1,
        rating: r.2.map(|v| v as u8),
        answered_at: r.3,
    };
    let all: Vec<Sample> = rows.iter().map(sample).collect();
    let per_tenant = tenants
        .into_iter()
        .map(|(tenant_id, tenant_name)| {
            let own: Vec<Sample> = rows
                .iter()
                .filter(|r| r.0 == tenant_id)
                .map(sample)
                .collect();
            TenantNumbers {
                summary: summarise(&own, now, PERIOD_DAYS),
                tenant_id,
                tenant_name,
            }
        })
        .collect();
    Ok(Json(Numbers {
        period_days: PERIOD_DAYS,
        tenants: per_tenant,
        total: summarise(&all, now, PERIOD_DAYS),
    }))
}
