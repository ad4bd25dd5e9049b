//! `GET /frame/{tenant}?kind=…`: the widget in a page of its own, for panels whose
//! Content-Security-Policy forbids WebAssembly. The loader on the panel page puts this page in
//! an iframe; the page's own policy allows WebAssembly, and `frame-ancestors` lets only the
//! tenant's panel origins embed it (any origin when the tenant lists none, as for the API).
//! The frame asks the panel page for identity, context and usage through checked messages
//! (`www/adapters/frame-host.js`); it holds no secret of its own.

use crate::extract::ApiPath;
use axum::{
    Router,
    extract::{Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use panelcare_model::ErrorCode;
use serde::Deserialize;

use crate::{
    error::{AppError, AppResult},
    state::AppState,
};

/// The widget kinds a frame can show, as the loader names them.
const KINDS: [&str; 5] = ["feedback", "tickets", "notices", "offers", "ideas"];

#[derive(Debug, Deserialize)]
pub struct Kind {
    #[serde(default)]
    kind: String,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/frame/{tenant}", get(frame))
        .route("/frame.css", get(frame_css))
}

/// The frame's page has no look of its own: the widget draws everything in its shadow root.
async fn frame_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        "html, body { margin: 0; padding: 0; background: transparent; }\n",
    )
}

async fn frame(
    State(state): State<AppState>,
    ApiPath(tenant): ApiPath<String>,
    Query(q): Query<Kind>,
) -> AppResult<Response> {
    let Some(kind) = KINDS.iter().find(|k| **k == q.kind) else {
        return Err(AppError::client(
            ErrorCode::NotFound,
            "There is no such widget; kind is feedback, tickets, notices, offers or ideas.",
        ));
    };
    if !crate::tenants::store::exists(&state.db, &tenant).await? {
        return Err(AppError::not_found());
    }
    let origins = crate::agents::store::origins(&state.db, &tenant).await?;
    // Origins were checked when they were saved (scheme, host and port only).
    let ancestors = if origins.is_empty() {
        "*".to_owned()
    } else {
        origins.join(" ")
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
    );
    let html = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>panelcare</title>\
         <link rel=\"stylesheet\" href=\"/frame.css\"></head><body>\
         <div data-panelcare=\"{kind}\" data-framed></div>\
         <script src=\"/adapters/frame-host.js\"></script>\
         <script src=\"/panelcare.js\"></script></body></html>\n"
    );
    let csp = HeaderValue::from_str(&csp).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, csp),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        html,
    )
        .into_response())
}
