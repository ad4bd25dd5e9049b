//! A tenant's bridge settings and the console routes admins set them with; the state the
//! console shows (pending, failed, the last error) is read from the outbox.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use panelcare_model::{
    FieldError,
    bridge::{BridgeSettings, BridgeState},
    error::FieldErrorCode,
};
use sqlx::{Row as _, SqliteConnection};

use crate::{
    audit,
    console::{scope::require_admin_of, session::SignedIn},
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    time,
};

/// The tenant's bridge, if it has one.
pub async fn load_in(
    conn: &mut SqliteConnection,
    tenant_id: &str,
) -> Result<Option<BridgeSettings>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT url, key_id FROM ticket_bridges WHERE tenant_id = ?")
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(url, key_id)| BridgeSettings { url, key_id }))
}

async fn state_of(conn: &mut SqliteConnection, tenant_id: &str) -> AppResult<BridgeState> {
    let settings = load_in(&mut *conn, tenant_id).await?;
    let row = sqlx::query(
        "SELECT \
         COUNT(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NULL) AS pending, \
         COUNT(*) FILTER (WHERE failed_at IS NOT NULL) AS failed, \
         MAX(delivered_at) AS delivered FROM bridge_outbox WHERE tenant_id = ?",
    )
    .bind(tenant_id)
    .fetch_one(&mut *conn)
    .await?;
    let delivered: Option<i64> = row.try_get("delivered")?;
    // Why the newest delivery still on its way (or given up on) failed, however old it is.
    let last_error: Option<String> = sqlx::query_scalar(
        "SELECT last_error FROM bridge_outbox WHERE tenant_id = ? AND last_error IS NOT NULL \
         AND delivered_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(BridgeState {
        settings,
        pending: u32::try_from(row.try_get::<i64, _>("pending")?).unwrap_or(u32::MAX),
        failed: u32::try_from(row.try_get::<i64, _>("failed")?).unwrap_or(u32::MAX),
        last_error,
        last_delivered_at: delivered.map(time::rfc3339),
    })
}

/// `GET /console/api/tenants/{id}/ticket-bridge`.
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
) -> AppResult<Json<BridgeState>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(state_of(&mut conn, &tenant).await?))
}

/// `PUT /console/api/tenants/{id}/ticket-bridge`: from now on, new events go there. Events
/// already waiting go to the new address too (they are addressed when sent); a helpdesk that
/// gets a reply for a ticket it does not have opens it then (the WHMCS addon does).
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
    ApiJson(body): ApiJson<BridgeSettings>,
) -> AppResult<Json<BridgeState>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    body.validate().map_err(AppError::validation)?;
    let url = body.url.trim();
    let key_id = body.key_id.trim();
    if state
        .keys
        .secret(&state.db, &tenant, key_id)
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
    sqlx::query(
        "INSERT INTO ticket_bridges (tenant_id, url, key_id, updated_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (tenant_id) DO UPDATE SET url = ?2, key_id = ?3, updated_at = ?4",
    )
    .bind(&tenant)
    .bind(url)
    .bind(key_id)
    .bind(time::now_ms())
    .execute(&mut *tx)
    .await?;
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

/// `DELETE /console/api/tenants/{id}/ticket-bridge`: no more events are queued; those
/// waiting or given up on are dropped, since nobody will receive them (a ticket whose
/// creation was dropped is created again with its next change once a bridge is set).
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
) -> AppResult<StatusCode> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut tx = state.db.write().await?;
    sqlx::query("DELETE FROM ticket_bridges WHERE tenant_id = ?")
        .bind(&tenant)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM bridge_outbox WHERE tenant_id = ? AND delivered_at IS NULL")
        .bind(&tenant)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::record(&state.db, &tenant, &who.agent.id, "bridge.off", &tenant, "").await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /console/api/tenants/{id}/ticket-bridge/retry`: deliveries given up on are tried
/// again, in their order, once the helpdesk is back.
pub async fn retry(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
) -> AppResult<Json<BridgeState>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut tx = state.db.write().await?;
    if load_in(&mut tx, &tenant).await?.is_none() {
        return Err(AppError::client(
            panelcare_model::ErrorCode::NotFound,
            "This tenant has no ticket bridge to retry.",
        ));
    }
    sqlx::query(
        "UPDATE bridge_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = ?2 \
         WHERE tenant_id = ?1 AND failed_at IS NOT NULL AND delivered_at IS NULL",
    )
    .bind(&tenant)
    .bind(time::now_ms())
    .execute(&mut *tx)
    .await?;
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
