//! Admins manage their tenants' token signing keys: a new key's secret is shown once, when
//! created; a tenant keeps at least one. Verifying a token reads keys through the cache.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    ErrorCode,
    console::{CreatedKey, KeyInfo, NewKey},
    error::FieldErrorCode,
};

use super::{
    refuse,
    store::{self, KeyRemoval},
};
use crate::{
    audit,
    cache::Changed,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    tenants,
};

/// The secret of key `kid` of `tenant_id`, as tokens and host calls are checked against it.
pub async fn secret(
    state: &AppState,
    tenant_id: &str,
    kid: &str,
) -> Result<Option<String>, sqlx::Error> {
    let id = (tenant_id.to_owned(), kid.to_owned());
    state
        .caches
        .keys
        .find(&id, async || {
            store::signing_secret(&state.db, tenant_id, kid).await
        })
        .await
}

#[utoipa::path(
    get, path = "/tenants/{id}/keys", tag = "agents", operation_id = "console_list_keys",
    summary = "The tenant's signing keys, without their secrets",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = Vec<KeyInfo>), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
) -> AppResult<Json<Vec<KeyInfo>>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(store::keys(&state.db, &tenant_id).await?))
}

#[utoipa::path(
    post, path = "/tenants/{id}/keys", tag = "agents", operation_id = "console_add_key",
    summary = "Add a signing key; its secret is answered this once",
    description = "`kid` is 1 to 40 letters, digits, `-`, `_` or `.`, new for the tenant. The \
        panel signs customer tokens (`kid` in the header) and host calls (`X-Panelcare-Key`) with \
        the secret.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = NewKey,
    responses((status = 201, description = "Added, with its secret", body = CreatedKey),
        Refusals),
)]
pub async fn add(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant_id): ApiPath<String>,
    ApiJson(body): ApiJson<NewKey>,
) -> AppResult<(StatusCode, Json<CreatedKey>)> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    let kid = body.kid.trim();
    if kid.is_empty()
        || kid.len() > 40
        || !kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(refuse(
            "kid",
            FieldErrorCode::InvalidType,
            "A key id is 1 to 40 letters, digits, '-', '_' or '.'.",
        ));
    }
    if store::signing_secret(&state.db, &tenant_id, kid)
        .await?
        .is_some()
    {
        return Err(refuse(
            "kid",
            FieldErrorCode::InvalidType,
            "This tenant has a key with this id already.",
        ));
    }
    let secret = tenants::generate_secret();
    store::put_key(&state.db, &tenant_id, kid, &secret).await?;
    state.caches.changed(Changed::Keys { tenant: &tenant_id });
    audit::record(&state.db, &tenant_id, &who.agent.id, "key.add", kid, "").await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedKey {
            kid: kid.to_owned(),
            secret,
        }),
    ))
}

#[utoipa::path(
    delete, path = "/tenants/{id}/keys/{kid}", tag = "agents", operation_id = "console_remove_key",
    summary = "Remove a signing key",
    description = "A tenant keeps at least one key: removing the last is refused (`422`).",
    security(("console_session" = [])),
    params(
        ("id" = String, Path, description = "The tenant's id"),
        ("kid" = String, Path, description = "The key's id"),
    ),
    responses((status = 204, description = "Removed"), Refusals),
)]
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath((tenant_id, kid)): ApiPath<(String, String)>,
) -> AppResult<StatusCode> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    match store::remove_key(&state.db, &tenant_id, &kid).await? {
        KeyRemoval::Removed => {}
        KeyRemoval::Last => {
            return Err(AppError::client(
                ErrorCode::ValidationFailed,
                "A tenant keeps at least one key: add the new key before removing the old one.",
            ));
        }
        KeyRemoval::NotFound => return Err(AppError::not_found()),
    }
    state.caches.changed(Changed::Keys { tenant: &tenant_id });
    audit::record(&state.db, &tenant_id, &who.agent.id, "key.remove", &kid, "").await?;
    Ok(StatusCode::NO_CONTENT)
}
