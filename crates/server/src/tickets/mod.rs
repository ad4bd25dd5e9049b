//! Support tickets: the customer's widget API, the agents' console API, settings, the SLA
//! clock, and how both sides see a thread.

mod customer;
pub mod settings;
pub mod sla;
pub mod store;
pub mod view;

pub use customer::PAGE as LIST_PAGE;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

/// Ticket routes of the widget API (under `/api/v1`).
pub fn widget_router() -> Router<AppState> {
    Router::new()
        .route("/ticket-options", get(customer::options))
        .route("/tickets", get(customer::list).post(customer::open))
        .route("/tickets/{id}", get(customer::get_one))
        .route("/tickets/{id}/replies", post(customer::reply))
        .route("/tickets/{id}/close", post(customer::close))
        .route("/tickets/{id}/reopen", post(customer::reopen))
        .route("/tickets/{id}/rating", post(customer::rate))
}
