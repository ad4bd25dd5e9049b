//! Support tickets: the customer's widget API ([`customer`]), the agents' console API
//! ([`console`]), uploads for both ([`files`]), the lifecycle every change goes through
//! ([`lifecycle`]), the tenant's support settings, and the store. The helpdesk's side of the
//! ticket bridge lives in `crate::bridge` and calls the lifecycle too.

mod console;
mod customer;
mod files;
pub mod lifecycle;
pub mod settings;
pub mod store;
pub mod view;

pub use customer::PAGE as LIST_PAGE;

use axum::{
    extract::DefaultBodyLimit,
    routing::{get, post},
};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Ticket routes of the widget API (under `/api/v1`).
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/ticket-options", get(customer::options))
        .route("/tickets", get(customer::list).post(customer::open))
        .route("/tickets/{id}", get(customer::get_one))
        .route("/tickets/{id}/replies", post(customer::reply))
        .route("/tickets/{id}/close", post(customer::close))
        .route("/tickets/{id}/reopen", post(customer::reopen))
        .route("/tickets/{id}/rating", post(customer::rate))
        .route(
            "/attachments",
            // The upload reads its own body against the tenant's limit.
            post(files::for_customer).layer(DefaultBodyLimit::disable()),
        )
}

/// Ticket routes of the console API (under `/console/api`).
pub fn console_router() -> OpenApiRouter<AppState> {
    console::router()
}
