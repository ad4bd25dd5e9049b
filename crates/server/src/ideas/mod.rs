//! The ideas board: suggestions customers chose to share, which the other customers of the
//! same tenant read and vote on (the widget's API, [`customer`]), and which agents moderate,
//! answer, merge and ship (the console's, [`console`]); each tenant's board settings
//! ([`settings`]) and weekly figures ([`numbers`]).
//!
//! An idea is born in the transaction that stores a suggestion sent with `share`
//! ([`store::board::create_from_feedback`]); nothing written without it ever becomes one.

mod console;
mod customer;
mod numbers;
mod revenue;
mod settings;
pub mod store;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// `/ideas` routes of the widget API (mounted under `/api/v1`).
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer::board))
        .routes(routes!(customer::list))
        .routes(routes!(customer::similar))
        .routes(routes!(customer::news))
        .routes(routes!(customer::news_seen))
        .routes(routes!(customer::get_one))
        .routes(routes!(customer::vote, customer::unvote))
        .routes(routes!(customer::instead))
}

/// The moderation queue, settings and figures, under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(console::list))
        .routes(routes!(numbers::numbers))
        .routes(routes!(console::get_one, console::change))
        .routes(routes!(console::merge))
        .routes(routes!(settings::read, settings::update))
}
