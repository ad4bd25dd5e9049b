//! panelcare server: the widget API, token verification, storage and static files.
//!
//! [`app`] builds the whole router from an [`AppState`], so tests drive it with
//! `tower::ServiceExt::oneshot` and need no socket.

pub mod agents;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod branding;
pub mod bridge;
pub mod cli;
pub mod console;
pub mod db;
pub mod demo;
pub mod demo_history;
pub mod demo_offer_history;
pub mod demo_offers;
pub mod demo_queue;
pub mod demo_support;
pub mod demo_ticket;
pub mod error;
pub mod extract;
pub mod feedback;
pub mod frame;
pub mod host_call;
pub mod kb;
pub mod key_cache;
pub mod notices;
pub mod notify;
pub mod offers;
pub mod origins;
pub mod state;
pub mod tenants;
pub mod tickets;
pub mod time;
pub mod web;

use axum::{Router, extract::DefaultBodyLimit, http::header};
use tower::ServiceBuilder;
use tower_http::trace::TraceLayer;

pub use error::AppError;
pub use state::AppState;

/// The whole service: widget API, demo endpoints (in demo mode) and static files.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(feedback::router())
        .merge(branding::widget_router())
        .merge(tickets::widget_router())
        .merge(attachments::widget_router())
        .merge(kb::widget_router())
        .merge(notices::widget_router())
        .merge(offers::widget_router())
        .merge(offers::host_router())
        .merge(bridge::host_router())
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::api_method_not_allowed)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(web::api_cors());
    // The console is same-origin only: no CORS layer, so other sites cannot read its answers.
    let console_api = Router::new()
        .merge(console::router())
        .merge(branding::console_router())
        .merge(origins::console_router())
        .merge(kb::console_router())
        .merge(notices::console_router())
        .merge(offers::console_router())
        .merge(bridge::console_router())
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::api_method_not_allowed)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT));
    let mut router = Router::new()
        .nest("/api/v1", api)
        .nest("/console/api", console_api);
    if state.config.demo {
        router = router.merge(demo::router(state.config.test_clock));
    }
    router
        .merge(frame::router())
        .merge(web::router(&state.config))
        .layer(
            ServiceBuilder::new()
                .layer(TraceLayer::new_for_http())
                .layer(web::set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .layer(web::set(
                    header::REFERRER_POLICY,
                    "strict-origin-when-cross-origin",
                )),
        )
        .with_state(state)
}
