//! `/console/api/tenants/{tenant}/customers/{account}/export|erase` and
//! `/console/api/tenants/{tenant}/retention`: admins of the tenant only (a provider admin for
//! the provider and its resellers, a reseller admin for its own); anyone else is answered
//! as if there were no such tenant.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::header, response::IntoResponse};
use panelcare_model::{
    FieldError,
    data_rights::{EraseRequest, Erased, MAX_ACCOUNT_LEN, Retention},
    error::FieldErrorCode,
};

use super::store;
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    time::now_ms,
};

/// An account id a host could have signed: as the token check allows.
fn check_account(account: &str) -> AppResult<()> {
    if account.trim().is_empty() || account.len() > MAX_ACCOUNT_LEN {
        return Err(AppError::validation(vec![FieldError::new(
            "account",
            FieldErrorCode::OutOfRange,
            format!("An account id has 1 to {MAX_ACCOUNT_LEN} characters."),
        )]));
    }
    // No panel signs such an id (and PostgreSQL cannot even compare text holding NUL).
    if account.chars().any(char::is_control) {
        return Err(AppError::validation(vec![FieldError::new(
            "account",
            FieldErrorCode::ForbiddenCharacters,
            "An account id has no control characters.",
        )]));
    }
    Ok(())
}

#[utoipa::path(
    get, path = "/tenants/{tenant}/customers/{account}/export", tag = "data_rights",
    operation_id = "console_export_customer",
    summary = "Everything held about one customer account, as a JSON download",
    description = "Agents' internal notes are left out and only counted under `withheld`; \
        files are listed, not included. An account with nothing stored answers an empty \
        document. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Path, description = "The tenant's id"), ("account" = String, Path, description = "The customer's account id, as the host signs it")),
    responses((status = 200, description = "The export document", body = super::export::Export,
        headers(
            ("Content-Disposition" = String,
                description = "`attachment; filename=\"customer-<tenant>-<account>.json\"`"),
            ("Cache-Control" = String, description = "`no-store`"),
        )), Refusals),
)]
pub async fn export(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath((tenant, account)): ApiPath<(String, String)>,
) -> AppResult<impl IntoResponse> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    check_account(&account)?;
    let doc = super::export(&state.db, &tenant, &account, Some(&who.agent.id)).await?;
    // A download named after the account; the name keeps only characters safe in a header.
    let safe: String = account
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"customer-{tenant}-{safe}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(doc),
    ))
}

#[utoipa::path(
    post, path = "/tenants/{tenant}/customers/{account}/erase", tag = "data_rights",
    operation_id = "console_erase_customer",
    summary = "Erase one customer account's texts and files",
    description = "Texts are replaced and files deleted; the numbers stay. `confirm` repeats the \
        account id. Erasing again finds nothing and answers zeros. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Path, description = "The tenant's id"), ("account" = String, Path, description = "The customer's account id, as the host signs it")),
    request_body = EraseRequest,
    responses((status = 200, description = "What was erased", body = Erased), Refusals),
)]
pub async fn erase(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath((tenant, account)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<EraseRequest>,
) -> AppResult<Json<Erased>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    check_account(&account)?;
    body.validate(&account).map_err(AppError::validation)?;
    Ok(Json(
        super::erase(&state.db, &tenant, &account, Some(&who.agent.id)).await?,
    ))
}

#[utoipa::path(
    get, path = "/tenants/{tenant}/retention", tag = "data_rights",
    operation_id = "console_get_retention",
    summary = "How long a tenant keeps closed tickets and feedback",
    description = "Admins of the tenant only.",
    security(("console_session" = [])),
    params(("tenant" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = Retention), Refusals),
)]
pub async fn read_retention(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<Retention>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    Ok(Json(store::retention::get(&state.db, &tenant).await?))
}

#[utoipa::path(
    put, path = "/tenants/{tenant}/retention", tag = "data_rights",
    operation_id = "console_update_retention",
    summary = "Set how long a tenant keeps closed tickets and feedback",
    description = "`null` keeps them. The retention job deletes what is older. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("tenant" = String, Path, description = "The tenant's id")),
    request_body = Retention,
    responses((status = 200, description = "Saved", body = Retention), Refusals),
)]
pub async fn save_retention(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
    ApiJson(body): ApiJson<Retention>,
) -> AppResult<Json<Retention>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    body.validate().map_err(AppError::validation)?;
    store::retention::save(&state.db, &tenant, &body, now_ms()).await?;
    let detail = serde_json::to_string(&body).map_err(|e| AppError::Internal(e.to_string()))?;
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "retention.update",
        &tenant,
        &detail,
    )
    .await?;
    Ok(Json(body))
}
