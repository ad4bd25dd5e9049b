//! The API contract: the OpenAPI 3.1 document of the widget API, the host (server-to-server)
//! API and the console API.
//!
//! Nothing here is written by hand twice. Each route is registered with `routes!` from the
//! handler's own `#[utoipa::path]` (see [`crate::widget_api`] and [`crate::console_api`]),
//! and the schemas are the model's types deriving `ToSchema`, so the document lists exactly
//! the routes served and the shapes serde writes. `docs/openapi.json` is the checked-in copy;
//! the suite fails when it differs from [`document`] (`PANELCARE_BLESS=1` rewrites it).

mod binary;
mod refusals;
mod security;

use std::sync::OnceLock;

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use panelcare_model::ErrorBody;
use security::Schemes;
use utoipa::OpenApi;
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
    modifiers(&Schemes),
    // Every refusal's body (`Refusals` refers to it by name).
    components(schemas(ErrorBody)),
    tags(
        (name = "feedback", description = "Suggestions, ratings and the feedback inbox."),
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
        (name = "limits", description = "Per-tenant rate limits."),
        (name = "data_rights", description = "Customers' data: export, erase, retention."),
        (name = "audit", description = "The audit log."),
        (name = "widget_errors", description = "Errors the widget reports."),
    )
)]
struct ApiDoc;

/// The whole document, built from the same routers the server serves.
pub fn document() -> utoipa::openapi::OpenApi {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", crate::widget_api())
        .nest("/console/api", crate::console_api())
        .into_openapi()
}

/// The document as the checked-in `docs/openapi.json` holds it: pretty JSON, one trailing
/// newline.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let mut text = document()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        text
    })
}

/// `GET /api/v1/openapi.json`: the contract, for panel developers and their tools.
pub async fn serve() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        json(),
    )
        .into_response()
}
