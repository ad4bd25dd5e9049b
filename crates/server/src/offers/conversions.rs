//! `POST /api/v1/offers/conversions`: the host's billing backend reports that a customer
//! bought something, signed with one of the tenant's keys (see [`crate::auth::host_call`]).
//!
//! The conversion is credited to the offer the customer last clicked (or saw) for that item
//! in the last 30 days; the same order id is counted once.

use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use panelcare_model::{FieldError, error::FieldErrorCode, offers::Conversion};
use serde::Serialize;

use super::{events, store};
use crate::{auth::host_call, error::AppResult, openapi::Refusals, state::AppState};

/// The offer a conversion is credited to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreditedOffer {
    pub rule: String,
    pub variant: String,
}

/// The answer to `POST /api/v1/offers/conversions`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConversionRecorded {
    /// False when this order was reported before (nothing was stored again).
    pub recorded: bool,
    /// The offer it is credited to; `null` when no offer led to it.
    #[schema(required = true)]
    pub credited_to: Option<CreditedOffer>,
}

#[utoipa::path(
    post, path = "/offers/conversions", tag = "offers", operation_id = "host_report_conversion",
    summary = "The host's billing reports a purchase",
    description = "Credited to the offer the customer last clicked (or saw) for that item in \
        the last 30 days; the same `order_id` is counted once. The body names its `tenant`, \
        whose key must have signed it.",
    security(("host_signature" = [])),
    params(
        ("X-Panelcare-Key" = String, Header, description = "The id of the tenant's key that signed the call"),
        ("X-Panelcare-Timestamp" = i64, Header, description = "Unix seconds, within five minutes of the server's clock; part of what is signed"),
    ),
    request_body = Conversion,
    responses(
        (status = 201, description = "Recorded", body = ConversionRecorded),
        (status = 200, description = "This order was reported before; nothing stored again", body = ConversionRecorded),
        Refusals,
    ),
)]
pub async fn report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<(StatusCode, Json<ConversionRecorded>)> {
    let signer = host_call::verify(&state, "conversion", &headers, &body).await?;
    let c: Conversion = host_call::parse(&signer, &body)?;
    let mut errors = Vec::new();
    let catalogue = store::catalogue(&state.db, &c.tenant).await?;
    if catalogue.item(&c.target).is_none() {
        errors.push(FieldError::new(
            "target",
            FieldErrorCode::UnknownValue,
            format!("'{}' is not in the tenant's catalogue.", c.target),
        ));
    }
    if c.account.trim().is_empty() || c.account.len() > 200 {
        errors.push(FieldError::new(
            "account",
            FieldErrorCode::Required,
            "Name the customer's account.",
        ));
    }
    if !(1..=100).contains(&c.order_id.len()) || !c.order_id.bytes().all(|b| b.is_ascii_graphic()) {
        errors.push(FieldError::new(
            "order_id",
            FieldErrorCode::InvalidType,
            "The order id is 1 to 100 visible characters.",
        ));
    }
    if !errors.is_empty() {
        return Err(crate::error::AppError::validation(errors));
    }
    let credit = store::credit(&state.db, &c.tenant, &c.account, &c.target).await?;
    let view = format!("order:{}", c.order_id);
    let (rule, variant, diff, currency) = match &credit {
        Some(k) => (
            k.rule_id.as_str(),
            k.variant.as_str(),
            k.price_diff_cents,
            k.currency.as_str(),
        ),
        None => ("", "", 0, ""),
    };
    let recorded = store::record_event(
        &state.db,
        &events::Event {
            tenant: &c.tenant,
            account: &c.account,
            rule,
            variant,
            target: &c.target,
            kind: "conversion",
            view: &view,
            price_diff_cents: diff,
            currency,
        },
    )
    .await?;
    let status = if recorded {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(ConversionRecorded {
            recorded,
            credited_to: credit.map(|k| CreditedOffer {
                rule: k.rule_id,
                variant: k.variant,
            }),
        }),
    ))
}
