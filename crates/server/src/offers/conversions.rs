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
use crate::{auth::host_call, error::AppResult, state::AppState};

#[derive(Debug, Serialize)]
pub struct Credited {
    pub rule: String,
    pub variant: String,
}

#[derive(Debug, Serialize)]
pub struct Answer {
    /// False when this order was reported before (nothing was stored again).
    pub recorded: bool,
    /// The offer it is credited to; none when no offer led to it.
    pub credited_to: Option<Credited>,
}

pub async fn report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<(StatusCode, Json<Answer>)> {
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
        Json(Answer {
            recorded,
            credited_to: credit.map(|k| Credited {
                rule: k.rule_id,
                variant: k.variant,
            }),
        }),
    ))
}
