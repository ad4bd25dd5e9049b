//! The widget's knowledge-base routes: suggestions while a customer types a subject, reading
//! an article, and "this solved it".

use crate::extract::ApiPath;
use std::collections::HashMap;

use axum::{
    Json,
    extract::{Query, State},
    http::StatusCode,
};
use panelcare_model::limits::LimitedAction;
use panelcare_model::{
    FieldError, Lang,
    error::FieldErrorCode,
    kb::{Article, KbSearch},
};

use super::{search, store};
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    limits,
    openapi::Refusals,
    state::AppState,
    time::now_ms,
};

/// The language a customer reads articles in: the panel's, as the tenant offers it.
async fn lang_of(state: &AppState, who: &Customer) -> Result<Lang, AppError> {
    let wanted = Lang::from_locale(who.locale.as_deref().unwrap_or("en"));
    let branding = crate::branding::store::load(&state.db, &who.tenant_id)
        .await?
        .unwrap_or_default();
    Ok(branding.pick_lang(wanted))
}

#[utoipa::path(
    get, path = "/kb/search", tag = "kb", operation_id = "search_kb",
    summary = "Articles matching what the customer types, in the customer's language",
    description = "Nothing searchable yet (no word of two letters) answers no items.",
    security(("customer_token" = [])),
    params(("q" = Option<String>, Query, description = "What the customer typed, at most 200 characters")),
    responses((status = 200, body = KbSearch), Refusals),
)]
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
    // Nothing searchable typed yet (no word of two letters): no suggestions, no query.
    let items = match search::terms(typed) {
        Some(terms) => {
            store::search(&state.db, &who.tenant_id, lang.tag(), &terms, search::LIMIT).await?
        }
        None => Vec::new(),
    };
    Ok(Json(KbSearch { items }))
}

#[utoipa::path(
    get, path = "/kb/{id}", tag = "kb", operation_id = "get_kb_article",
    summary = "A published article of the tenant's",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The article's id")),
    responses((status = 200, body = Article), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Article>> {
    // A view counts once per customer, article and hour on each instance: a customer
    // reading an article again, or a client fetching it in a loop, writes nothing (a read
    // that wrote every time was a write flood no limit covered).
    let seen = format!(
        "kb-view|{}:{}|{}|{id}",
        who.tenant_id.len(),
        who.tenant_id,
        who.account_id
    );
    let now = now_ms();
    let count_view = state.refusals.wait(&seen, now).is_none();
    let article = store::read_published(&state.db, &who.tenant_id, &id, count_view)
        .await?
        .ok_or_else(AppError::not_found)?;
    if count_view {
        state.refusals.note(seen, now + VIEW_COUNTED_FOR_MS);
    }
    Ok(Json(article))
}

/// How long a customer's view of an article stays counted on an instance.
const VIEW_COUNTED_FOR_MS: i64 = 60 * 60 * 1000;

/// Counted once per customer and article, however often it is clicked.
#[utoipa::path(
    post, path = "/kb/{id}/solved", tag = "kb", operation_id = "mark_kb_solved",
    summary = "Say an article solved the customer's problem",
    description = "Counted once per customer and article, however often it is sent. No body \
        is read.",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The article's id")),
    responses((status = 204, description = "Counted"), Refusals),
)]
pub async fn solved(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<StatusCode> {
    limits::take(&state, &who, LimitedAction::ArticleVote).await?;
    if store::mark_solved(&state.db, &who.tenant_id, &who.account_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::not_found())
    }
}
