//! `GET|PUT|DELETE /console/api/tenants/{id}/ticket-bridge` and `…/retry`: a tenant's bridge
//! settings for its admins, and the state the console shows (pending, failed, the last
//! error), read from the outbox.

use super::store;
use crate::extract::ApiPath;
use crate::{
    agents, audit,
    console::{SignedIn, scope::require_admin_of},
    db::Conn,
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    outbound,
    state::AppState,
    time,
};
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    FieldError,
    bridge::{BridgeSettings, BridgeState},
    error::FieldErrorCode,
};

async fn state_of(conn: &mut Conn, tenant_id: &str) -> AppResult<BridgeState> {
    let settings = store::settings(&mut *conn, tenant_id).await?;
    let b = store::backlog(&mut *conn, tenant_id).await?;
    Ok(BridgeState {
        settings,
        pending: u32::try_from(b.pending).unwrap_or(u32::MAX),
        failed: u32::try_from(b.failed).unwrap_or(u32::MAX),
        // Only the class of the failure, in words: stored rows hold its code (older ones their
        // free text, of which only a status is kept).
        last_error: b
            .last_error
            .map(|e| outbound::Failure::from_stored(&e).to_string()),
        last_delivered_at: b.last_delivered_at.map(time::rfc3339),
    })
}

#[utoipa::path(
    get, path = "/tenants/{id}/ticket-bridge", tag = "bridge",
    operation_id = "console_get_ticket_bridge",
    summary = "A tenant's ticket bridge and its deliveries' state",
    description = "Admins of the tenant only.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = BridgeState), Refusals),
)]
/// `GET /console/api/tenants/{id}/ticket-bridge`.
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<BridgeState>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(state_of(&mut conn, &tenant).await?))
}

#[utoipa::path(
    put, path = "/tenants/{id}/ticket-bridge", tag = "bridge",
    operation_id = "console_update_ticket_bridge",
    summary = "Set where a tenant's tickets go",
    description = "New events, and those already waiting, go to this address, signed with the \
        tenant's key `key_id`. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = BridgeSettings,
    responses((status = 200, description = "Saved", body = BridgeState), Refusals),
)]
/// `PUT /console/api/tenants/{id}/ticket-bridge`: from now on, new events go there. Events
/// already waiting go to the new address too (they are addressed when sent); a helpdesk that
/// gets a reply for a ticket it does not have opens it then (the WHMCS addon does).
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
    ApiJson(body): ApiJson<BridgeSettings>,
) -> AppResult<Json<BridgeState>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    body.validate().map_err(AppError::validation)?;
    let url = body.url.trim();
    let key_id = body.key_id.trim();
    if !outbound::savable(&state.config.outbound_allow, url) {
        return Err(AppError::validation(vec![not_allowed("url")]));
    }
    if agents::keys::secret(&state, &tenant, key_id)
        .await?
        .is_none()
    {
        return Err(AppError::validation(vec![FieldError::new(
            "key_id",
            FieldErrorCode::UnknownValue,
            format!("This tenant has no key '{key_id}'. Add it under Team and keys first."),
        )]));
    }
    let mut tx = state.db.write().await?;
    store::save_settings(&mut tx, &tenant, url, key_id, time::now_ms()).await?;
    let answer = state_of(&mut tx, &tenant).await?;
    tx.commit().await?;
    let detail = format!("{url} (key {key_id})");
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "bridge.settings",
        &tenant,
        &detail,
    )
    .await?;
    Ok(Json(answer))
}

#[utoipa::path(
    delete, path = "/tenants/{id}/ticket-bridge", tag = "bridge",
    operation_id = "console_delete_ticket_bridge",
    summary = "Turn a tenant's ticket bridge off",
    description = "No more events are queued, and those waiting or given up on are dropped. \
        Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 204, description = "Off"), Refusals),
)]
/// `DELETE /console/api/tenants/{id}/ticket-bridge`: no more events are queued; those
/// waiting or given up on are dropped, since nobody will receive them (a ticket whose
/// creation was dropped is created again with its next change once a bridge is set).
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<StatusCode> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    store::remove(&state.db, &tenant).await?;
    audit::record(&state.db, &tenant, &who.agent.id, "bridge.off", &tenant, "").await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post, path = "/tenants/{id}/ticket-bridge/retry", tag = "bridge",
    operation_id = "console_retry_ticket_bridge",
    summary = "Try the deliveries given up on again",
    description = "In their order; no request body. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, description = "Queued again", body = BridgeState), Refusals),
)]
/// `POST /console/api/tenants/{id}/ticket-bridge/retry`: deliveries given up on are tried
/// again, in their order, once the helpdesk is back.
pub async fn retry(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<BridgeState>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut tx = state.db.write().await?;
    if store::settings(&mut tx, &tenant).await?.is_none() {
        return Err(AppError::client(
            panelcare_model::ErrorCode::NotFound,
            "This tenant has no ticket bridge to retry.",
        ));
    }
    store::retry_failed(&mut tx, &tenant, time::now_ms()).await?;
    let answer = state_of(&mut tx, &tenant).await?;
    tx.commit().await?;
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "bridge.retry",
        &tenant,
        "",
    )
    .await?;
    Ok(Json(answer))
}

/// The field error for an address deliveries may not go to (this machine, a private network,
/// cloud metadata), unless the server's operator allowed it.
fn not_allowed(field: &'static str) -> FieldError {
    FieldError::new(
        field,
        FieldErrorCode::InvalidUrl,
        "This address is on the server's own machine or a private network, where deliveries \
         are refused. Give a public address (the server's operator can allow a private one).",
    )
}
