//! Static files (the built widget and the demo host pages) and the layers every response
//! passes through.

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde_json::json;
use tower::ServiceBuilder;
use tower_http::{
    cors::{Any, CorsLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
};

use crate::state::{AppState, Config};

/// The policy the demo host pages are served with: no inline script or style, no eval; only
/// WebAssembly compilation is allowed. The widget must work under it, as on a strict panel.
pub const DEMO_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Static routes: `/panelcare.js` (the loader), `/assets/…` (content-hashed widget files),
/// `/adapters/…`, `/vendor/…` and the demo pages under `/demo/`.
pub fn router(config: &Config) -> Router<AppState> {
    let dist = &config.dist_dir;
    // Hashed names never change content, so browsers may keep them for a year.
    let assets = ServiceBuilder::new()
        .layer(set(
            header::CACHE_CONTROL,
            "public, max-age=31536000, immutable",
        ))
        .service(ServeDir::new(dist.join("assets")));
    // The loader and adapters keep their names across releases: revalidate every time.
    let loader = ServiceBuilder::new()
        .layer(set(header::CACHE_CONTROL, "no-cache"))
        .service(tower_http::services::ServeFile::new(
            dist.join("panelcare.js"),
        ));
    let adapters = ServiceBuilder::new()
        .layer(set(header::CACHE_CONTROL, "no-cache"))
        .service(ServeDir::new(dist.join("adapters")));
    let vendor = ServiceBuilder::new()
        .layer(set(header::CACHE_CONTROL, "public, max-age=3600"))
        .service(ServeDir::new(dist.join("vendor")));
    // The console's page and files: same policy as the demo pages, never framed.
    let console = ServiceBuilder::new()
        .layer(set(header::CONTENT_SECURITY_POLICY, DEMO_CSP))
        .layer(set(header::CACHE_CONTROL, "no-cache"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .service(ServeDir::new(dist.join("console")));
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
    Router::new()
        .route("/", get(|| async { Redirect::temporary("/demo/") }))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route_service("/panelcare.js", loader)
        .nest_service("/assets", assets)
        .nest_service("/adapters", adapters)
        .nest_service("/vendor", vendor)
        .nest_service("/demo", demo)
        .layer(public)
        .nest_service("/console", console)
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
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::LOCATION,
            HeaderName::from_static("idempotent-replayed"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

/// Sets a header on responses that do not have it yet.
pub fn set(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
