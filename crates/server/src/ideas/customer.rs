//! Widget API handlers for the ideas board. The caller is a verified [`Customer`]; it sees
//! the published ideas of its own tenant only, and only when the tenant has a board.

use crate::extract::{ApiPath, ApiQuery};
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    ErrorCode, FieldError,
    error::FieldErrorCode,
    ideas::{AuthorDisplay, Idea, IdeaList, IdeaNews, IdeaSettings, IdeaView},
    limits::LimitedAction,
};
use serde::{Deserialize, Serialize};

use super::store::{
    board, news as news_store, settings as settings_store,
    votes::{self, Voted},
};
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    extract::ApiJson,
    kb::search,
    limits,
    openapi::Refusals,
    state::AppState,
};

/// The tenant's author setting, or a `404` when it has no board: a customer of a tenant
/// without one learns nothing about ideas.
async fn open_board(state: &AppState, who: &Customer) -> AppResult<AuthorDisplay> {
    let s = settings_store::of_tenant(&state.db, &who.tenant_id).await?;
    if s.board {
        Ok(s.authors)
    } else {
        Err(AppError::client(
            ErrorCode::NotFound,
            "This provider has no ideas board.",
        ))
    }
}

#[utoipa::path(
    get, path = "/ideas/board", tag = "ideas", operation_id = "get_idea_board",
    summary = "Whether the customer's provider has an ideas board, and how it works",
    description = "The widget offers \"share as an idea\" and the Ideas view only when `board` \
        is true; with `moderated` a shared idea shows once an agent publishes it.",
    security(("customer_token" = [])),
    responses((status = 200, body = IdeaSettings), Refusals),
)]
pub async fn board(State(state): State<AppState>, who: Customer) -> AppResult<Json<IdeaSettings>> {
    Ok(Json(
        settings_store::of_tenant(&state.db, &who.tenant_id).await?,
    ))
}

/// Which list of the board.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `top` (the default), `new`, `planned`, `shipped` or `mine`.
    view: Option<String>,
}

#[utoipa::path(
    get, path = "/ideas", tag = "ideas", operation_id = "list_ideas",
    summary = "The board: top, new, planned or shipped ideas, or the ones the customer voted for",
    security(("customer_token" = [])),
    params(ListQuery),
    responses((status = 200, body = IdeaList), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: Customer,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<IdeaList>> {
    let view = match query.view.as_deref().filter(|v| !v.is_empty()) {
        None => IdeaView::Top,
        Some(v) => IdeaView::parse(v).ok_or_else(|| {
            AppError::validation(vec![FieldError::new(
                "view",
                FieldErrorCode::OutOfRange,
                "View is one of top, new, planned, shipped, mine.",
            )])
        })?,
    };
    let authors = open_board(&state, &who).await?;
    let items = board::list(&state.db, &who, view, authors).await?;
    Ok(Json(IdeaList { items }))
}

/// What the customer is typing.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SimilarQuery {
    /// The suggestion as typed so far.
    #[serde(default)]
    q: String,
}

#[utoipa::path(
    get, path = "/ideas/similar", tag = "ideas", operation_id = "similar_ideas",
    summary = "Published ideas like what the customer is typing, best first",
    description = "At most five, shipped and declined ones left out; empty until a word of \
        two letters is typed. The widget offers to vote for one instead of writing the same.",
    security(("customer_token" = [])),
    params(SimilarQuery),
    responses((status = 200, body = IdeaList), Refusals),
)]
pub async fn similar(
    State(state): State<AppState>,
    who: Customer,
    ApiQuery(query): ApiQuery<SimilarQuery>,
) -> AppResult<Json<IdeaList>> {
    let authors = open_board(&state, &who).await?;
    let items = match search::terms(&query.q) {
        Some(terms) => board::similar(&state.db, &who, &terms, authors).await?,
        None => Vec::new(),
    };
    Ok(Json(IdeaList { items }))
}

#[utoipa::path(
    get, path = "/ideas/{id}", tag = "ideas", operation_id = "get_idea",
    summary = "One published idea",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The idea's id")),
    responses((status = 200, body = Idea), Refusals),
)]
pub async fn get_one(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Idea>> {
    let authors = open_board(&state, &who).await?;
    board::get(&state.db, &who, &id, authors)
        .await?
        .map(Json)
        .ok_or_else(AppError::not_found)
}

/// Votes (or takes the vote back, or votes instead of writing) and answers the idea as it is
/// now; repeating a call changes nothing more.
async fn cast(state: &AppState, who: &Customer, id: &str, how: Cast) -> AppResult<Json<Idea>> {
    let authors = open_board(state, who).await?;
    limits::take(state, who, LimitedAction::IdeaVote).await?;
    let mut tx = state.db.write().await?;
    let done = match how {
        Cast::Vote | Cast::Instead => votes::add(&mut tx, who, id).await?,
        Cast::Unvote => votes::remove(&mut tx, who, id).await?,
    };
    if done == Voted::NoSuchIdea {
        tx.rollback().await?;
        return Err(AppError::not_found());
    }
    if how == Cast::Instead {
        votes::deflect(&mut tx, who, id).await?;
    }
    tx.commit().await?;
    board::get(&state.db, who, id, authors)
        .await?
        .map(Json)
        .ok_or_else(AppError::not_found)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cast {
    Vote,
    Unvote,
    Instead,
}

#[utoipa::path(
    put, path = "/ideas/{id}/vote", tag = "ideas", operation_id = "vote_for_idea",
    summary = "Vote for an idea (once per account; repeating it changes nothing)",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The idea's id")),
    responses((status = 200, description = "The idea with the vote", body = Idea), Refusals),
)]
pub async fn vote(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Idea>> {
    cast(&state, &who, &id, Cast::Vote).await
}

#[utoipa::path(
    delete, path = "/ideas/{id}/vote", tag = "ideas", operation_id = "unvote_idea",
    summary = "Take a vote back (repeating it changes nothing)",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The idea's id")),
    responses((status = 200, description = "The idea without the vote", body = Idea), Refusals),
)]
pub async fn unvote(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Idea>> {
    cast(&state, &who, &id, Cast::Unvote).await
}

#[utoipa::path(
    post, path = "/ideas/{id}/instead", tag = "ideas", operation_id = "vote_instead",
    summary = "Vote for this idea instead of writing the same suggestion",
    description = "Votes as `PUT /ideas/{id}/vote` does and counts a deflection for the board's \
        figures, once per account and idea.",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The idea's id")),
    responses((status = 200, description = "The idea with the vote", body = Idea), Refusals),
)]
pub async fn instead(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Idea>> {
    cast(&state, &who, &id, Cast::Instead).await
}

#[utoipa::path(
    get, path = "/ideas/news", tag = "ideas", operation_id = "idea_news",
    summary = "What changed in the ideas the customer voted for, not seen yet",
    description = "Status changes and merges, newest first (at most 50). Answers an empty list \
        when the tenant has no board.",
    security(("customer_token" = [])),
    responses((status = 200, body = IdeaNews), Refusals),
)]
pub async fn news(State(state): State<AppState>, who: Customer) -> AppResult<Json<IdeaNews>> {
    let board = settings_store::of_tenant(&state.db, &who.tenant_id).await?;
    let items = if board.board {
        news_store::unseen(&state.db, &who).await?
    } else {
        Vec::new()
    };
    Ok(Json(IdeaNews { items }))
}

/// `POST /ideas/news/seen`: which updates the customer has seen.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Seen {
    /// The updates' ids; empty: all of them.
    #[serde(default)]
    pub ids: Vec<String>,
}

#[utoipa::path(
    post, path = "/ideas/news/seen", tag = "ideas", operation_id = "idea_news_seen",
    summary = "Mark updates seen",
    security(("customer_token" = [])),
    request_body = Seen,
    responses((status = 204, description = "Marked"), Refusals),
)]
pub async fn news_seen(
    State(state): State<AppState>,
    who: Customer,
    ApiJson(body): ApiJson<Seen>,
) -> AppResult<StatusCode> {
    if body.ids.len() > news_store::LIMIT as usize {
        return Err(AppError::validation(vec![FieldError::new(
            "ids",
            FieldErrorCode::TooLong,
            "At most 50 updates at once; send none to mark all of them seen.",
        )]));
    }
    limits::take(&state, &who, LimitedAction::IdeaVote).await?;
    news_store::mark_seen(&state.db, &who, &body.ids).await?;
    Ok(StatusCode::NO_CONTENT)
}
