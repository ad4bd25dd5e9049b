//! A tenant's notification settings, and the console route admins edit them with.

use axum::{
    Json,
    extract::{Path, State},
};
use panelcare_model::notify::NotifySettings;
use sqlx::SqliteConnection;

use crate::{
    audit,
    console::{scope::require_admin_of, session::SignedIn},
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
};

pub async fn load_in(
    conn: &mut SqliteConnection,
    tenant_id: &str,
) -> Result<NotifySettings, sqlx::Error> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT settings FROM notify_settings WHERE tenant_id = ?")
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    let mut s: NotifySettings = json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    // Derived from the secret itself, never trusted from what was stored or sent.
    s.webhook_secret_set = !s.webhook_secret.is_empty();
    Ok(s)
}

/// `GET /console/api/tenants/{id}/notifications`; the secret never leaves the server, only
/// whether one is stored.
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
) -> AppResult<Json<NotifySettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut conn = state.db.pool.acquire().await?;
    let mut s = load_in(&mut conn, &tenant).await?;
    s.webhook_secret.clear();
    Ok(Json(s))
}

/// `PUT /console/api/tenants/{id}/notifications`; an empty secret keeps the stored one.
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant): Path<String>,
    ApiJson(mut body): ApiJson<NotifySettings>,
) -> AppResult<Json<NotifySettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    let mut conn = state.db.pool.acquire().await?;
    let stored = load_in(&mut conn, &tenant).await?;
    body.validate(!stored.webhook_secret.is_empty())
        .map_err(AppError::validation)?;
    body.emails = body.emails.iter().map(|e| e.trim().to_owned()).collect();
    body.webhook_url = body.webhook_url.trim().to_owned();
    if body.webhook_secret.trim().is_empty() {
        body.webhook_secret = stored.webhook_secret;
    }
    body.webhook_secret_set = !body.webhook_secret.is_empty();
    let json = serde_json::to_string(&body).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO notify_settings (tenant_id, settings) VALUES (?1, ?2) \
         ON CONFLICT (tenant_id) DO UPDATE SET settings = ?2",
    )
    .bind(&tenant)
    .bind(json)
    .execute(&mut *conn)
    .await?;
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
