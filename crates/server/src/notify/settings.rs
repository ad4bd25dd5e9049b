//! `GET|PUT /console/api/tenants/{id}/notifications`: a tenant's notification settings, for
//! its admins. The webhook secret is write-only.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::{FieldError, error::FieldErrorCode, notify::NotifySettings};

use super::store;
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    outbound,
    state::AppState,
};

#[utoipa::path(
    get, path = "/tenants/{id}/notifications", tag = "notify",
    operation_id = "console_get_notification_settings",
    summary = "A tenant's notification settings",
    description = "The webhook secret is never sent back: `webhook_secret` is empty and \
        `webhook_secret_set` says whether one is stored. Admins of the tenant only.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = NotifySettings), Refusals),
)]
/// `GET /console/api/tenants/{id}/notifications`; the secret never leaves the server, only
/// whether one is stored.
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<NotifySettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut conn = state.db.pool.acquire().await?;
    let mut s = store::settings(&mut conn, &tenant).await?;
    s.webhook_secret.clear();
    Ok(Json(s))
}

#[utoipa::path(
    put, path = "/tenants/{id}/notifications", tag = "notify",
    operation_id = "console_update_notification_settings",
    summary = "Change a tenant's notification settings",
    description = "An empty `webhook_secret` keeps the stored one; `webhook_secret_set` is not \
        read. The answer shows the secret empty, as reads do. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = NotifySettings,
    responses((status = 200, description = "Saved", body = NotifySettings), Refusals),
)]
/// `PUT /console/api/tenants/{id}/notifications`; an empty secret keeps the stored one.
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
    ApiJson(mut body): ApiJson<NotifySettings>,
) -> AppResult<Json<NotifySettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut conn = state.db.pool.acquire().await?;
    let stored = store::settings(&mut conn, &tenant).await?;
    body.validate(!stored.webhook_secret.is_empty())
        .map_err(AppError::validation)?;
    if !outbound::savable(&state.config.outbound_allow, &body.webhook_url) {
        return Err(AppError::validation(vec![FieldError::new(
            "webhook_url",
            FieldErrorCode::InvalidUrl,
            "This address is on the server's own machine or a private network, where \
             webhooks are refused. Give a public address (the server's operator can allow a \
             private one).",
        )]));
    }
    body.emails = body.emails.iter().map(|e| e.trim().to_owned()).collect();
    body.webhook_url = body.webhook_url.trim().to_owned();
    if body.webhook_secret.trim().is_empty() {
        body.webhook_secret = stored.webhook_secret;
    } else {
        // Sealed whatever it looks like: a sent value shaped like a sealed one must not be
        // stored as one (it would open under no key and stop the server's start-up check).
        body.webhook_secret = state.db.secrets.seal(
            &body.webhook_secret,
            &crate::secrets::webhook_context(&tenant),
        );
    }
    body.webhook_secret_set = !body.webhook_secret.is_empty();
    store::save_settings(&mut conn, &state.db.secrets, &tenant, &body).await?;
    let detail = format!(
        "{} addresses, webhook {}",
        body.emails.len(),
        if body.webhook_url.is_empty() {
            "off"
        } else {
            &body.webhook_url
        }
    );
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "notifications.settings",
        &tenant,
        &detail,
    )
    .await?;
    body.webhook_secret.clear();
    Ok(Json(body))
}
