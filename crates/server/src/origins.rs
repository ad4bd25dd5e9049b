//! Allowed panel origins per tenant. CORS cannot know the tenant (a preflight carries no
//! token), so the API answers every origin's preflight and refuses, once the token names the
//! tenant, a request whose `Origin` the tenant has not listed. No list means any origin.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use axum::{
    Json, Router,
    extract::{Path, State},
    routing::get,
};
use panelcare_model::{
    ErrorCode, FieldError,
    console::{ORIGINS_MAX, Origins, parse_origin},
    error::FieldErrorCode,
};

use crate::{
    audit,
    console::{scope::require_admin_of, session::SignedIn},
    db::Db,
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
};

/// How long a tenant's list is remembered; a change made here applies at once.
const TTL: Duration = Duration::from_secs(60);

type Lists = HashMap<String, (Arc<Vec<String>>, Instant)>;

/// Tenants' origin lists, kept briefly in memory so checking costs no query per request.
#[derive(Debug, Clone, Default)]
pub struct OriginCache {
    lists: Arc<RwLock<Lists>>,
}

impl OriginCache {
    async fn list(&self, db: &Db, tenant_id: &str) -> Result<Arc<Vec<String>>, sqlx::Error> {
        if let Ok(lists) = self.lists.read()
            && let Some((list, at)) = lists.get(tenant_id)
            && at.elapsed() < TTL
        {
            return Ok(list.clone());
        }
        let list = Arc::new(load(db, tenant_id).await?);
        if let Ok(mut lists) = self.lists.write() {
            lists.insert(tenant_id.to_owned(), (list.clone(), Instant::now()));
        }
        Ok(list)
    }

    fn forget(&self, tenant_id: &str) {
        if let Ok(mut lists) = self.lists.write() {
            lists.remove(tenant_id);
        }
    }

    /// Refuses `origin` (the request's `Origin` header, if any) for `tenant_id`.
    pub async fn check(
        &self,
        db: &Db,
        tenant_id: &str,
        origin: Option<&str>,
    ) -> Result<(), AppError> {
        let Some(origin) = origin else { return Ok(()) };
        let list = self.list(db, tenant_id).await?;
        if list.is_empty() || list.iter().any(|o| o.eq_ignore_ascii_case(origin)) {
            Ok(())
        } else {
            Err(AppError::client(
                ErrorCode::OriginNotAllowed,
                "This page is not among the panels allowed to use the widget.",
            ))
        }
    }
}

pub async fn load(db: &Db, tenant_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT origin FROM tenant_origins WHERE tenant_id = ?1 ORDER BY origin")
        .bind(tenant_id)
        .fetch_all(&db.pool)
        .await
}

/// `GET|PUT /console/api/tenants/{id}/origins`, for admins.
pub fn console_router() -> Router<AppState> {
    Router::new().route("/tenants/{id}/origins", get(read).put(replace))
}

async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
) -> AppResult<Json<Origins>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    Ok(Json(Origins {
        origins: load(&state.db, &tenant_id).await?,
    }))
}

async fn replace(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
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
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("DELETE FROM tenant_origins WHERE tenant_id = ?1")
        .bind(&tenant_id)
        .execute(&mut *tx)
        .await?;
    for o in &origins {
        sqlx::query("INSERT INTO tenant_origins (tenant_id, origin) VALUES (?1, ?2)")
            .bind(&tenant_id)
            .bind(o)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    state.origins.forget(&tenant_id);
    // Offer links may lead to the panel origins: rules are checked again against the new list.
    state.offers.clear();
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
