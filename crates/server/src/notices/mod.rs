//! Maintenance notices and incident updates: agents publish them, the widget shows current
//! and upcoming ones to the customers they concern.

mod console;
mod customer;
pub mod store;

use axum::routing::{get, post, put};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// Under `/api/v1`.
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(customer::list))
}

/// Under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/notices", get(console::list).post(console::create))
        .route(
            "/notices/{id}",
            put(console::update).delete(console::remove),
        )
        .route("/notices/{id}/updates", post(console::add_update))
}
