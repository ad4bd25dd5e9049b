//! The helpdesk's side coming back: a reply written there (by support staff, or by the
//! customer in the helpdesk's own client area) and status changes made there. Both are
//! signed host calls ([`crate::auth::host_call`]) that the ticket lifecycle applies; neither
//! is sent back over the bridge.

use crate::extract::ApiPath;
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use panelcare_model::{
    ErrorCode, FieldError,
    bridge::{BridgeAnswer, BridgedReply, BridgedStatus},
    clean,
    error::FieldErrorCode,
    ticket::TicketStatus,
};

use super::store;
use crate::{
    auth::host_call,
    error::{AppError, AppResult},
    openapi::Refusals,
    state::AppState,
    tickets::lifecycle::helpdesk::{self as lifecycle, Outcome},
};

/// Refuses a tenant without a bridge: only a helpdesk it set up may write to its tickets.
async fn require_bridge(state: &AppState, tenant: &str) -> AppResult<()> {
    let mut conn = state.db.pool.acquire().await?;
    if store::settings(&mut conn, tenant).await?.is_none() {
        return Err(AppError::client(
            ErrorCode::NotFound,
            "This tenant has no ticket bridge. Set one up in the console first.",
        ));
    }
    Ok(())
}

fn answer(o: Outcome) -> BridgeAnswer {
    BridgeAnswer {
        recorded: o.recorded,
        status: o.status,
    }
}

/// `POST /api/v1/bridge/tickets/{id}/replies`: 201 when stored, 200 when this
/// `external_id` was stored before (nothing is stored twice).
#[utoipa::path(
    post, path = "/bridge/tickets/{id}/replies", tag = "bridge", operation_id = "host_bridge_reply",
    summary = "The helpdesk brings back a reply written there",
    description = "By support staff (shown to the customer as an answer) or by the customer in \
        the helpdesk's client area. Goes through the ticket lifecycle and is not sent back over \
        the bridge; the same `external_id` is stored once. Only a tenant with a ticket bridge \
        may call this (404 otherwise).",
    security(("host_signature" = [])),
    params(
        ("id" = String, Path, description = "The ticket's id, as the bridge delivered it"),
        ("X-Panelcare-Key" = String, Header, description = "The id of the tenant's key that signed the call"),
        ("X-Panelcare-Timestamp" = i64, Header, description = "Unix seconds, within five minutes of the server's clock; part of what is signed"),
    ),
    request_body = BridgedReply,
    responses(
        (status = 201, description = "Stored", body = BridgeAnswer),
        (status = 200, description = "This `external_id` was stored before; nothing stored again", body = BridgeAnswer),
        Refusals,
    ),
)]
pub async fn reply(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<(StatusCode, Json<BridgeAnswer>)> {
    let tenant = host_call::verify(&state, "reply", &headers, &body).await?;
    let r: BridgedReply = host_call::parse(&tenant, &body)?;
    let text = r.validate().map_err(AppError::validation)?;
    // The helpdesk's staff cannot fix what our rule refuses, so their name is cleaned leniently
    // like the message (which `validate` did).
    let author = clean::lenient(&r.author);
    require_bridge(&state, &tenant).await?;
    let outcome =
        lifecycle::reply(&state, &tenant, &id, &r.external_id, r.from, &author, &text).await?;
    let status = if outcome.recorded {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(answer(outcome))))
}

/// `POST /api/v1/bridge/tickets/{id}/status`: the ticket moves there (SLA clock included);
/// the same status again changes nothing.
#[utoipa::path(
    post, path = "/bridge/tickets/{id}/status", tag = "bridge", operation_id = "host_bridge_status",
    summary = "The helpdesk moves a ticket to another status",
    description = "`status` is one of `open`, `awaiting_support`, `awaiting_customer`, \
        `resolved`, `closed`; the SLA clock follows. The same status again changes nothing \
        (`recorded` is false). Only a tenant with a ticket bridge may call this.",
    security(("host_signature" = [])),
    params(
        ("id" = String, Path, description = "The ticket's id, as the bridge delivered it"),
        ("X-Panelcare-Key" = String, Header, description = "The id of the tenant's key that signed the call"),
        ("X-Panelcare-Timestamp" = i64, Header, description = "Unix seconds, within five minutes of the server's clock; part of what is signed"),
    ),
    request_body = BridgedStatus,
    responses((status = 200, body = BridgeAnswer), Refusals),
)]
pub async fn status(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<BridgeAnswer>> {
    let tenant = host_call::verify(&state, "status change", &headers, &body).await?;
    let s: BridgedStatus = host_call::parse(&tenant, &body)?;
    let new = TicketStatus::parse(s.status.trim()).ok_or_else(|| {
        AppError::validation(vec![FieldError::new(
            "status",
            FieldErrorCode::UnknownValue,
            "Status is one of open, awaiting_support, awaiting_customer, resolved, closed.",
        )])
    })?;
    require_bridge(&state, &tenant).await?;
    Ok(Json(answer(
        lifecycle::set_status(&state, &tenant, &id, new).await?,
    )))
}
