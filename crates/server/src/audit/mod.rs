//! The audit log: who changed what, and when. Written next to the change it records; admins
//! read it in the console (`GET /console/api/audit`).

pub mod store;

use axum::{Json, extract::State, routing::get};
use panelcare_model::console::{AuditEntry, Role};
use utoipa_axum::router::OpenApiRouter;

pub use store::record;

use crate::{
    console::SignedIn,
    error::{AppError, AppResult},
    state::AppState,
};

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().route("/audit", get(list))
}

/// Admins only, as the console shows it: an agent is answered as if there were no such page.
async fn list(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<AuditEntry>>> {
    if who.agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    Ok(Json(store::list(&state.db, &who.scope()).await?))
}
