//! What admins do with second factors: see which of their accounts have one, reset a
//! member's (a lost phone), and require one of a tenant's accounts. Only the admins of the
//! account's or the tenant's tenant (a provider's admins also for its resellers); anyone else
//! gets `404`, as for every console route outside its scope.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    console::Role,
    second_factor::{Enrolled, Requirement},
};

use super::store;
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of, store as accounts},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    time::{now_ms, rfc3339},
};

/// `GET /console/api/second-factor/accounts`: the accounts of the admin's tenants that have a
/// second factor (the team screen marks them).
#[utoipa::path(
    get, path = "/second-factor/accounts", tag = "second_factor",
    operation_id = "console_list_second_factor_accounts",
    summary = "The accounts of the admin's tenants that have a second factor",
    description = "Admins only: an agent gets `404`.",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<Enrolled>), Refusals),
)]
pub async fn enrolled(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<Enrolled>>> {
    if who.agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    let rows = store::enrolled_in(&state.db, &who.scope()).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(agent_id, at)| Enrolled {
                agent_id,
                enabled_at: rfc3339(at),
            })
            .collect(),
    ))
}

/// `DELETE /console/api/agents/{id}/second-factor`: `204`; the member signs in with the
/// password alone again, or sets up a new app at the next sign-in if the tenant requires it.
#[utoipa::path(
    delete, path = "/agents/{id}/second-factor", tag = "second_factor",
    operation_id = "console_reset_second_factor",
    summary = "Reset a member's second factor (a lost phone)",
    description = "For the admins of the member's tenant. The member signs in with the password \
        alone again, or sets up a new app at the next sign-in if the tenant requires one. One's \
        own account, or one without a second factor, is refused (`422`).",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The console account's id")),
    responses((status = 204, description = "Reset"), Refusals),
)]
pub async fn reset(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<StatusCode> {
    let target = accounts::by_id(&state.db, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    require_admin_of(&state.db, &who.agent, &target.tenant_id).await?;
    // One's own goes off through the Security page, which asks for the password or a code:
    // a session left open must not be enough to take it off.
    if target.id == who.agent.id {
        return Err(AppError::validation(vec![
            panelcare_model::FieldError::new(
                "id",
                panelcare_model::error::FieldErrorCode::UnknownValue,
                "Turn off your own second factor on your Security page.",
            ),
        ]));
    }
    if !store::remove(&state.db, &target.id).await? {
        return Err(AppError::validation(vec![
            panelcare_model::FieldError::new(
                "id",
                panelcare_model::error::FieldErrorCode::UnknownValue,
                "This account has no second factor to reset.",
            ),
        ]));
    }
    audit::record(
        &state.db,
        &target.tenant_id,
        &who.agent.id,
        "second_factor.reset",
        &target.email,
        "",
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn read(state: &AppState, tenant_id: &str) -> AppResult<Requirement> {
    let (required, by_provider) = store::requirement(&state.db, tenant_id).await?;
    Ok(Requirement {
        required,
        by_provider,
    })
}

/// `GET /console/api/tenants/{id}/second-factor`.
#[utoipa::path(
    get, path = "/tenants/{id}/second-factor", tag = "second_factor",
    operation_id = "console_get_second_factor_requirement",
    summary = "Whether the tenant requires a second factor of its accounts",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = Requirement), Refusals),
)]
pub async fn requirement(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
) -> AppResult<Json<Requirement>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(read(&state, &tenant_id).await?))
}

/// `PUT /console/api/tenants/{id}/second-factor` `{"required"}`: audited. Accounts without a
/// second factor set one up at their next sign-in; open sessions go on.
#[utoipa::path(
    put, path = "/tenants/{id}/second-factor", tag = "second_factor",
    operation_id = "console_set_second_factor_requirement",
    summary = "Require a second factor of the tenant's accounts, or stop requiring it",
    description = "Accounts without one set one up at their next sign-in; open sessions go on. \
        `by_provider` is read only (ignored here).",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = Requirement,
    responses((status = 200, description = "The requirement now", body = Requirement), Refusals),
)]
pub async fn set_requirement(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
    ApiJson(req): ApiJson<Requirement>,
) -> AppResult<Json<Requirement>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    store::set_requirement(&state.db, &tenant_id, req.required, now_ms()).await?;
    audit::record(
        &state.db,
        &tenant_id,
        &who.agent.id,
        "second_factor.require",
        &tenant_id,
        if req.required { "on" } else { "off" },
    )
    .await?;
    Ok(Json(read(&state, &tenant_id).await?))
}
