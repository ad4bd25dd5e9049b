//! The audit log: who changed what, and when. Written next to the change it records; admins
//! read it in the console (`GET /console/api/audit`).

pub mod store;

use axum::{Json, extract::State};
use panelcare_model::console::{AuditEntry, Role};
use utoipa_axum::{router::OpenApiRouter, routes};

pub use store::record;

use crate::{
    console::SignedIn,
    error::{AppError, AppResult},
    openapi::Refusals,
    state::AppState,
};

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Admins only, as the console shows it: an agent is answered as if there were no such page.
#[utoipa::path(
    get, path = "/audit", tag = "audit", operation_id = "console_list_audit",
    summary = "The latest 200 changes in the admin's tenants, newest first",
    description = "Admins only: an agent gets `404`.",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<AuditEntry>), Refusals),
)]
async fn list(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<AuditEntry>>> {
    if who.agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    Ok(Json(store::list(&state.db, &who.scope()).await?))
}
