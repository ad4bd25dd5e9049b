//! `GET|PUT /console/api/tenants/{id}/branding`: admins read and change a tenant's look;
//! every field is validated so no value can leave its CSS property. Changes are audited.

use axum::{
    Json,
    extract::{Path, State},
};
use panelcare_model::branding::Branding;

use super::store;
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
};

pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
) -> AppResult<Json<Branding>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(
        store::load(&state.db, &tenant_id)
            .await?
            .unwrap_or_default(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
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
