//! Customer identity: verifies the host-signed token and yields who is asking.
//!
//! Tenant and account come from the verified token and from nowhere else: the browser can
//! send anything, but only the host's backend knows the tenant's signing secret.

pub mod host_call;

use axum::{extract::FromRequestParts, http::request::Parts};
use base64::Engine as _;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, errors::ErrorKind};
use panelcare_model::{AUDIENCE, ErrorCode, MAX_TOKEN_LIFETIME_SECS, clean};
use serde::{Deserialize, Serialize};

use crate::{error::AppError, state::AppState};

/// Allowed clock difference between the host that signed and us.
const LEEWAY_SECS: u64 = 30;

/// What a host puts in an identity token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// Tenant id.
    pub iss: String,
    /// Account id within the tenant.
    pub sub: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// Not before: the token is refused until then, with the same leeway as `exp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
    /// The customer's support tier (`standard`, `premium`…), picking the tenant's SLA policy.
    #[serde(default)]
    pub support_tier: Option<String>,
    /// The server the account lives on, so notices about that server reach it.
    #[serde(default)]
    pub server: Option<String>,
}

/// A verified customer of one tenant.
#[derive(Debug, Clone)]
pub struct Customer {
    pub tenant_id: String,
    pub account_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub plan: Option<String>,
    pub locale: Option<String>,
    pub support_tier: Option<String>,
    pub server: Option<String>,
}

impl FromRequestParts<AppState> for Customer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                AppError::client(
                    ErrorCode::MissingToken,
                    "Sign in through your control panel.",
                )
            })?;
        let token = header
            .strip_prefix("Bearer ")
            .ok_or_else(|| invalid("the Authorization header is not a Bearer token"))?;
        let customer = verify(state, token.trim()).await?;
        let origin = parts
            .headers
            .get(axum::http::header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            // The widget in its own frame (crates/server/src/frame.rs) calls from this
            // server's origin, which no tenant lists; a browser never lets a page on another
            // origin claim it.
            .filter(|o| !same_host(o, parts.headers.get(axum::http::header::HOST)));
        crate::agents::origins::check(state, &customer.tenant_id, origin).await?;
        Ok(customer)
    }
}

/// Whether `origin` (`scheme://host[:port]`) names the host the request was sent to.
fn same_host(origin: &str, host: Option<&axum::http::HeaderValue>) -> bool {
    let host = host.and_then(|h| h.to_str().ok()).unwrap_or_default();
    !host.is_empty()
        && origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host))
}

fn invalid(why: &str) -> AppError {
    AppError::client(
        ErrorCode::InvalidToken,
        format!("The identity token is not valid: {why}."),
    )
}

/// Verifies `token` against the key its issuer and `kid` name.
pub async fn verify(state: &AppState, token: &str) -> Result<Customer, AppError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| invalid("it is malformed"))?;
    if header.alg != Algorithm::HS256 {
        return Err(invalid("only HS256 is accepted"));
    }
    let kid = header.kid.ok_or_else(|| invalid("the header has no kid"))?;
    // The issuer picks the key, so it is read before the signature is checked; nothing else
    // from the unverified payload is used.
    let issuer = unverified_issuer(token).ok_or_else(|| invalid("it has no issuer"))?;
    let secret = crate::agents::keys::secret(state, &issuer, &kid)
        .await?
        .ok_or_else(|| invalid("its issuer or key is unknown"))?;

    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[AUDIENCE]);
    validation.set_issuer(&[issuer.as_str()]);
    validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
    validation.leeway = LEEWAY_SECS;
    validation.validate_nbf = true;
    let claims = jsonwebtoken::decode::<Claims>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .map_err(|err| match err.kind() {
        ErrorKind::ExpiredSignature => AppError::client(
            ErrorCode::TokenExpired,
            "Your session has expired. Reload the page to sign in again.",
        ),
        ErrorKind::InvalidSignature => invalid("the signature does not match"),
        ErrorKind::InvalidAudience => invalid("it is not meant for panelcare"),
        ErrorKind::ImmatureSignature => invalid("it is not valid yet (nbf)"),
        _ => invalid("its claims are not acceptable"),
    })?
    .claims;

    let now = crate::time::now_secs();
    if claims.iat > now + LEEWAY_SECS as i64 {
        return Err(invalid("it was issued in the future"));
    }
    // Saturating: a host may sign any i64; `i64::MIN` as `iat` must not overflow into a
    // token that never expires (or a panic in a debug build).
    if claims.exp.saturating_sub(claims.iat) > MAX_TOKEN_LIFETIME_SECS {
        return Err(invalid("it lives longer than 15 minutes"));
    }
    if claims.sub.is_empty() || claims.sub.len() > 200 {
        return Err(invalid("its subject is empty or too long"));
    }
    Ok(Customer {
        tenant_id: claims.iss,
        account_id: claims.sub,
        name: claims.name.map(|s| truncate(s, 200)),
        email: claims.email.map(|s| truncate(s, 320)),
        plan: claims.plan.map(|s| truncate(s, 100)),
        locale: claims.locale.map(|s| truncate(s, 35)),
        support_tier: claims.support_tier.map(|s| truncate(s, 40)),
        server: claims.server.map(|s| truncate(s, 200)),
    })
}

fn unverified_issuer(token: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Iss {
        iss: String,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    serde_json::from_slice::<Iss>(&bytes).ok().map(|i| i.iss)
}

/// A claim as it is kept: by the text hygiene rule, leniently (a host's name field may carry a
/// bidi override, and the customer cannot fix it in our form), without control characters
/// (no engine should store a line break in a name), at most `max_chars` characters.
fn truncate(s: String, max_chars: usize) -> String {
    clean::lenient(&s)
        .chars()
        .filter(|c| !c.is_control())
        .take(max_chars)
        .collect()
}

/// Signs claims the way a host's backend does; used by demo mode, tests and tools.
pub fn sign(claims: &Claims, kid: &str, secret: &str) -> String {
    let mut header = jsonwebtoken::Header::new(Algorithm::HS256);
    header.kid = Some(kid.to_owned());
    // Encoding HS256 with a byte key cannot fail.
    jsonwebtoken::encode(
        &header,
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests;
