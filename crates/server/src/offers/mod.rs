//! Upgrade suggestions: the widget asks for the best offer for its host's usage and reports
//! what the customer did; the host's billing reports purchases (signed); the console edits
//! the catalogue and rules and reads the funnel.

mod console;
pub mod conversions;
mod customer;
pub mod events;
mod numbers;
pub mod snapshot;
pub mod store;
pub mod upsell;

use std::sync::Arc;

use panelcare_model::offers::Offering;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// The tenant's catalogue and compiled rules, from the cache while fresh: every dashboard
/// view and new-ticket form asks for them, and compiling the rules costs more than the rest
/// of the request.
pub async fn offering(state: &AppState, tenant: &str) -> Result<Arc<Offering>, sqlx::Error> {
    state
        .caches
        .offers
        .get(&tenant.to_owned(), async || {
            let catalogue = store::catalogue(&state.db, tenant).await?;
            let rules = store::compiled(&state.db, tenant, &catalogue).await?;
            Ok(Arc::new(Offering { catalogue, rules }))
        })
        .await
}

/// Offer routes of the widget API (under `/api/v1`).
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer::best))
        .routes(routes!(customer::event))
}

/// The host backend's signed route (under `/api/v1`): no token, no browser.
pub fn host_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(conversions::report))
}

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            console::catalogue::read,
            console::catalogue::update
        ))
        .routes(routes!(
            console::catalogue::overrides_read,
            console::catalogue::overrides_update
        ))
        .routes(routes!(console::rules::read, console::rules::update))
        .routes(routes!(
            console::rules::toml_read,
            console::rules::toml_update
        ))
        .routes(routes!(console::preview::preview))
        .routes(routes!(console::numbers::json))
        .routes(routes!(console::numbers::csv))
}
