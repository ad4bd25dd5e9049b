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

use axum::extract::DefaultBodyLimit;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

use crate::state::AppState;

/// Ticket routes of the widget API (under `/api/v1`).
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer::options))
        .routes(routes!(customer::list, customer::open))
        .routes(routes!(customer::get_one))
        .routes(routes!(customer::reply))
        .routes(routes!(customer::close))
        .routes(routes!(customer::reopen))
        .routes(routes!(customer::rate))
        // The upload reads its own body against the tenant's limit.
        .routes(routes!(files::for_customer).layer(DefaultBodyLimit::disable()))
}

/// Ticket routes of the console API (under `/console/api`).
pub fn console_router() -> OpenApiRouter<AppState> {
    console::router()
}
