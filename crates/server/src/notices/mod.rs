//! Maintenance notices and incident updates: agents publish them, the widget shows current
//! and upcoming ones to the customers they concern.

mod console;
mod customer;
pub mod store;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// Under `/api/v1`.
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(customer::list))
}

/// Under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(console::list, console::create))
        .routes(routes!(console::update, console::remove))
        .routes(routes!(console::add_update))
}
