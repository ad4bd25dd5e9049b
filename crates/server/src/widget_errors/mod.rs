//! Errors widgets report from the customer's browser: `POST /api/v1/widget-errors`
//! `{"kind": "api"}` with the customer's token. Nothing is stored: each report counts in the
//! metrics (`panelcare_widget_errors_total{tenant, kind}`), so a provider sees a release or
//! a panel that breaks the widget before customers write in.
//!
//! The widget does not send these yet (its wire size is held to a budget; sending them is
//! its own change). The kinds are a closed set ([`WidgetErrorKind`]): no text from the
//! browser reaches a label.

use axum::{extract::State, http::StatusCode};
use panelcare_model::{
    limits::Rate,
    widget_errors::{WidgetErrorKind, WidgetErrorReport},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    extract::ApiJson,
    limits, metrics,
    openapi::Refusals,
    state::AppState,
};

/// The budget's name among the rate-limit buckets.
const ACTION: &str = "widget_error";
/// Per account: a widget failing on every call reports a burst, then a few an hour; what is
/// refused past that is the same signal again.
const PER_ACCOUNT: Rate = Rate::new(10, 60);
/// Per tenant: a hundred accounts' worth, so one flooding script cannot use up a tenant's.
const PER_TENANT: Rate = Rate::new(1_000, 6_000);

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(report))
}

/// `POST /widget-errors`: `204` once counted, `422` for a kind outside the set, `429` past
/// the budget.
#[utoipa::path(
    post, path = "/widget-errors", tag = "widget_errors", operation_id = "report_widget_error",
    summary = "Count an error the widget met in the customer's browser",
    description = "Nothing is stored: the report counts in the server's metrics by tenant and \
        `kind`: `start`, `host`, `api`, `panic` or `other`. A few an hour per account; more \
        are refused (429).",
    security(("customer_token" = [])),
    request_body = WidgetErrorReport,
    responses((status = 204, description = "Counted"), Refusals),
)]
async fn report(
    State(state): State<AppState>,
    customer: Customer,
    ApiJson(body): ApiJson<WidgetErrorReport>,
) -> AppResult<StatusCode> {
    let kind: WidgetErrorKind = body.validate().map_err(AppError::validation)?;
    limits::take_fixed(&state, &customer, ACTION, PER_ACCOUNT, PER_TENANT).await?;
    metrics::widget_error(&customer.tenant_id, kind.as_str());
    Ok(StatusCode::NO_CONTENT)
}
