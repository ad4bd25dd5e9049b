//! `GET|PUT /console/api/tenants/{id}/ticket-settings`: departments, SLA policies per support
//! tier, reopen window and attachment limit, for the tenant's admins.

use axum::{
    Json,
    extract::{Path, State},
};
use panelcare_model::ticket::TicketSettings;

use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    tickets::{settings, store::settings as store},
};

pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
) -> AppResult<Json<TicketSettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    Ok(Json(store::load(&state.db, &tenant).await?))
}

pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
    ApiJson(body): ApiJson<TicketSettings>,
) -> AppResult<Json<TicketSettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    settings::validate(&body).map_err(AppError::validation)?;
    store::save(&state.db, &tenant, &body).await?;
    let detail = serde_json::to_string(&body).unwrap_or_default();
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "tickets.settings",
        &tenant,
        &detail,
    )
    .await?;
    Ok(Json(body))
}
