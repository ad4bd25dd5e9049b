//! Team and keys: the console accounts of each tenant, the keys that sign its customers'
//! identity tokens and host calls, and the panel origins its widget may be used from. Admins
//! manage all three on the console's *Team and keys* screen.

pub mod keys;
pub mod origins;
pub mod store;
mod team;

use axum::routing::{delete, get};
use panelcare_model::{FieldError, error::FieldErrorCode};
use utoipa_axum::router::OpenApiRouter;

use crate::{error::AppError, state::AppState};

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/agents", get(team::list_agents).post(team::create_agent))
        .route("/agents/{id}", delete(team::delete_agent))
        .route("/tenants/{id}/keys", get(keys::list).post(keys::add))
        .route("/tenants/{id}/keys/{kid}", delete(keys::remove))
        .route(
            "/tenants/{id}/origins",
            get(origins::read).put(origins::replace),
        )
}

fn refuse(field: &str, code: FieldErrorCode, message: &str) -> AppError {
    AppError::validation(vec![FieldError::new(field, code, message)])
}
