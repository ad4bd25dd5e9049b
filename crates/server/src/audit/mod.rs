//! The audit log: who changed what, and when. Written next to the change it records; admins
//! read it in the console (`GET /console/api/audit`).

pub mod store;

use axum::{Json, Router, extract::State, routing::get};
use panelcare_model::console::AuditEntry;

pub use store::record;

use crate::{console::SignedIn, error::AppResult, state::AppState};

/// Routes under `/console/api`.
pub fn console_router() -> Router<AppState> {
    Router::new().route("/audit", get(list))
}

async fn list(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<AuditEntry>>> {
    Ok(Json(store::list(&state.db, &who.scope()).await?))
}
