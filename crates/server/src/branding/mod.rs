//! Tenant branding: the widget reads its tenant's look (name, logo, colours, languages,
//! reworded texts) with the customer token; admins edit it in the console.

mod console;
mod customer;
pub mod store;

use axum::{Router, routing::get};

use crate::state::AppState;

/// `GET /api/v1/branding`, for the widget.
pub fn widget_router() -> Router<AppState> {
    Router::new().route("/branding", get(customer::read))
}

/// `GET|PUT /console/api/tenants/{id}/branding`, for admins.
pub fn console_router() -> Router<AppState> {
    Router::new().route(
        "/tenants/{id}/branding",
        get(console::read).put(console::update),
    )
}
