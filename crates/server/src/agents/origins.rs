//! Allowed panel origins per tenant. CORS cannot know the tenant (a preflight carries no
//! token), so the API answers every origin's preflight and refuses, once the token names the
//! tenant, a request whose `Origin` the tenant has not listed. No list means any origin.

use crate::extract::ApiPath;
use std::sync::Arc;

use axum::{Json, extract::State};
use panelcare_model::{
    ErrorCode, FieldError,
    console::{ORIGINS_MAX, Origins, parse_origin},
    error::FieldErrorCode,
};

use super::store;
use crate::{
    audit,
    cache::Changed,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
};

/// Refuses `origin` (the request's `Origin` header, if any) for `tenant_id`. Lists are read
/// through the cache: checking costs no query per request.
pub async fn check(
    state: &AppState,
    tenant_id: &str,
    origin: Option<&str>,
) -> Result<(), AppError> {
    let Some(origin) = origin else { return Ok(()) };
    let list = listed(state, tenant_id).await?;
    if list.is_empty() || list.iter().any(|o| o.eq_ignore_ascii_case(origin)) {
        Ok(())
    } else {
        Err(AppError::client(
            ErrorCode::OriginNotAllowed,
            "This page is not among the panels allowed to use the widget.",
        ))
    }
}

/// The tenant's allowed origins (empty: any), through the cache.
pub async fn listed(state: &AppState, tenant_id: &str) -> Result<Arc<Vec<String>>, sqlx::Error> {
    state
        .caches
        .origins
        .get(&tenant_id.to_owned(), async || {
            Ok(Arc::new(store::origins(&state.db, tenant_id).await?))
        })
        .await
}

/// `GET /console/api/tenants/{id}/origins`, for admins.
#[utoipa::path(
    get, path = "/tenants/{id}/origins", tag = "agents", operation_id = "console_get_origins",
    summary = "The panel origins the tenant's widget may be used from (empty: any)",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = Origins), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
) -> AppResult<Json<Origins>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(Origins {
        origins: store::origins(&state.db, &tenant_id).await?,
    }))
}

/// `PUT /console/api/tenants/{id}/origins`, for admins.
#[utoipa::path(
    put, path = "/tenants/{id}/origins", tag = "agents", operation_id = "console_replace_origins",
    summary = "Replace the tenant's allowed panel origins",
    description = "At most 50, each `scheme://host[:port]` (`https`, or `http` for `localhost` \
        and `127.0.0.1`); blanks are skipped, duplicates kept once. An empty list allows any \
        origin.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = Origins,
    responses((status = 200, description = "The list as stored: normalised and sorted",
        body = Origins), Refusals),
)]
pub async fn replace(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
    ApiJson(body): ApiJson<Origins>,
) -> AppResult<Json<Origins>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    if body.origins.len() > ORIGINS_MAX {
        return Err(AppError::validation(vec![FieldError::new(
            "origins",
            FieldErrorCode::TooLong,
            format!("At most {ORIGINS_MAX} origins."),
        )]));
    }
    let mut origins = Vec::new();
    for raw in body.origins.iter().filter(|o| !o.trim().is_empty()) {
        let Some(o) = parse_origin(raw) else {
            return Err(AppError::validation(vec![FieldError::new(
                "origins",
                FieldErrorCode::InvalidUrl,
                format!("{raw:?} is not an origin like https://panel.example.com:2083."),
            )]));
        };
        if !origins.contains(&o) {
            origins.push(o);
        }
    }
    store::set_origins(&state.db, &tenant_id, &origins).await?;
    state
        .caches
        .changed(Changed::Origins { tenant: &tenant_id });
    audit::record(
        &state.db,
        &tenant_id,
        &who.agent.id,
        "origins.update",
        &tenant_id,
        &origins.join(" "),
    )
    .await?;
    origins.sort();
    Ok(Json(Origins { origins }))
}
