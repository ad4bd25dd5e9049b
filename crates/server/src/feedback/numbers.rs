//! `GET /console/api/numbers`: the numbers at a glance for the tenants an agent sees.

use axum::{Json, extract::State};
use panelcare_model::numbers::{Numbers, PERIOD_DAYS, Sample, TenantNumbers, summarise};

use super::store;
use crate::{
    console::SignedIn, error::AppResult, openapi::Refusals, state::AppState, time::now_ms,
};

#[utoipa::path(
    get, path = "/numbers", tag = "feedback", operation_id = "console_get_numbers",
    summary = "Feedback of the last 30 days at a glance, per tenant the agent sees and in total",
    security(("console_session" = [])),
    responses((status = 200, body = Numbers), Refusals),
)]
pub async fn numbers(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Numbers>> {
    let scope = who.scope();
    let now = now_ms();
    let since = now - i64::from(PERIOD_DAYS + 1) * 86_400_000;
    let tenants = crate::tenants::store::in_scope(&state.db, &scope).await?;
    let samples = store::samples_since(&state.db, &scope, since).await?;
    let all: Vec<Sample> = samples.iter().map(|(_, s)| *s).collect();
    let per_tenant = tenants
        .into_iter()
        .map(|t| {
            let own: Vec<Sample> = samples
                .iter()
                .filter(|(tenant, _)| *tenant == t.id)
                .map(|(_, s)| *s)
                .collect();
            TenantNumbers {
                summary: summarise(&own, now, PERIOD_DAYS),
                tenant_id: t.id,
                tenant_name: t.name,
            }
        })
        .collect();
    Ok(Json(Numbers {
        period_days: PERIOD_DAYS,
        tenants: per_tenant,
        total: summarise(&all, now, PERIOD_DAYS),
    }))
}
