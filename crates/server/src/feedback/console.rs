//! Console handlers for the feedback inbox: list and filter, read one with its internal
//! notes, change status, answer the customer, add a note. Changes go to the audit log.

use crate::extract::{ApiPath, ApiQuery};
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    FeedbackCategory, FeedbackStatus, FieldError,
    console::{AgentText, Inbox, InboxDetail, StatusChange},
    error::FieldErrorCode,
};
use serde::Deserialize;

use super::store::inbox::{self, Filter};
use crate::{
    audit,
    console::SignedIn,
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
};

/// The inbox's filters; an empty value filters nothing.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// `new`, `under_review`, `planned`, `done` or `declined`.
    status: Option<String>,
    /// `idea`, `problem`, `praise` or `other`.
    category: Option<String>,
    /// A rating from 1 to 5.
    rating: Option<String>,
    /// One tenant's id, of those the agent sees.
    tenant: Option<String>,
}

impl InboxQuery {
    fn filter(self) -> Result<Filter, AppError> {
        let mut fields = Vec::new();
        let mut bad = |field: &str, message: &str| {
            fields.push(FieldError::new(field, FieldErrorCode::OutOfRange, message));
        };
        let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
        let status = nonempty(self.status).map(|s| FeedbackStatus::parse(&s));
        let category = nonempty(self.category).map(|c| FeedbackCategory::parse(&c));
        let rating =
            nonempty(self.rating).map(|r| r.parse::<u8>().ok().filter(|r| (1..=5).contains(r)));
        if status == Some(None) {
            bad(
                "status",
                "Status is one of new, under_review, planned, done, declined.",
            );
        }
        if category == Some(None) {
            bad(
                "category",
                "Category is one of idea, problem, praise, other.",
            );
        }
        if rating == Some(None) {
            bad("rating", "Rating is a whole number from 1 to 5.");
        }
        if !fields.is_empty() {
            return Err(AppError::validation(fields));
        }
        Ok(Filter {
            status: status.flatten(),
            category: category.flatten(),
            rating: rating.flatten(),
            tenant: nonempty(self.tenant),
        })
    }
}

#[utoipa::path(
    get, path = "/feedback", tag = "feedback", operation_id = "console_list_feedback",
    summary = "The feedback inbox of the tenants the agent sees",
    security(("console_session" = [])),
    params(InboxQuery),
    responses((status = 200, body = Inbox), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    ApiQuery(query): ApiQuery<InboxQuery>,
) -> AppResult<Json<Inbox>> {
    let items = inbox::list(&state.db, &who.scope(), &query.filter()?).await?;
    Ok(Json(Inbox { items }))
}

#[utoipa::path(
    get, path = "/feedback/{id}", tag = "feedback", operation_id = "console_get_feedback",
    summary = "One suggestion with its internal notes",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The suggestion's id")),
    responses((status = 200, body = InboxDetail), Refusals),
)]
pub async fn get_one(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<InboxDetail>> {
    let item = inbox::get(&state.db, &who.scope(), &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let notes = inbox::notes(&state.db, &item.id).await?;
    Ok(Json(InboxDetail { item, notes }))
}

#[utoipa::path(
    post, path = "/feedback/{id}/status", tag = "feedback",
    operation_id = "console_set_feedback_status",
    summary = "Change a suggestion's status",
    description = "The customer sees the new status. A change is audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The suggestion's id")),
    request_body = StatusChange,
    responses((status = 200, description = "The suggestion as it is now", body = InboxDetail),
        Refusals),
)]
pub async fn set_status(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<StatusChange>,
) -> AppResult<Json<InboxDetail>> {
    let status = FeedbackStatus::parse(&body.status).ok_or_else(|| {
        AppError::validation(vec![FieldError::new(
            "status",
            FieldErrorCode::OutOfRange,
            "Status is one of new, under_review, planned, done, declined.",
        )])
    })?;
    let (tenant, old) = inbox::set_status(&state.db, &who.scope(), &id, status)
        .await?
        .ok_or_else(AppError::not_found)?;
    if old != status.as_str() {
        let detail = format!("{old} → {}", status.as_str());
        audit::record(
            &state.db,
            &tenant,
            &who.agent.id,
            "feedback.status",
            &id,
            &detail,
        )
        .await?;
    }
    get_one(State(state), who, ApiPath(id)).await
}

#[utoipa::path(
    post, path = "/feedback/{id}/answer", tag = "feedback",
    operation_id = "console_answer_feedback",
    summary = "Answer the customer",
    description = "The answer replaces an earlier one and is shown to the customer in the widget.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The suggestion's id")),
    request_body = AgentText,
    responses((status = 200, description = "The suggestion as it is now", body = InboxDetail),
        Refusals),
)]
pub async fn answer(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<AgentText>,
) -> AppResult<Json<InboxDetail>> {
    let text = body.validate().map_err(|e| AppError::validation(vec![e]))?;
    let tenant = inbox::answer(&state.db, &who.scope(), &id, &who.agent.id, &text)
        .await?
        .ok_or_else(AppError::not_found)?;
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "feedback.answer",
        &id,
        "",
    )
    .await?;
    get_one(State(state), who, ApiPath(id)).await
}

#[utoipa::path(
    post, path = "/feedback/{id}/notes", tag = "feedback",
    operation_id = "console_add_feedback_note",
    summary = "Add an internal note, which the customer never sees",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The suggestion's id")),
    request_body = AgentText,
    responses((status = 201, description = "Added; the suggestion with its notes",
        body = InboxDetail), Refusals),
)]
pub async fn add_note(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<AgentText>,
) -> AppResult<(StatusCode, Json<InboxDetail>)> {
    let text = body.validate().map_err(|e| AppError::validation(vec![e]))?;
    inbox::add_note(&state.db, &who.scope(), &id, &who.agent.id, &text)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((
        StatusCode::CREATED,
        get_one(State(state), who, ApiPath(id)).await?,
    ))
}
