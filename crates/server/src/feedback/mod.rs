//! Feedback from customers: the widget's API, the console's inbox and numbers, and their
//! storage.

mod console;
mod customer;
mod numbers;
pub mod store;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// `/feedback` routes of the widget API (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer::list, customer::create))
        .routes(routes!(customer::get_one))
}

/// The inbox and the numbers at a glance, under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(console::list))
        .routes(routes!(console::get_one))
        .routes(routes!(console::set_status))
        .routes(routes!(console::answer))
        .routes(routes!(console::add_note))
        .routes(routes!(numbers::numbers))
}
