//! The console's ticket API: the queue, one ticket, answers/progress/notes, status,
//! assignment, priority, merging duplicates, canned replies, workload, the numbers and the
//! tenant's support settings. Every route is limited to the signed-in agent's scope.

mod assignees;
mod canned;
mod numbers;
mod queue;
mod settings;
mod write;

use crate::extract::{ApiPath, ApiQuery};
use axum::{Json, extract::State};
use panelcare_model::ticket::console::{AgentThread, Queue, QueueItem, Workload};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    files,
    store::{self, settings as stored_settings},
    view,
};
use crate::{
    console::SignedIn,
    error::{AppError, AppResult},
    openapi::Refusals,
    state::AppState,
    tenants::Scope,
    time,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(workload))
        .routes(routes!(assignees::list))
        .routes(routes!(numbers::numbers))
        .routes(routes!(get_one))
        .routes(routes!(write::message))
        .routes(routes!(write::status))
        .routes(routes!(write::assign))
        .routes(routes!(write::priority))
        .routes(routes!(write::merge))
        .routes(routes!(files::for_agent))
        .routes(routes!(canned::list, canned::create))
        .routes(routes!(canned::update, canned::remove))
        .routes(routes!(settings::read, settings::update))
}

#[utoipa::path(
    get, path = "/tickets", tag = "tickets", operation_id = "console_list_tickets",
    summary = "The queue: tickets in the agent's scope, filtered",
    description = "Every filter is optional; an unknown value is refused (`422`, each field \
        named).",
    security(("console_session" = [])),
    params(queue::QueueQuery),
    responses((status = 200, body = Queue), Refusals),
)]
async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    ApiQuery(query): ApiQuery<queue::QueueQuery>,
) -> AppResult<Json<Queue>> {
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

#[utoipa::path(
    get, path = "/tickets/{id}", tag = "tickets", operation_id = "console_get_ticket",
    summary = "One ticket with its whole thread, internal notes included",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    responses((status = 200, body = AgentThread), Refusals),
)]
async fn get_one(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<AgentThread>> {
    Ok(Json(thread(&state, &who, &id).await?))
}

#[utoipa::path(
    get, path = "/tickets/workload", tag = "tickets", operation_id = "console_list_workload",
    summary = "Open tickets per agent (and unassigned), with how many are due soon or breached",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<Workload>), Refusals),
)]
async fn workload(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<Workload>>> {
    let rows = store::queue::workload(&state.db, &who.scope(), time::now_ms()).await?;
    Ok(Json(rows.into_iter().map(view::workload).collect()))
}
