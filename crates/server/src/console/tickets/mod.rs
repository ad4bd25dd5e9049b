//! The console's ticket API: the queue, one ticket, answers/progress/notes, status,
//! assignment, priority, merging duplicates, canned replies, workload, agents' uploads and
//! the tenant's support settings.

mod assignees;
mod canned;
mod numbers;
mod queue;
mod settings;
mod write;

use axum::{
    Json, Router,
    extract::{Path, Query, State, rejection::QueryRejection},
    routing::{get, post},
};
use panelcare_model::{
    ErrorCode,
    ticket::console::{AgentThread, Queue, Workload},
};

use super::{scope::Scope, session::SignedIn};
use crate::{
    error::{AppError, AppResult},
    state::AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tickets", get(list))
        .route("/tickets/workload", get(workload))
        .route("/tickets/assignees", get(assignees::list))
        .route("/ticket-numbers", get(numbers::numbers))
        .route("/tickets/{id}", get(get_one))
        .route("/tickets/{id}/messages", post(write::message))
        .route("/tickets/{id}/status", post(write::status))
        .route("/tickets/{id}/assign", post(write::assign))
        .route("/tickets/{id}/priority", post(write::priority))
        .route("/tickets/{id}/merge", post(write::merge))
        .route("/attachments", post(write::upload))
        .route("/canned-replies", get(canned::list).post(canned::create))
        .route(
            "/canned-replies/{id}",
            axum::routing::put(canned::update).delete(canned::remove),
        )
        .route(
            "/tenants/{id}/notifications",
            get(crate::notify::settings::read).put(crate::notify::settings::update),
        )
        .route(
            "/tenants/{id}/notifications/test",
            post(crate::notify::trial::send),
        )
        .route(
            "/tenants/{id}/ticket-settings",
            get(settings::read).put(settings::update),
        )
}

async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<queue::QueueQuery>, QueryRejection>,
) -> AppResult<Json<Queue>> {
    let Query(query) = query.map_err(|e| {
        AppError::client(
            ErrorCode::InvalidBody,
            format!("The query string is not valid: {e}."),
        )
    })?;
    let items = queue::list(&state, &Scope::of(&who.agent), &who.agent.id, query).await?;
    Ok(Json(Queue { items }))
}

/// One ticket in the agent's scope with its whole thread (internal notes included).
pub(super) async fn thread(state: &AppState, who: &SignedIn, id: &str) -> AppResult<AgentThread> {
    let item = queue::one(state, &Scope::of(&who.agent), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(AgentThread {
        messages: queue::agent_thread(state, id).await?,
        item,
    })
}

async fn get_one(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<AgentThread>> {
    Ok(Json(thread(&state, &who, &id).await?))
}

async fn workload(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<Workload>>> {
    Ok(Json(queue::workload(&state, &Scope::of(&who.agent)).await?))
}
