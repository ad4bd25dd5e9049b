//! Static files (the built widget, the console, and in demo mode the demo host pages), the
//! compression of API answers, and the layers every response passes through.

use std::convert::Infallible;

use axum::{
    Json, Router,
    extract::{Request, State},
    http::{Extensions, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Version, header},
    middleware,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde_json::json;
use tower::{Service, ServiceBuilder};
use tower_http::{
    CompressionLevel,
    compression::{
        CompressionLayer,
        predicate::{DefaultPredicate, Predicate, SizeAbove},
    },
    cors::{Any, CorsLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
};

use crate::{
    metrics,
    state::{AppState, Config},
    static_files::StaticFiles,
};

/// The policy the demo host pages are served with: no inline script or style, no eval; only
/// WebAssembly compilation is allowed. The widget must work under it, as on a strict panel.
pub const DEMO_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Static routes: `/panelcare.js` (the loader), `/assets/…` (content-hashed widget files),
/// `/adapters/…`, `/vendor/…`, the console's page and files under `/console/`, and in demo
/// mode the demo pages under `/demo/`. What the build wrote goes out precompressed ([`StaticFiles`]).
pub fn router(config: &Config) -> Router<AppState> {
    let dist = &config.dist_dir;
    // Hashed names never change content, so browsers may keep them for a year.
    let assets = StaticFiles::dir(dist.join("assets"), "public, max-age=31536000, immutable");
    // The loader and adapters keep their names across releases. Revalidated on every page
    // (a 304 without a body while unchanged): an upgrade replaces the hashed files the old
    // loader names, so a loader kept even a minute would ask for files that are gone.
    let loader = StaticFiles::file(dist.join("panelcare.js"), "no-cache");
    let adapters = StaticFiles::dir(dist.join("adapters"), "no-cache");
    // Views a page loads only when it shows them (the ideas board), named like the adapters.
    let views = StaticFiles::dir(dist.join("views"), "no-cache");
    let vendor = StaticFiles::dir(dist.join("vendor"), "public, max-age=3600");
    // The console's page and files: same policy as the demo pages, never framed.
    let console = ServiceBuilder::new()
        .layer(set(header::CONTENT_SECURITY_POLICY, DEMO_CSP))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .service(
            StaticFiles::dir(dist.join("console"), "no-cache")
                .with_app_routes()
                .router(),
        );
    let demo = ServiceBuilder::new()
        .layer(set(header::CONTENT_SECURITY_POLICY, DEMO_CSP))
        .layer(set(header::CACHE_CONTROL, "no-cache"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .service(ServeDir::new(config.www_dir.join("demo")));

    // The widget's files are loaded by panels on other origins: a module import and a wasm
    // fetch are CORS requests, so the static files say anyone may read them.
    let public = ServiceBuilder::new()
        .layer(set(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .layer(set(
            HeaderName::from_static("cross-origin-resource-policy"),
            "cross-origin",
        ));
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route_service("/panelcare.js", loader.router::<()>())
        .nest_service("/assets", labelled("/assets/*", assets.router::<()>()))
        .nest_service(
            "/adapters",
            labelled("/adapters/*", adapters.router::<()>()),
        )
        .nest_service("/views", labelled("/views/*", views.router::<()>()))
        .nest_service("/vendor", labelled("/vendor/*", vendor.router::<()>()));
    // The demo panels, and the address's root leading to them, only in demo mode: a provider's
    // server shows its customers no made-up hosting company.
    if config.demo {
        router = router
            .route("/", get(|| async { Redirect::temporary("/demo/") }))
            .nest_service("/demo", labelled("/demo/*", demo));
    }
    router
        .layer(public)
        .nest_service("/console", labelled("/console/*", console))
}

/// A nested service whose answers the metrics count under `route` (axum gives a nested
/// service's requests no route template of their own).
fn labelled<S>(
    route: &'static str,
    service: S,
) -> impl Service<Request, Response = Response, Error = Infallible, Future = impl Send>
+ Clone
+ Send
+ Sync
+ 'static
where
    S: Service<Request, Error = Infallible> + Clone + Send + Sync + 'static,
    S::Response: IntoResponse,
    S::Future: Send + 'static,
{
    ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(route, metrics::http::nested))
        .service(service)
}

/// API answers above about a kilobyte (a ticket list, a thread, the console's queues) go out
/// compressed when the browser accepts it; smaller ones would gain less than the header
/// costs. Images (attachment thumbnails) are compressed already.
pub fn api_compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        // Each answer is compressed on every request, unlike the static files: the default
        // levels (brotli 4, gzip 6) cost little CPU for most of the gain (README, Numbers).
        .quality(CompressionLevel::Default)
        .compress_when(
            DefaultPredicate::new()
                .and(SizeAbove::new(1024))
                // JSON only: attachments a customer uploaded (PDFs, archives) are mostly
                // compressed already, and would lose their Content-Length for nothing.
                .and(|_: StatusCode, _: Version, h: &HeaderMap, _: &Extensions| {
                    h.get(header::CONTENT_TYPE)
                        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
                }),
        )
}

/// `GET /readyz`, for the load balancer: 200 when this instance can serve the schema it
/// finds (every migration it has is applied; one a newer build added is fine, as during a
/// rolling upgrade's expand), 503 with the reason otherwise (the database is unreachable, or
/// `panelcare-server migrate` has not run yet).
async fn ready(State(state): State<AppState>) -> Response {
    match state.db.schema().await {
        Ok(s) if s.missing.is_empty() => Json(json!({
            "ready": true,
            "engine": state.db.engine().name(),
            "schema": s.applied,
            "build": s.known,
        }))
        .into_response(),
        Ok(s) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({
                "ready": false,
                "reason": "the database lacks migrations this build needs; run panelcare-server migrate",
                "missing": s.missing,
            })),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"ready": false, "reason": "the database does not answer"})),
            )
                .into_response()
        }
    }
}

/// CORS for the JSON API, which panels on other origins call.
///
/// Any origin may call: the API is authorised by a bearer token, never by cookies, so a
/// foreign page learns nothing it could not already ask for with the customer's token.
pub fn api_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        // PUT and DELETE: a vote on an idea, and taking it back.
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::LOCATION,
            // How long a rate-limited client waits; not readable across origins otherwise.
            header::RETRY_AFTER,
            HeaderName::from_static("idempotent-replayed"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

/// `Strict-Transport-Security` for a year when the server's public address is https (behind a
/// TLS-terminating proxy, as README describes): browsers then never try it over plain http.
/// Nothing when it is http (a test or a demo on a laptop), where the header would lock a name
/// out of the browser.
pub fn hsts(
    public_url: &str,
) -> SetResponseHeaderLayer<impl Fn(&axum::response::Response) -> Option<HeaderValue> + Clone + use<>>
{
    let https = public_url
        .trim()
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    let value = https.then(|| HeaderValue::from_static("max-age=31536000"));
    SetResponseHeaderLayer::if_not_present(
        header::STRICT_TRANSPORT_SECURITY,
        move |_: &axum::response::Response| value.clone(),
    )
}

/// Sets a header on responses that do not have it yet.
pub fn set(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
