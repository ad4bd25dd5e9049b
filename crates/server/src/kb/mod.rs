//! The knowledge base: articles per tenant and language, suggested to customers while they
//! type a ticket subject, with "this solved it" counted for the deflection rate.

mod console;
mod customer;
pub mod markdown;
pub mod search;
pub mod store;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// Under `/api/v1`.
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer::search))
        .routes(routes!(customer::read))
        .routes(routes!(customer::solved))
}

/// Under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(console::list, console::create))
        .routes(routes!(console::get_one, console::update, console::remove))
}
