//! `GET|PUT /console/api/tenants/{id}/ticket-settings`: departments, SLA policies per support
//! tier, reopen window and attachment limit, for the tenant's admins.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::ticket::TicketSettings;

use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    tickets::{settings, store::settings as store},
};

#[utoipa::path(
    get, path = "/tenants/{id}/ticket-settings", tag = "tickets",
    operation_id = "console_get_ticket_settings",
    summary = "The tenant's support settings",
    description = "Departments, SLA policies per support tier, reopen window and attachment \
        limit; for the tenant's admins.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = TicketSettings), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<TicketSettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    Ok(Json(store::load(&state.db, &tenant).await?))
}

#[utoipa::path(
    put, path = "/tenants/{id}/ticket-settings", tag = "tickets",
    operation_id = "console_update_ticket_settings",
    summary = "Replace the tenant's support settings",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = TicketSettings,
    responses((status = 200, description = "Stored", body = TicketSettings), Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
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
