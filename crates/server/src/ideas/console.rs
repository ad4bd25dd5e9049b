//! Console handlers for the ideas board: the moderation queue (sorted by votes, or by what
//! the voters pay a month), one idea, an agent's change (publish, hide, edit, status, public
//! answer) and merging duplicates. Changes go to the audit log.

use crate::extract::{ApiPath, ApiQuery};

use axum::{Json, extract::State};
use panelcare_model::{
    ErrorCode, FieldError,
    error::FieldErrorCode,
    ideas::{IdeaChange, IdeaMerge, IdeaQueue, IdeaStatus, IdeaVisibility, QueueSort, QueuedIdea},
};
use serde::Deserialize;

use super::{
    revenue,
    store::queue::{self, Changed, Filter, Merge},
};
use crate::{
    audit,
    console::SignedIn,
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
};

/// The queue's filters and order; an empty value filters nothing.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `pending`, `published`, `hidden` or `merged`.
    visibility: Option<String>,
    /// `open`, `under_review`, `planned`, `in_progress`, `shipped` or `declined`.
    status: Option<String>,
    /// One tenant's id, of those the agent sees.
    tenant: Option<String>,
    /// `new` (the default), `votes` or `revenue`.
    sort: Option<String>,
}

impl QueueQuery {
    fn parse(self) -> Result<(Filter, QueueSort), AppError> {
        let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
        let mut fields = Vec::new();
        let mut bad = |field: &str, message: &str| {
            fields.push(FieldError::new(field, FieldErrorCode::OutOfRange, message));
        };
        let visibility = nonempty(self.visibility).map(|v| IdeaVisibility::parse(&v));
        let status = nonempty(self.status).map(|s| IdeaStatus::parse(&s));
        let sort = nonempty(self.sort).map(|s| QueueSort::parse(&s));
        if visibility == Some(None) {
            bad(
                "visibility",
                "Visibility is one of pending, published, hidden, merged.",
            );
        }
        if status == Some(None) {
            bad(
                "status",
                "Status is one of open, under_review, planned, in_progress, shipped, declined.",
            );
        }
        if sort == Some(None) {
            bad("sort", "Sort is one of new, votes, revenue.");
        }
        if !fields.is_empty() {
            return Err(AppError::validation(fields));
        }
        Ok((
            Filter {
                visibility: visibility.flatten(),
                status: status.flatten(),
                tenant: nonempty(self.tenant),
            },
            sort.flatten().unwrap_or_default(),
        ))
    }
}

#[utoipa::path(
    get, path = "/ideas", tag = "ideas", operation_id = "console_list_ideas",
    summary = "The ideas of the tenants the agent sees: waiting ones first",
    description = "`revenue_cents` is what the voters pay a month by the plan prices of the \
        idea's tenant's offer catalogue.",
    security(("console_session" = [])),
    params(QueueQuery),
    responses((status = 200, body = IdeaQueue), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> AppResult<Json<IdeaQueue>> {
    let (filter, sort) = query.parse()?;
    let scope = who.scope();
    let items = if sort == QueueSort::Revenue {
        revenue::queue_by_revenue(&state, &scope, &filter).await?
    } else {
        let mut items = queue::list(&state.db, &scope, &filter, sort).await?;
        revenue::price(&state, &scope, &mut items).await?;
        items
    };
    Ok(Json(IdeaQueue { items }))
}

#[utoipa::path(
    get, path = "/ideas/{id}", tag = "ideas", operation_id = "console_get_idea",
    summary = "One idea",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The idea's id")),
    responses((status = 200, body = QueuedIdea), Refusals),
)]
pub async fn get_one(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<QueuedIdea>> {
    let item = queue::get(&state.db, &who.scope(), &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut items = [item];
    revenue::price(&state, &who.scope(), &mut items).await?;
    let [item] = items;
    Ok(Json(item))
}

#[utoipa::path(
    post, path = "/ideas/{id}", tag = "ideas", operation_id = "console_change_idea",
    summary = "Publish, hide or edit an idea, set its status, answer it publicly",
    description = "Fields left out stay as they are; an empty `answer` removes the answer. A \
        new status is shown to everyone who voted for the idea. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The idea's id")),
    request_body = IdeaChange,
    responses((status = 200, description = "The idea as it is now", body = QueuedIdea),
        Refusals),
)]
pub async fn change(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<IdeaChange>,
) -> AppResult<Json<QueuedIdea>> {
    let valid = body.validate().map_err(AppError::validation)?;
    let mut tx = state.db.write().await?;
    match queue::change(&mut tx, &who.scope(), &id, &who.agent.id, &valid).await? {
        Changed::NotFound => return Err(AppError::not_found()),
        Changed::Merged => {
            return Err(AppError::client(
                ErrorCode::InvalidBody,
                "This idea was merged into another; change that one instead.",
            ));
        }
        Changed::Done { tenant, detail } => {
            tx.commit().await?;
            if !detail.is_empty() {
                audit::record(
                    &state.db,
                    &tenant,
                    &who.agent.id,
                    "ideas.change",
                    &id,
                    &detail,
                )
                .await?;
            }
        }
    }
    get_one(State(state), who, ApiPath(id)).await
}

#[utoipa::path(
    post, path = "/ideas/{id}/merge", tag = "ideas", operation_id = "console_merge_idea",
    summary = "Merge a duplicate into another idea of the same tenant",
    description = "The duplicate's voters are told and their votes move (an account that voted \
        for both counts once); the duplicate leaves the board. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The duplicate's id")),
    request_body = IdeaMerge,
    responses((status = 200, description = "The idea merged into, as it is now",
        body = QueuedIdea), Refusals),
)]
pub async fn merge(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<IdeaMerge>,
) -> AppResult<Json<QueuedIdea>> {
    let into = body.into.trim().to_owned();
    if into.is_empty() {
        return Err(AppError::validation(vec![FieldError::new(
            "into",
            FieldErrorCode::Required,
            "Choose the idea to merge this one into.",
        )]));
    }
    let mut tx = state.db.write().await?;
    match queue::merge(&mut tx, &who.scope(), &id, &into).await? {
        Merge::NotFound => Err(AppError::not_found()),
        Merge::Refused(why) => Err(AppError::validation(vec![FieldError::new(
            "into",
            FieldErrorCode::OutOfRange,
            why,
        )])),
        Merge::Done { tenant, gained } => {
            tx.commit().await?;
            let detail = format!("into {into}, {gained} votes moved");
            audit::record(
                &state.db,
                &tenant,
                &who.agent.id,
                "ideas.merge",
                &id,
                &detail,
            )
            .await?;
            get_one(State(state), who, ApiPath(into)).await
        }
    }
}
