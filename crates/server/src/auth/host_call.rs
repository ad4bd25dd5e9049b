//! Calls from a host's server to ours (a billing backend reporting a purchase, a helpdesk
//! answering a bridged ticket), signed with one of the tenant's keys the way our own
//! webhooks are:
//!
//! ```text
//! X-Panelcare-Key: <kid>
//! X-Panelcare-Timestamp: <unix seconds>
//! X-Panelcare-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the key's secret>
//! ```
//!
//! The body is JSON naming its `tenant`; a call is accepted only when that tenant's key
//! signed exactly these bytes within five minutes of our clock.

use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use panelcare_model::ErrorCode;
use sha2::Sha256;

use crate::{error::AppError, state::AppState, time::now_secs};

/// How far the timestamp may be from our clock: replays of an old call are refused.
const WINDOW_SECS: i64 = 300;

fn unsigned(what: &str, why: &str) -> AppError {
    AppError::client(
        ErrorCode::InvalidSignature,
        format!("The {what} is not signed correctly: {why}."),
    )
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// The tenant that signed `body`; `what` names the call in errors ("conversion", "reply").
pub async fn verify(
    state: &AppState,
    what: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<String, AppError> {
    let kid = header(headers, "x-panelcare-key")
        .ok_or_else(|| unsigned(what, "the X-Panelcare-Key header is missing"))?;
    let ts: i64 = header(headers, "x-panelcare-timestamp")
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| {
            unsigned(
                what,
                "the X-Panelcare-Timestamp header is missing or not a number",
            )
        })?;
    let sig = header(headers, "x-panelcare-signature")
        .and_then(|s| s.strip_prefix("sha256="))
        .and_then(|s| hex::decode(s).ok())
        .ok_or_else(|| {
            unsigned(
                what,
                "the X-Panelcare-Signature header is missing or not sha256=<hex>",
            )
        })?;
    if (now_secs() - ts).abs() > WINDOW_SECS {
        return Err(unsigned(
            what,
            "the timestamp is more than five minutes from now",
        ));
    }
    // The tenant is read before the signature is checked only to pick its key.
    let claimed: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| unsigned(what, "the body is not JSON"))?;
    let tenant = claimed
        .get("tenant")
        .and_then(|t| t.as_str())
        .ok_or_else(|| unsigned(what, "the body names no tenant"))?;
    let secret = crate::agents::keys::secret(state, tenant, kid)
        .await?
        .ok_or_else(|| unsigned(what, "the tenant or key is unknown"))?;
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(ts.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&sig)
        .map_err(|_| unsigned(what, "the signature does not match"))?;
    Ok(tenant.to_owned())
}

/// A body with a `tenant`, as every host call has.
pub trait ForTenant: serde::de::DeserializeOwned {
    fn tenant(&self) -> &str;
}

/// Reads a body `signer` signed as `T`, or says which shape was expected. The tenant it
/// names must be the signer (JSON with the key twice could otherwise name two).
pub fn parse<T: ForTenant>(signer: &str, body: &[u8]) -> Result<T, AppError> {
    let value: T = serde_json::from_slice(body).map_err(|e| {
        AppError::client(
            ErrorCode::InvalidBody,
            format!("The JSON does not have the expected shape: {e}."),
        )
    })?;
    if value.tenant() != signer {
        return Err(AppError::client(
            ErrorCode::InvalidBody,
            "The body names its tenant more than once.",
        ));
    }
    Ok(value)
}

impl ForTenant for panelcare_model::offers::Conversion {
    fn tenant(&self) -> &str {
        &self.tenant
    }
}

impl ForTenant for panelcare_model::bridge::BridgedReply {
    fn tenant(&self) -> &str {
        &self.tenant
    }
}

impl ForTenant for panelcare_model::bridge::BridgedStatus {
    fn tenant(&self) -> &str {
        &self.tenant
    }
}
