//! Tenant branding: the widget reads its tenant's with the customer token; admins edit it in
//! the console. Stored as validated JSON.

use axum::{
    Json, Router,
    extract::{Path, State},
    routing::get,
};
use panelcare_model::{branding::Branding, console::TenantInfo};

use crate::{
    audit,
    auth::Customer,
    console::{
        scope::{Scope, require_admin_of},
        session::SignedIn,
    },
    db::Db,
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
};

/// `GET /api/v1/branding`, for the widget.
pub fn widget_router() -> Router<AppState> {
    Router::new().route("/branding", get(for_customer))
}

/// `GET /console/api/tenants` and `GET|PUT /console/api/tenants/{id}/branding`, for admins.
pub fn console_router() -> Router<AppState> {
    Router::new()
        .route("/tenants", get(tenants_in_scope))
        .route("/tenants/{id}/branding", get(for_admin).put(update))
}

/// The tenants the agent works for: a provider admin's own and its resellers, everyone
/// else's own.
async fn tenants_in_scope(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<TenantInfo>>> {
    let scope = Scope::of(&who.agent);
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT id, name, parent_id FROM tenants t WHERE {} ORDER BY parent_id IS NOT NULL, name",
        scope.condition("t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, name, parent_id)| TenantInfo {
                id,
                name,
                parent_id,
            })
            .collect(),
    ))
}

pub async fn load(db: &Db, tenant_id: &str) -> Result<Option<Branding>, sqlx::Error> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT branding FROM tenants WHERE id = ?1")
            .bind(tenant_id)
            .fetch_optional(&db.pool)
            .await?;
    // A stored value that no longer parses falls back to the default look rather than
    // breaking every widget of the tenant.
    Ok(row.map(|b| {
        b.and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }))
}

async fn for_customer(
    State(state): State<AppState>,
    customer: Customer,
) -> AppResult<Json<Branding>> {
    Ok(Json(
        load(&state.db, &customer.tenant_id)
            .await?
            .unwrap_or_default(),
    ))
}

async fn for_admin(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
) -> AppResult<Json<Branding>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(load(&state.db, &tenant_id).await?.unwrap_or_default()))
}

async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
    ApiJson(body): ApiJson<Branding>,
) -> AppResult<Json<Branding>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    let valid = body.validate().map_err(AppError::validation)?;
    let json = serde_json::to_string(&valid).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query("UPDATE tenants SET branding = ?2 WHERE id = ?1")
        .bind(&tenant_id)
        .bind(&json)
        .execute(&state.db.pool)
        .await?;
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
