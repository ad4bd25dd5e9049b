//! Feedback from customers: the widget's API and its storage.

mod handlers;
pub mod store;

use axum::{Router, routing::get};

use crate::state::AppState;

/// `/feedback` routes of the widget API (mounted under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feedback", get(handlers::list).post(handlers::create))
        .route("/feedback/{id}", get(handlers::get_one))
}
