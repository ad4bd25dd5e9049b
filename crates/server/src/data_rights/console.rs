//! `/console/api/tenants/{tenant}/customers/{account}/export|erase` and
//! `/console/api/tenants/{tenant}/retention`: admins of the tenant only (a provider admin for
//! the provider and its resellers, a reseller admin for its own); anyone else is answered
//! as if there were no such tenant.

use axum::{
    Json,
    extract::{Path, State},
    http::header,
    response::IntoResponse,
};
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

pub async fn export(
    State(state): State<AppState>,
    who: SignedIn,
    Path((tenant, account)): Path<(String, String)>,
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

pub async fn erase(
    State(state): State<AppState>,
    who: SignedIn,
    Path((tenant, account)): Path<(String, String)>,
    ApiJson(body): ApiJson<EraseRequest>,
) -> AppResult<Json<Erased>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    check_account(&account)?;
    body.validate(&account).map_err(AppError::validation)?;
    Ok(Json(
        super::erase(&state.db, &tenant, &account, Some(&who.agent.id)).await?,
    ))
}

pub async fn read_retention(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
) -> AppResult<Json<Retention>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    Ok(Json(store::retention::get(&state.db, &tenant).await?))
}

pub async fn save_retention(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
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
