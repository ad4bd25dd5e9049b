//! panelcare server: the widget API, token verification, storage and static files.
//!
//! [`app`] builds the whole router from an [`AppState`], so tests drive it with
//! `tower::ServiceExt::oneshot` and need no socket.

// The composition root: nothing below imports these.
pub mod cli;
pub mod client_address;
#[cfg(feature = "demo")]
pub mod demo;
pub mod jobs;
// Infrastructure: imports no feature.
pub mod cache;
pub mod db;
pub mod error;
pub mod events;
pub mod extract;
pub mod metrics;
pub mod openapi;
pub mod outbound;
pub mod refusals;
pub mod secrets;
pub mod slow_refusals;
pub mod state;
pub mod static_files;
pub mod time;
pub mod web;
// Features, each with its customer API, console API and store side by side (see README).
pub mod agents;
pub mod alerts;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod branding;
pub mod bridge;
pub mod console;
pub mod data_rights;
pub mod feedback;
pub mod frame;
pub mod ideas;
pub mod kb;
pub mod limits;
pub mod notices;
pub mod notify;
pub mod offers;
pub mod password_reset;
pub mod second_factor;
pub mod tenants;
pub mod tickets;
pub mod widget_errors;

use std::sync::{Arc, OnceLock};

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::header,
    middleware,
    routing::{any, get},
};
use tower::ServiceBuilder;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

pub use error::AppError;
pub use state::AppState;

use crate::{db::Db, events::Listeners, slow_refusals::SlowRefusals, state::Config};

/// The state the server runs on: `db`, `config`, and the listeners that turn ticket events
/// and new suggestions into outbox rows (agents' notifications, the ticket bridge) and
/// low-rating alerts.
pub fn app_state(db: Db, config: Config) -> AppState {
    let listeners = Listeners::new(vec![
        Arc::new(notify::Outbox {
            public_url: config.public_url.clone(),
        }),
        Arc::new(bridge::Outbox),
        Arc::new(alerts::Raiser),
    ]);
    AppState::new(db, config, listeners)
}

/// The widget API and the host (server-to-server) API, mounted under `/api/v1`. Each route
/// is registered with its `#[utoipa::path]` documentation, so the OpenAPI document
/// ([`api_document`]) lists exactly the routes served.
pub fn widget_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(feedback::router())
        .merge(ideas::widget_router())
        .merge(branding::widget_router())
        .merge(tickets::widget_router())
        .merge(attachments::widget_router())
        .merge(kb::widget_router())
        .merge(notices::widget_router())
        .merge(offers::widget_router())
        .merge(offers::host_router())
        .merge(bridge::host_router())
        .merge(widget_errors::router())
}

/// The console's API, mounted under `/console/api`, documented the same way.
pub fn console_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(console::router())
        .merge(agents::console_router())
        .merge(audit::console_router())
        .merge(branding::console_router())
        .merge(feedback::console_router())
        .merge(ideas::console_router())
        .merge(tickets::console_router())
        .merge(notify::console_router())
        .merge(alerts::console_router())
        .merge(kb::console_router())
        .merge(notices::console_router())
        .merge(offers::console_router())
        .merge(bridge::console_router())
        .merge(limits::console_router())
        .merge(data_rights::console_router())
        .merge(password_reset::console_router())
        .merge(second_factor::console_router())
}

/// The API contract (OpenAPI 3.1) of everything [`widget_api`] and [`console_api`] serve.
pub fn api_document() -> utoipa::openapi::OpenApi {
    openapi::document(widget_api(), console_api(), console::session::COOKIE)
}

/// [`api_document`] as `docs/openapi.json` holds it, built once.
pub fn api_document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| openapi::to_json(&api_document()))
}

/// The whole service: widget API, demo endpoints (in demo mode) and static files.
pub fn app(state: AppState) -> Router {
    let (api, _) = widget_api().split_for_parts();
    let api = api
        .route(
            "/openapi.json",
            get(|| async { openapi::serve(api_document_json()) }),
        )
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::api_method_not_allowed)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(web::api_compression())
        .layer(web::api_cors());
    // The console is same-origin only: no CORS layer, so other sites cannot read its answers.
    let (console_api, _) = console_api().split_for_parts();
    let console_api = console_api
        // The console's page and files are nested at `/console`; without this route an
        // unknown `/console/api/…` path would fall through to them and answer HTML.
        .route("/{*rest}", any(error::api_not_found))
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::api_method_not_allowed)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(web::api_compression());
    #[cfg(feature = "demo")]
    let console_api = if state.config.demo && state.config.console_test_cors {
        console_api.layer(demo::console_test_cors())
    } else {
        console_api
    };
    let router = Router::new()
        .nest("/api/v1", api)
        .nest("/console/api", console_api);
    // Built without the `demo` feature (the release tarball), there is no demo router at all.
    #[cfg(feature = "demo")]
    let router = if state.config.demo {
        router.merge(demo::router(state.config.test_clock))
    } else {
        router
    };
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
                ))
                .layer(web::hsts(&state.config.public_url))
                .layer(middleware::from_fn_with_state(
                    SlowRefusals::new(state.config.refusal_hold, slow_refusals::MAX_HELD),
                    slow_refusals::hold,
                ))
                // Inside the refusal hold: a held 429 counts the handler's time, not the hold
                // (which would fill the slow buckets during every flood).
                .layer(middleware::from_fn(metrics::track)),
        )
        .with_state(state)
}
