//! Team and keys: the console accounts of each tenant, the keys that sign its customers'
//! identity tokens and host calls, and the panel origins its widget may be used from. Admins
//! manage all three on the console's *Team and keys* screen.

pub mod keys;
pub mod origins;
pub mod store;
mod team;

use panelcare_model::{FieldError, error::FieldErrorCode};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{error::AppError, state::AppState};

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(team::list_agents, team::create_agent))
        .routes(routes!(team::delete_agent))
        .routes(routes!(keys::list, keys::add))
        .routes(routes!(keys::remove))
        .routes(routes!(origins::read, origins::replace))
}

fn refuse(field: &str, code: FieldErrorCode, message: &str) -> AppError {
    AppError::validation(vec![FieldError::new(field, code, message)])
}
