//! `POST /api/v1/offers/conversions`: the host's billing backend reports that a customer
//! bought something, signed with one of the tenant's keys the way our own webhooks are:
//!
//! ```text
//! X-Panelcare-Key: <kid>
//! X-Panelcare-Timestamp: <unix seconds>
//! X-Panelcare-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the key's secret>
//! ```
//!
//! The conversion is credited to the offer the customer last clicked (or saw) for that item
//! in the last 30 days; the same order id is counted once.

use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use hmac::{Hmac, Mac};
use panelcare_model::{ErrorCode, FieldError, error::FieldErrorCode, offers::Conversion};
use serde::Serialize;
use sha2::Sha256;

use super::{events, store};
use crate::{
    error::{AppError, AppResult},
    state::AppState,
    time::now_secs,
};

/// How far the timestamp may be from our clock: replays of an old call are refused.
const WINDOW_SECS: i64 = 300;

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

fn unsigned(why: &str) -> AppError {
    AppError::client(
        ErrorCode::InvalidSignature,
        format!("The conversion is not signed correctly: {why}."),
    )
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

pub async fn report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<(StatusCode, Json<Answer>)> {
    let kid = header(&headers, "x-panelcare-key")
        .ok_or_else(|| unsigned("the X-Panelcare-Key header is missing"))?;
    let ts: i64 = header(&headers, "x-panelcare-timestamp")
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| unsigned("the X-Panelcare-Timestamp header is missing or not a number"))?;
    let sig = header(&headers, "x-panelcare-signature")
        .and_then(|s| s.strip_prefix("sha256="))
        .and_then(|s| hex::decode(s).ok())
        .ok_or_else(|| {
            unsigned("the X-Panelcare-Signature header is missing or not sha256=<hex>")
        })?;
    if (now_secs() - ts).abs() > WINDOW_SECS {
        return Err(unsigned("the timestamp is more than five minutes from now"));
    }
    // The tenant is read before the signature is checked only to pick its key.
    let claimed: serde_json::Value =
        serde_json::from_slice(&body).map_err(|_| unsigned("the body is not JSON"))?;
    let tenant = claimed
        .get("tenant")
        .and_then(|t| t.as_str())
        .ok_or_else(|| unsigned("the body names no tenant"))?;
    let secret = state
        .keys
        .secret(&state.db, tenant, kid)
        .await?
        .ok_or_else(|| unsigned("the tenant or key is unknown"))?;
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(ts.to_string().as_bytes());
    mac.update(b".");
    mac.update(&body);
    mac.verify_slice(&sig)
        .map_err(|_| unsigned("the signature does not match"))?;

    let c: Conversion = serde_json::from_slice(&body).map_err(|e| {
        AppError::client(
            ErrorCode::InvalidBody,
            format!("The JSON does not have the expected shape: {e}."),
        )
    })?;
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
        return Err(AppError::validation(errors));
    }
    let credit = events::credit(&state.db, &c.tenant, &c.account, &c.target).await?;
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
    let recorded = events::record(
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
