//! The widget's knowledge-base routes: suggestions while a customer types a subject, reading
//! an article, and "this solved it".

use std::collections::HashMap;

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use panelcare_model::{
    FieldError, Lang,
    error::FieldErrorCode,
    kb::{Article, KbSearch},
};

use super::search;
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    state::AppState,
    time,
};

/// The language a customer reads articles in: the panel's, as the tenant offers it.
async fn lang_of(state: &AppState, who: &Customer) -> Result<Lang, AppError> {
    let wanted = Lang::from_locale(who.locale.as_deref().unwrap_or("en"));
    let branding = crate::branding::load(&state.db, &who.tenant_id)
        .await?
        .unwrap_or_default();
    Ok(branding.pick_lang(wanted))
}

pub async fn search(
    State(state): State<AppState>,
    who: Customer,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<KbSearch>> {
    let typed = q.get("q").map(String::as_str).unwrap_or_default();
    if typed.chars().count() > 200 {
        return Err(AppError::validation(vec![FieldError::new(
            "q",
            FieldErrorCode::TooLong,
            "Search with at most 200 characters.",
        )]));
    }
    let lang = lang_of(&state, &who).await?;
    let items = search::search(&state.db, &who.tenant_id, lang.tag(), typed).await?;
    Ok(Json(KbSearch { items }))
}

pub async fn read(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
) -> AppResult<Json<Article>> {
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "UPDATE kb_articles SET views = views + 1 WHERE id = ? AND tenant_id = ? AND published = 1 \
         AND deleted_at IS NULL RETURNING lang, title, html, updated_at",
    )
    .bind(&id)
    .bind(&who.tenant_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let (lang, title, html, updated) = row.ok_or_else(AppError::not_found)?;
    Ok(Json(Article {
        id,
        lang,
        title,
        html,
        updated_at: time::rfc3339(updated),
    }))
}

/// Counted once per customer and article, however often it is clicked.
pub async fn solved(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let mut tx = state.db.write().await?;
    let exists: Option<String> = sqlx::query_scalar(
        "SELECT id FROM kb_articles WHERE id = ? AND tenant_id = ? AND published = 1 \
         AND deleted_at IS NULL",
    )
    .bind(&id)
    .bind(&who.tenant_id)
    .fetch_optional(&mut *tx)
    .await?;
    exists.ok_or_else(AppError::not_found)?;
    let first = sqlx::query(
        "INSERT INTO kb_solved (article_id, tenant_id, account_id, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(time::now_ms())
    .execute(&mut *tx)
    .await?;
    if first.rows_affected() == 1 {
        sqlx::query("UPDATE kb_articles SET solved = solved + 1 WHERE id = ?")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
