//! Upgrade suggestions: the widget asks for the best offer for its host's usage and reports
//! what the customer did; the host's billing reports purchases (signed); the console edits
//! the catalogue and rules and reads the funnel.

pub mod cache;
mod console;
pub mod conversions;
mod customer;
pub mod events;
mod numbers;
pub mod snapshot;
pub mod store;
pub mod upsell;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

/// Offer routes of the widget API (under `/api/v1`).
pub fn widget_router() -> Router<AppState> {
    Router::new()
        .route("/offers", post(customer::best))
        .route("/offers/events", post(customer::event))
}

/// The host backend's signed route (under `/api/v1`): no token, no browser.
pub fn host_router() -> Router<AppState> {
    Router::new().route("/offers/conversions", post(conversions::report))
}

/// Routes under `/console/api`.
pub fn console_router() -> Router<AppState> {
    Router::new()
        .route(
            "/offers/catalogue",
            get(console::catalogue_read).put(console::catalogue_update),
        )
        .route(
            "/offers/overrides",
            get(console::overrides_read).put(console::overrides_update),
        )
        .route(
            "/offers/rules",
            get(console::rules_read).put(console::rules_update),
        )
        .route(
            "/offers/rules.toml",
            get(console::toml_read).put(console::toml_update),
        )
        .route("/offers/preview", post(console::preview))
        .route("/offers/numbers", get(numbers::numbers))
        .route("/offers/numbers.csv", get(numbers::csv))
}
