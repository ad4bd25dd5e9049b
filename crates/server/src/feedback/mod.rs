//! Feedback from customers: the widget's API, the console's inbox and numbers, and their
//! storage.

mod console;
mod customer;
mod numbers;
pub mod store;

use axum::routing::{get, post};
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
        .route("/feedback", get(console::list))
        .route("/feedback/{id}", get(console::get_one))
        .route("/feedback/{id}/status", post(console::set_status))
        .route("/feedback/{id}/answer", post(console::answer))
        .route("/feedback/{id}/notes", post(console::add_note))
        .route("/numbers", get(numbers::numbers))
}
