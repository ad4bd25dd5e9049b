//! Tenant branding: the widget reads its tenant's look (name, logo, colours, languages,
//! reworded texts) with the customer token, and the product's texts in the customer's
//! language; admins edit the branding in the console.

mod console;
mod customer;
pub mod store;
mod texts;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// `GET /api/v1/branding` and `GET /api/v1/texts/{lang}`, for the widget.
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer::read))
        .routes(routes!(texts::read))
}

/// `GET|PUT /console/api/tenants/{id}/branding`, for admins.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(console::read, console::update))
}
