//! The helpdesk's side coming back: a reply written there (by support staff, or by the
//! customer in the helpdesk's own client area) and status changes made there. Both are
//! signed host calls ([`crate::auth::host_call`]) that the ticket lifecycle applies; neither
//! is sent back over the bridge.

use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
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
pub async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
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
pub async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
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
