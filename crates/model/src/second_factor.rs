//! The console's second factor (TOTP, RFC 6238): what enrolment, the second sign-in step,
//! turning it off, an admin's reset and a tenant's requirement send and answer. Console and
//! server only; the widget never names these types, so they cost it nothing.

use serde::{Deserialize, Serialize};

use crate::{ApiError, console::SessionInfo};

/// Digits in a code from the authenticator app.
pub const CODE_DIGITS: usize = 6;
/// Recovery codes given when a second factor is turned on (each works once).
pub const RECOVERY_CODES: usize = 10;

/// What a sign-in whose password was right must do next, in the `401
/// second_factor_required` answer of `POST /console/api/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Challenge {
    /// Single-use token naming this sign-in; goes back with the code.
    pub challenge: String,
    /// RFC 3339: the sign-in starts over after this.
    pub expires_at: String,
    /// The tenant requires a second factor and the account has none: set one up first.
    pub enrol: bool,
}

/// The whole `401 second_factor_required` body: the usual error, and the challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChallengeBody {
    pub error: ApiError,
    pub second_factor: Challenge,
}

/// `POST /console/api/login/second-factor`: the challenge and a 6-digit code or a recovery
/// code. Also `POST …/login/second-factor/enrolment` (challenge only) and
/// `…/enrolment/confirm` (challenge and the first code) for an enrolment sign-in asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChallengeAnswer {
    #[serde(default)]
    pub challenge: String,
    #[serde(default)]
    pub code: String,
}

/// A new secret waiting for its first code: for the authenticator app as a QR code, an
/// `otpauth://` address, or the secret to type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    /// Base32 (RFC 4648, no padding), as apps take it typed in.
    pub secret: String,
    /// `otpauth://totp/<issuer>:<e-mail>?secret=…&issuer=…`.
    pub uri: String,
    /// The address as a QR code: a `data:image/svg+xml;base64,…` URL for an `<img>`.
    pub qr: String,
}

/// `POST /console/api/second-factor/enrolment/confirm`: the first code from the app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmCode {
    #[serde(default)]
    pub code: String,
}

/// Recovery codes, shown once: only their hashes are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub recovery_codes: Vec<String>,
}

/// The answer to confirming an enrolment during sign-in: the session, and the recovery codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolledSignIn {
    pub session: SessionInfo,
    pub recovery_codes: Vec<String>,
}

/// `GET /console/api/second-factor`: the signed-in account's second factor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Status {
    pub enabled: bool,
    /// RFC 3339, when it was turned on.
    #[serde(default)]
    pub enabled_at: Option<String>,
    #[serde(default)]
    pub recovery_codes_left: u32,
    /// The account's tenant (or its provider) requires one.
    #[serde(default)]
    pub required: bool,
}

/// `POST /console/api/second-factor/disable`: the password or a current code (either).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TurnOff {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub code: String,
}

/// `GET|PUT /console/api/tenants/{id}/second-factor`: whether the tenant's console accounts
/// must have a second factor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Requirement {
    pub required: bool,
    /// Read only: the tenant's provider requires it for everyone under it, whatever this
    /// tenant says.
    #[serde(default)]
    pub by_provider: bool,
}

/// One account with a second factor, in `GET /console/api/second-factor/accounts` (the
/// admin's tenants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolled {
    pub agent_id: String,
    /// RFC 3339.
    pub enabled_at: String,
}
