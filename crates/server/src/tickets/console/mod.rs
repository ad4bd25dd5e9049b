//! The console's ticket API: the queue, one ticket, answers/progress/notes, status,
//! assignment, priority, merging duplicates, canned replies, workload, the numbers and the
//! tenant's support settings. Every route is limited to the signed-in agent's scope.

mod assignees;
mod canned;
mod numbers;
mod queue;
mod settings;
mod write;

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    routing::{get, post, put},
};
use panelcare_model::{
    ErrorCode,
    ticket::console::{AgentThread, Queue, QueueItem, Workload},
};
use utoipa_axum::router::OpenApiRouter;

use super::{
    files,
    store::{self, settings as stored_settings},
    view,
};
use crate::{
    console::SignedIn,
    error::{AppError, AppResult},
    state::AppState,
    tenants::Scope,
    time,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
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
        .route("/attachments", post(files::for_agent))
        .route("/canned-replies", get(canned::list).post(canned::create))
        .route(
            "/canned-replies/{id}",
            put(canned::update).delete(canned::remove),
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
    let filter = query.filter(&who.agent.id)?;
    let now = time::now_ms();
    let rows = store::queue::list(&state.db, &who.scope(), &filter, now).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let days = stored_settings::load(&state.db, &row.tenant_id)
            .await?
            .reopen_days;
        items.push(view::queue_item(row, now, days));
    }
    Ok(Json(Queue { items }))
}

/// One ticket in `scope`, or `None`.
pub(super) async fn one(state: &AppState, scope: &Scope, id: &str) -> AppResult<Option<QueueItem>> {
    let Some(row) = store::queue::one(&state.db, scope, id).await? else {
        return Ok(None);
    };
    let days = stored_settings::load(&state.db, &row.tenant_id)
        .await?
        .reopen_days;
    Ok(Some(view::queue_item(row, time::now_ms(), days)))
}

/// One ticket in the agent's scope with its whole thread (internal notes included).
pub(super) async fn thread(state: &AppState, who: &SignedIn, id: &str) -> AppResult<AgentThread> {
    let item = one(state, &who.scope(), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let entries = store::messages::agent_thread(&state.db, id).await?;
    Ok(AgentThread {
        messages: view::messages(state, entries).await?,
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
    let rows = store::queue::workload(&state.db, &who.scope(), time::now_ms()).await?;
    Ok(Json(rows.into_iter().map(view::workload).collect()))
}
