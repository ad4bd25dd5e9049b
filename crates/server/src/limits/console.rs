//! `GET|PUT|DELETE /console/api/tenants/{id}/limits`: a tenant's rate limits and upload
//! quotas. Its admins read them; only the provider's admins change them (a reseller could
//! otherwise lift its own backstop). Changes are audited.

use axum::{
    Json,
    extract::{Path, State},
};
use panelcare_model::{console::Role, limits::Limits};

use super::store;
use crate::{
    audit,
    cache::Changed,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    time::now_ms,
};

pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
) -> AppResult<Json<Limits>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(
        store::limits(&state.db, &tenant_id)
            .await?
            .unwrap_or_default(),
    ))
}

/// Only a provider admin, for a tenant in the provider's scope.
async fn require_provider_of(state: &AppState, who: &SignedIn, tenant_id: &str) -> AppResult<()> {
    require_admin_of(&state.db, &who.agent, tenant_id).await?;
    if who.agent.role == Role::ProviderAdmin {
        Ok(())
    } else {
        Err(AppError::client(
            panelcare_model::ErrorCode::NotFound,
            "Only the provider's administrators change limits.",
        ))
    }
}

/// New limits apply from now: the cached set, the buckets and this instance's remembered
/// refusals of the tenant go (other instances' refusals end with their waits).
async fn forget_counts(state: &AppState, tenant_id: &str) -> AppResult<()> {
    state.caches.changed(Changed::Limits { tenant: tenant_id });
    store::clear_buckets(&state.db, tenant_id).await?;
    state.refusals.forget_tenant(tenant_id);
    Ok(())
}

pub async fn save(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
    ApiJson(body): ApiJson<Limits>,
) -> AppResult<Json<Limits>> {
    require_provider_of(&state, &who, &tenant_id).await?;
    body.validate().map_err(AppError::validation)?;
    store::save_limits(&state.db, &tenant_id, &body, now_ms()).await?;
    forget_counts(&state, &tenant_id).await?;
    let json = serde_json::to_string(&body).map_err(|e| AppError::Internal(e.to_string()))?;
    audit::record(
        &state.db,
        &tenant_id,
        &who.agent.id,
        "limits.update",
        &tenant_id,
        &json,
    )
    .await?;
    Ok(Json(body))
}

pub async fn reset(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
) -> AppResult<Json<Limits>> {
    require_provider_of(&state, &who, &tenant_id).await?;
    store::reset_limits(&state.db, &tenant_id).await?;
    forget_counts(&state, &tenant_id).await?;
    audit::record(
        &state.db,
        &tenant_id,
        &who.agent.id,
        "limits.reset",
        &tenant_id,
        "",
    )
    .await?;
    Ok(Json(Limits::default()))
}
