//! Widget API handlers for feedback. The caller is always a verified [`Customer`] and only
//! ever sees its own suggestions.

use crate::extract::ApiPath;
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use panelcare_model::limits::LimitedAction;
use panelcare_model::{
    ErrorCode, Feedback, FeedbackList, FieldError, NewFeedback, error::FieldErrorCode,
};

use super::store::{self, Created};
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    events::FeedbackSent,
    extract::{ApiJson, IdempotencyKey},
    ideas, limits,
    openapi::Refusals,
    state::AppState,
};

#[utoipa::path(
    post, path = "/feedback", tag = "feedback", operation_id = "create_feedback",
    summary = "Send a suggestion, problem, praise or rating",
    description = "Retries with the same `Idempotency-Key` and body answer the first result again \
        (marked `Idempotent-Replayed: true`); the same key with another body is refused.",
    security(("customer_token" = [])),
    params(("Idempotency-Key" = String, Header, description = "The client's name for this submission, reused on every retry")),
    request_body = NewFeedback,
    responses((status = 201, description = "Stored", body = Feedback,
        headers(("Location" = String, description = "The suggestion's address"))), Refusals),
)]
pub async fn create(
    State(state): State<AppState>,
    customer: Customer,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<NewFeedback>,
) -> AppResult<Response> {
    let valid = body.validate().map_err(AppError::validation)?;
    // Shared as an idea: only where the tenant has a board, and straight onto it unless the
    // tenant's agents publish ideas first.
    let board = ideas::store::settings::of_tenant(&state.db, &customer.tenant_id).await?;
    // Checked here, not in the shared rules: the widget's feedback panel never shares (ideas
    // are written in the ideas view), so it need not carry the rule.
    if valid.share && valid.category != panelcare_model::FeedbackCategory::Idea {
        return Err(AppError::validation(vec![FieldError::new(
            "share",
            FieldErrorCode::OutOfRange,
            "Only ideas can be shared on the ideas board.",
        )]));
    }
    // The limit counts new submissions only, inside the transaction that stores one: a retry
    // replays its first answer however many the account sent since.
    let limits = limits::of_tenant(&state, &customer.tenant_id).await?;
    let refused = limits::refused_here(&state, &customer, LimitedAction::Feedback).or_else(|| {
        (valid.share && !board.board).then(|| {
            AppError::validation(vec![FieldError::new(
                "share",
                FieldErrorCode::OutOfRange,
                "This provider has no ideas board; send the idea without sharing it.",
            )])
        })
    });
    let created = if let Some(refusal) = refused {
        // Refused a moment ago, or shared where there is no board (any more): no write
        // transaction (a flood must not queue for the write lock), but a retry of a stored
        // submission still gets its first answer.
        match store::earlier(&state.db, &customer, &key, &valid).await {
            Err(sqlx::Error::RowNotFound) => return Err(refusal),
            found => found?,
        }
    } else {
        let mut tx = state.db.write().await?;
        match store::insert(&mut tx, &customer, &key, &valid).await? {
            Some(feedback) => {
                if valid.share {
                    ideas::store::board::create_from_feedback(
                        &mut tx,
                        &customer,
                        &feedback.id,
                        &valid.message,
                        &board,
                    )
                    .await?;
                }
                limits::take_in(&state, &mut tx, &customer, &limits, LimitedAction::Feedback)
                    .await?;
                // Agents hear of it (and of a low rating) from this same transaction.
                let sent = FeedbackSent {
                    tenant_id: &customer.tenant_id,
                    feedback_id: &feedback.id,
                    account_id: &customer.account_id,
                    customer: customer.name.as_deref(),
                    category: feedback.category.as_str(),
                    message: &feedback.message,
                    rating: feedback.rating,
                    page: feedback.page.as_deref(),
                };
                state.listeners.tell_feedback(&mut tx, sent).await?;
                tx.commit().await?;
                Created::New(feedback)
            }
            None => {
                tx.rollback().await?;
                store::earlier(&state.db, &customer, &key, &valid).await?
            }
        }
    };
    let (feedback, replayed) = match created {
        Created::New(f) => (f, false),
        Created::Replayed(f) => (f, true),
        Created::KeyReused => {
            return Err(AppError::client(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different submission.",
            ));
        }
    };
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/feedback/{}", feedback.id)) {
        headers.insert(header::LOCATION, location);
    }
    if replayed {
        // The retry gets the first answer again, marked so clients and logs can tell.
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok((StatusCode::CREATED, headers, Json(feedback)).into_response())
}

#[utoipa::path(
    get, path = "/feedback", tag = "feedback", operation_id = "list_feedback",
    summary = "The customer's own suggestions, newest first",
    security(("customer_token" = [])),
    responses((status = 200, body = FeedbackList), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    customer: Customer,
) -> AppResult<Json<FeedbackList>> {
    let items =
        store::list_for_account(&state.db, &customer.tenant_id, &customer.account_id).await?;
    Ok(Json(FeedbackList { items }))
}

#[utoipa::path(
    get, path = "/feedback/{id}", tag = "feedback", operation_id = "get_feedback",
    summary = "One of the customer's suggestions, with the provider's answer",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The suggestion's id")),
    responses((status = 200, body = Feedback), Refusals),
)]
pub async fn get_one(
    State(state): State<AppState>,
    customer: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Feedback>> {
    store::get_for_account(&state.db, &customer.tenant_id, &customer.account_id, &id)
        .await?
        .map(Json)
        .ok_or_else(AppError::not_found)
}
