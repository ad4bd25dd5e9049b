//! Canned replies: prepared answers a tenant's agents pick from.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    ticket::{
        BODY_MAX_CHARS,
        console::{CannedReply, NewCannedReply},
    },
};

use crate::{
    console::{
        scope::{Scope, require_admin_of},
        session::SignedIn,
    },
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    time,
};

const TITLE_MAX: usize = 100;

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<CannedReply>>> {
    let scope = Scope::of(&who.agent);
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, tenant_id, title, body FROM canned_replies c WHERE {} ORDER BY title",
        scope.condition("c.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, tenant_id, title, body)| CannedReply {
                id,
                tenant_id,
                title,
                body,
            })
            .collect(),
    ))
}

/// Any agent may add a reply for their own tenant; admins for the tenants they administer.
async fn may_write(state: &AppState, who: &SignedIn, tenant: &str) -> AppResult<()> {
    if tenant == who.agent.tenant_id {
        Ok(())
    } else {
        require_admin_of(&state.db, &who.agent, tenant).await
    }
}

pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewCannedReply>,
) -> AppResult<(StatusCode, Json<CannedReply>)> {
    may_write(&state, &who, &body.tenant_id).await?;
    let (title, text) = (body.title.trim(), body.body.trim());
    let mut errors = Vec::new();
    for (name, value, max) in [("title", title, TITLE_MAX), ("body", text, BODY_MAX_CHARS)] {
        let n = value.chars().count();
        if n == 0 {
            errors.push(FieldError::new(
                name,
                FieldErrorCode::Required,
                "This field is required.",
            ));
        } else if n > max {
            errors.push(FieldError::new(
                name,
                FieldErrorCode::TooLong,
                format!("At most {max} characters."),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let reply = CannedReply {
        id: uuid::Uuid::new_v4().to_string(),
        tenant_id: body.tenant_id,
        title: title.to_owned(),
        body: text.to_owned(),
    };
    sqlx::query("INSERT INTO canned_replies (id, tenant_id, title, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(&reply.id)
        .bind(&reply.tenant_id)
        .bind(&reply.title)
        .bind(&reply.body)
        .bind(&who.agent.id)
        .bind(time::now_ms())
        .execute(&state.db.pool)
        .await?;
    Ok((StatusCode::CREATED, Json(reply)))
}

pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let tenant: Option<String> =
        sqlx::query_scalar("SELECT tenant_id FROM canned_replies WHERE id = ?")
            .bind(&id)
            .fetch_optional(&state.db.pool)
            .await?;
    let tenant = tenant.ok_or_else(AppError::not_found)?;
    // Out of scope reads as not found, like every other route.
    if tenant != who.agent.tenant_id {
        require_admin_of(&state.db, &who.agent, &tenant).await?;
    }
    sqlx::query("DELETE FROM canned_replies WHERE id = ?")
        .bind(&id)
        .execute(&state.db.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
