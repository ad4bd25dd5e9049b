//! Agents write and publish articles for their tenants. A deleted article keeps its row (see
//! migration 0011) so the "this solved it" answers it earned still count in the numbers; the
//! store reads live articles only, so a deleted one is not found here.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    FieldError, Lang, clean,
    error::FieldErrorCode,
    kb::{AgentArticle, BODY_MAX_CHARS, NewArticle, TITLE_MAX_CHARS},
};

use super::{markdown, store};
use crate::{
    console::{SignedIn, scope::require_writer_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    time,
};

#[utoipa::path(
    get, path = "/kb", tag = "kb", operation_id = "console_list_articles",
    summary = "The articles of the tenants the agent sees, drafts included",
    description = "By tenant, language and title.",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<AgentArticle>), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<AgentArticle>>> {
    Ok(Json(store::list(&state.db, &who.scope()).await?))
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
    let title = clean::required("title", &a.title, TITLE_MAX_CHARS, &mut errors);
    let body = clean::required("body", &a.body, BODY_MAX_CHARS, &mut errors);
    if errors.is_empty() {
        Ok((a.lang.clone(), title, body))
    } else {
        Err(AppError::validation(errors))
    }
}

async fn one(state: &AppState, who: &SignedIn, id: &str) -> AppResult<AgentArticle> {
    store::get(&state.db, &who.scope(), id)
        .await?
        .ok_or_else(AppError::not_found)
}

#[utoipa::path(
    get, path = "/kb/{id}", tag = "kb", operation_id = "console_get_article",
    summary = "One article as agents edit it",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The article's id")),
    responses((status = 200, body = AgentArticle), Refusals),
)]
pub async fn get_one(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<AgentArticle>> {
    Ok(Json(one(&state, &who, &id).await?))
}

#[utoipa::path(
    post, path = "/kb", tag = "kb", operation_id = "console_create_article",
    summary = "Write an article for a tenant",
    description = "Any agent writes for their own tenant; admins also for the tenants they \
        administer. The body is Markdown.",
    security(("console_session" = [])),
    request_body = NewArticle,
    responses((status = 201, description = "Stored", body = AgentArticle), Refusals),
)]
pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewArticle>,
) -> AppResult<(StatusCode, Json<AgentArticle>)> {
    require_writer_of(&state.db, &who.agent, &body.tenant_id).await?;
    let (lang, title, text) = check(&body)?;
    let (html, plain) = markdown::render(&text);
    let id = uuid::Uuid::new_v4().to_string();
    let content = store::Content {
        lang: &lang,
        title: &title,
        body: &text,
        html: &html,
        plain: &plain,
    };
    store::create(
        &state.db,
        &id,
        &body.tenant_id,
        &content,
        body.published,
        &who.agent.id,
        time::now_ms(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(one(&state, &who, &id).await?)))
}

#[utoipa::path(
    put, path = "/kb/{id}", tag = "kb", operation_id = "console_update_article",
    summary = "Change an article, or publish or unpublish it",
    description = "The article stays with its tenant: the body's `tenant_id` is not read.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The article's id")),
    request_body = NewArticle,
    responses((status = 200, description = "The article as it is now", body = AgentArticle),
        Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewArticle>,
) -> AppResult<Json<AgentArticle>> {
    let current = one(&state, &who, &id).await?;
    require_writer_of(&state.db, &who.agent, &current.tenant_id).await?;
    let (lang, title, text) = check(&body)?;
    let (html, plain) = markdown::render(&text);
    let content = store::Content {
        lang: &lang,
        title: &title,
        body: &text,
        html: &html,
        plain: &plain,
    };
    store::update(&state.db, &id, &content, body.published, time::now_ms()).await?;
    Ok(Json(one(&state, &who, &id).await?))
}

#[utoipa::path(
    delete, path = "/kb/{id}", tag = "kb", operation_id = "console_delete_article",
    summary = "Delete an article",
    description = "Customers and agents no longer find it; the \"this solved it\" answers it \
        earned still count in the numbers.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The article's id")),
    responses((status = 204, description = "Deleted"), Refusals),
)]
/// Takes the article away from customers and agents; its solved answers stay counted.
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<StatusCode> {
    let current = one(&state, &who, &id).await?;
    require_writer_of(&state.db, &who.agent, &current.tenant_id).await?;
    store::remove(&state.db, &id, &who.agent.id, time::now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}
