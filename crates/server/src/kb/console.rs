//! Agents write and publish articles for their tenants. A deleted article keeps its row (see
//! migration 0011) so the "this solved it" answers it earned still count in the numbers; every
//! query here reads live articles only, so a deleted one is not found.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use panelcare_model::{
    FieldError, Lang,
    error::FieldErrorCode,
    kb::{AgentArticle, BODY_MAX_CHARS, NewArticle, TITLE_MAX_CHARS},
};
use sqlx::{Row as _, sqlite::SqliteRow};

use super::markdown;
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

const COLUMNS: &str = "id, tenant_id, lang, title, body, published, views, solved, updated_at";

fn article(row: &SqliteRow) -> Result<AgentArticle, sqlx::Error> {
    Ok(AgentArticle {
        id: row.try_get("id")?,
        tenant_id: row.try_get("tenant_id")?,
        lang: row.try_get("lang")?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        published: row.try_get("published")?,
        views: row.try_get("views")?,
        solved: row.try_get("solved")?,
        updated_at: time::rfc3339(row.try_get("updated_at")?),
    })
}

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<AgentArticle>>> {
    let scope = Scope::of(&who.agent);
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kb_articles k WHERE {} AND k.deleted_at IS NULL \
         ORDER BY tenant_id, lang, title",
        scope.condition("k.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Json(rows.iter().map(article).collect::<Result<_, _>>()?))
}

/// Agents write for their own tenant; admins for the tenants they administer.
async fn may_write(state: &AppState, who: &SignedIn, tenant: &str) -> AppResult<()> {
    if tenant == who.agent.tenant_id {
        Ok(())
    } else {
        require_admin_of(&state.db, &who.agent, tenant).await
    }
}

/// The checked fields: (lang, title, body).
fn check(a: &NewArticle) -> Result<(String, String, String), AppError> {
    let mut errors = Vec::new();
    if Lang::from_tag(&a.lang).is_none() {
        errors.push(FieldError::new(
            "lang",
            FieldErrorCode::UnknownValue,
            "Language is en, ru or sr-Latn.",
        ));
    }
    let (title, body) = (a.title.trim(), a.body.trim());
    for (name, value, max) in [
        ("title", title, TITLE_MAX_CHARS),
        ("body", body, BODY_MAX_CHARS),
    ] {
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
    if errors.is_empty() {
        Ok((a.lang.clone(), title.to_owned(), body.to_owned()))
    } else {
        Err(AppError::validation(errors))
    }
}

async fn one(state: &AppState, who: &SignedIn, id: &str) -> AppResult<AgentArticle> {
    let scope = Scope::of(&who.agent);
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kb_articles k WHERE {} AND k.id = ?2 AND k.deleted_at IS NULL",
        scope.condition("k.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(AppError::not_found)?;
    Ok(article(&row)?)
}

pub async fn get_one(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<AgentArticle>> {
    Ok(Json(one(&state, &who, &id).await?))
}

pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewArticle>,
) -> AppResult<(StatusCode, Json<AgentArticle>)> {
    may_write(&state, &who, &body.tenant_id).await?;
    let (lang, title, text) = check(&body)?;
    let (html, plain) = markdown::render(&text);
    let id = uuid::Uuid::new_v4().to_string();
    let now = time::now_ms();
    sqlx::query(
        "INSERT INTO kb_articles (id, tenant_id, lang, title, body, html, plain, published, \
         created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&body.tenant_id)
    .bind(&lang)
    .bind(&title)
    .bind(&text)
    .bind(&html)
    .bind(&plain)
    .bind(body.published)
    .bind(&who.agent.id)
    .bind(now)
    .bind(now)
    .execute(&state.db.pool)
    .await?;
    Ok((StatusCode::CREATED, Json(one(&state, &who, &id).await?)))
}

pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewArticle>,
) -> AppResult<Json<AgentArticle>> {
    let current = one(&state, &who, &id).await?;
    may_write(&state, &who, &current.tenant_id).await?;
    let (lang, title, text) = check(&body)?;
    let (html, plain) = markdown::render(&text);
    sqlx::query(
        "UPDATE kb_articles SET lang = ?, title = ?, body = ?, html = ?, plain = ?, published = ?, \
         updated_at = ? WHERE id = ? AND deleted_at IS NULL",
    )
    .bind(&lang)
    .bind(&title)
    .bind(&text)
    .bind(&html)
    .bind(&plain)
    .bind(body.published)
    .bind(time::now_ms())
    .bind(&id)
    .execute(&state.db.pool)
    .await?;
    Ok(Json(one(&state, &who, &id).await?))
}

/// Takes the article away from customers and agents; its solved answers stay counted.
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let current = one(&state, &who, &id).await?;
    may_write(&state, &who, &current.tenant_id).await?;
    let now = time::now_ms();
    sqlx::query(
        "UPDATE kb_articles SET deleted_at = ?, deleted_by = ?, updated_at = ? \
         WHERE id = ? AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(&who.agent.id)
    .bind(now)
    .bind(&id)
    .execute(&state.db.pool)
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
