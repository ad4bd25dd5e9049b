//! The API contract: the OpenAPI 3.1 document of the widget API, the host (server-to-server)
//! API and the console API.
//!
//! Nothing here is written by hand twice. Each route is registered with `routes!` from the
//! handler's own `#[utoipa::path]`, and the schemas are the model's types deriving
//! `ToSchema`, so the document lists exactly the routes served and the shapes serde writes.
//! This module is infrastructure: it knows no feature. The composition root hands it the
//! routers it serves (`crate::api_document`). `docs/openapi.json` is the checked-in copy;
//! the suite fails when it differs from the generated one (`PANELCARE_BLESS=1` rewrites it).

mod binary;
mod refusals;
mod security;

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use panelcare_model::ErrorBody;
use security::Schemes;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

pub use binary::Binary;
pub use refusals::Refusals;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "panelcare",
        description = "Customer-care widgets for hosting control panels.\n\n\
            * `/api/v1/…` without `/api/v1/host/…`: the **widget API**, called by the widget \
            in the customer's browser with a token the panel signed (`customer_token`).\n\
            * `/api/v1/offers/conversions` and `/api/v1/bridge/…`: the **host API**, called by \
            a provider's own servers and signed with one of the tenant's keys \
            (`host_signature`).\n\
            * `/console/api/…`: the **console API**, same-origin only, behind a session cookie \
            and, for every change, the session's CSRF token.\n\n\
            Every refusal is `{\"error\": {\"code\", \"message\", \"fields\"?}}` with a \
            machine-readable `code`.",
        license(name = "MIT"),
    ),
    // Every refusal's body (`Refusals` refers to it by name).
    components(schemas(ErrorBody)),
    tags(
        (name = "feedback", description = "Suggestions, ratings and the feedback inbox."),
        (name = "ideas", description = "The ideas board customers vote on, and its moderation."),
        (name = "tickets", description = "Support tickets, their threads and attachments."),
        (name = "kb", description = "Knowledge-base articles."),
        (name = "notices", description = "Service notices (incidents, maintenance)."),
        (name = "offers", description = "Upgrade suggestions and the offer catalogue."),
        (name = "branding", description = "White-label branding of the widget."),
        (name = "bridge", description = "The ticket bridge to a provider's helpdesk."),
        (name = "console", description = "Signing in, sessions and tenants in scope."),
        (name = "agents", description = "Console accounts, signing keys and allowed origins."),
        (name = "second_factor", description = "TOTP second factor for console accounts."),
        (name = "password_reset", description = "Console password reset."),
        (name = "notify", description = "Agents' e-mail and webhook notifications."),
        (name = "alerts", description = "Low ratings: the console's badge, list and figure."),
        (name = "limits", description = "Per-tenant rate limits."),
        (name = "data_rights", description = "Customers' data: export, erase, retention."),
        (name = "audit", description = "The audit log."),
        (name = "widget_errors", description = "Errors the widget reports."),
    )
)]
struct ApiDoc;

/// The whole document, built from the same routers the server serves: `widget` is
/// mounted at `/api/v1`, `console` at `/console/api`; `session_cookie` names the console's
/// session cookie in its security scheme.
pub fn document<S>(
    widget: OpenApiRouter<S>,
    console: OpenApiRouter<S>,
    session_cookie: &'static str,
) -> utoipa::openapi::OpenApi
where
    S: Clone + Send + Sync + 'static,
{
    let mut doc = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", widget)
        .nest("/console/api", console)
        .into_openapi();
    Schemes { session_cookie }.modify(&mut doc);
    doc
}

/// The document as the checked-in `docs/openapi.json` holds it: pretty JSON, one trailing
/// newline.
pub fn to_json(doc: &utoipa::openapi::OpenApi) -> String {
    let mut text = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The answer to `GET /api/v1/openapi.json`: the contract, for panel developers and their
/// tools.
pub fn serve(json: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        json,
    )
        .into_response()
}
