//! `GET|PUT /console/api/tenants/{id}/branding`: admins read and change a tenant's look;
//! every field is validated so no value can leave its CSS property. Changes are audited.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::branding::Branding;

use super::store;
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
};

#[utoipa::path(
    get, path = "/tenants/{id}/branding", tag = "branding",
    operation_id = "console_get_branding",
    summary = "A tenant's branding of the widget",
    description = "The defaults when none is saved. Admins of the tenant only.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = Branding), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
) -> AppResult<Json<Branding>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(
        store::load(&state.db, &tenant_id)
            .await?
            .unwrap_or_default(),
    ))
}

#[utoipa::path(
    put, path = "/tenants/{id}/branding", tag = "branding",
    operation_id = "console_update_branding",
    summary = "Change a tenant's branding of the widget",
    description = "Every field is checked so no value can leave its CSS property. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = Branding,
    responses((status = 200, description = "Saved, as cleaned", body = Branding), Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
    ApiJson(body): ApiJson<Branding>,
) -> AppResult<Json<Branding>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    let valid = body.validate().map_err(AppError::validation)?;
    let json = serde_json::to_string(&valid).map_err(|e| AppError::Internal(e.to_string()))?;
    store::save(&state.db, &tenant_id, &json).await?;
    audit::record(
        &state.db,
        &tenant_id,
        &who.agent.id,
        "branding.update",
        &tenant_id,
        &json,
    )
    .await?;
    Ok(Json(valid))
}
