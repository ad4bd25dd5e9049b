//! `GET|PUT|DELETE /console/api/tenants/{id}/limits`: a tenant's rate limits and upload
//! quotas. Its admins read them; only the provider's admins change them (a reseller could
//! otherwise lift its own backstop). Changes are audited.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::{console::Role, limits::Limits};

use super::store;
use crate::{
    audit,
    cache::Changed,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    time::now_ms,
};

#[utoipa::path(
    get, path = "/tenants/{id}/limits", tag = "limits", operation_id = "console_get_limits",
    summary = "A tenant's rate limits and upload quotas",
    description = "The defaults when none are saved. Admins of the tenant only.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = Limits), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
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

#[utoipa::path(
    put, path = "/tenants/{id}/limits", tag = "limits", operation_id = "console_update_limits",
    summary = "Change a tenant's rate limits and upload quotas",
    description = "Provider admins only (others are answered 404). They apply at once: the \
        tenant's counts start again. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = Limits,
    responses((status = 200, description = "Saved", body = Limits), Refusals),
)]
pub async fn save(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
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

#[utoipa::path(
    delete, path = "/tenants/{id}/limits", tag = "limits", operation_id = "console_reset_limits",
    summary = "Put a tenant's limits back to the defaults",
    description = "Provider admins only (others are answered 404). The tenant's counts start \
        again. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, description = "The defaults, now in force", body = Limits),
        Refusals),
)]
pub async fn reset(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
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
