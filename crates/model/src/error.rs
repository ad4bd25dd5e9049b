//! The one error body every API answer uses, so the widget can show it next to the right field.

use serde::{Deserialize, Serialize};

/// Machine-readable reason for a refused request. The widget translates these; the server's
/// English `message` is for people reading logs and raw responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    MissingToken,
    InvalidToken,
    TokenExpired,
    MalformedJson,
    InvalidBody,
    UnsupportedMediaType,
    BodyTooLarge,
    MissingIdempotencyKey,
    InvalidIdempotencyKey,
    IdempotencyKeyReused,
    ValidationFailed,
    NotFound,
    MethodNotAllowed,
    /// Console: the e-mail and password do not match an agent.
    InvalidCredentials,
    /// Console: no session, or it expired.
    NotSignedIn,
    /// Console: a state-changing request without the session's CSRF token.
    CsrfFailed,
    /// Console: too many failed sign-ins; try again later.
    TooManyAttempts,
    /// Too many writes of one kind from one account (or tenant); `Retry-After` says when.
    RateLimited,
    /// An upload past the account's quota of waiting or daily bytes.
    QuotaExceeded,
    /// The widget API was called from a page the tenant has not allowed.
    OriginNotAllowed,
    /// An upload whose content is not an image, PDF or plain text (checked by content).
    FileTypeNotAllowed,
    /// A reply to a closed ticket, or a change a closed ticket cannot take.
    TicketClosed,
    /// The customer's window to reopen a finished ticket has passed.
    ReopenExpired,
    /// A rating for a ticket that is not resolved, or rated already.
    NotRatable,
    /// A server-to-server call whose signature is missing, stale or wrong.
    InvalidSignature,
    /// Console: the password was right and a second factor is asked next; the body's
    /// `second_factor` carries the challenge to answer (see [`crate::second_factor`]).
    #[cfg(feature = "console-codes")]
    SecondFactorRequired,
    Internal,
    /// A code this build does not know yet (a newer server); treated like `Internal`.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    const NAMES: [(Self, &'static str); 26] = [
        (Self::MissingToken, "missing_token"),
        (Self::InvalidToken, "invalid_token"),
        (Self::TokenExpired, "token_expired"),
        (Self::MalformedJson, "malformed_json"),
        (Self::InvalidBody, "invalid_body"),
        (Self::UnsupportedMediaType, "unsupported_media_type"),
        (Self::BodyTooLarge, "body_too_large"),
        (Self::MissingIdempotencyKey, "missing_idempotency_key"),
        (Self::InvalidIdempotencyKey, "invalid_idempotency_key"),
        (Self::IdempotencyKeyReused, "idempotency_key_reused"),
        (Self::ValidationFailed, "validation_failed"),
        (Self::NotFound, "not_found"),
        (Self::MethodNotAllowed, "method_not_allowed"),
        (Self::InvalidCredentials, "invalid_credentials"),
        (Self::NotSignedIn, "not_signed_in"),
        (Self::CsrfFailed, "csrf_failed"),
        (Self::TooManyAttempts, "too_many_attempts"),
        (Self::RateLimited, "rate_limited"),
        (Self::QuotaExceeded, "quota_exceeded"),
        (Self::OriginNotAllowed, "origin_not_allowed"),
        (Self::FileTypeNotAllowed, "file_type_not_allowed"),
        (Self::TicketClosed, "ticket_closed"),
        (Self::ReopenExpired, "reopen_expired"),
        (Self::NotRatable, "not_ratable"),
        (Self::InvalidSignature, "invalid_signature"),
        (Self::Internal, "internal"),
    ];

    /// The console's own codes: the widget never gets them, and leaves their names out.
    #[cfg(feature = "console-codes")]
    const CONSOLE_NAMES: [(Self, &'static str); 1] =
        [(Self::SecondFactorRequired, "second_factor_required")];

    /// The wire name (what serde writes), for clients that read JSON without serde.
    pub fn as_str(self) -> &'static str {
        #[cfg(feature = "console-codes")]
        if let Some((_, name)) = Self::CONSOLE_NAMES.iter().find(|(v, _)| *v == self) {
            return name;
        }
        name_of(&Self::NAMES, self)
    }

    /// The code of a wire name; names this build does not know are `Unknown`.
    pub fn parse(name: &str) -> Self {
        #[cfg(feature = "console-codes")]
        if let Some((code, _)) = Self::CONSOLE_NAMES.iter().find(|(_, n)| *n == name) {
            return *code;
        }
        value_of(&Self::NAMES, name, Self::Unknown)
    }

    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            Self::MissingToken
            | Self::InvalidToken
            | Self::TokenExpired
            | Self::InvalidCredentials
            | Self::NotSignedIn
            | Self::InvalidSignature => 401,
            #[cfg(feature = "console-codes")]
            Self::SecondFactorRequired => 401,
            Self::CsrfFailed | Self::OriginNotAllowed => 403,
            Self::TooManyAttempts | Self::RateLimited => 429,
            Self::MalformedJson | Self::MissingIdempotencyKey | Self::InvalidIdempotencyKey => 400,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::BodyTooLarge | Self::QuotaExceeded => 413,
            Self::UnsupportedMediaType | Self::FileTypeNotAllowed => 415,
            Self::TicketClosed | Self::ReopenExpired | Self::NotRatable => 409,
            Self::InvalidBody | Self::IdempotencyKeyReused | Self::ValidationFailed => 422,
            Self::Internal | Self::Unknown => 500,
        }
    }
}

/// Why one field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    UnknownCategory,
    OutOfRange,
    InvalidUrl,
    InvalidType,
    /// A name (language, text key…) the server does not know.
    UnknownValue,
    /// The same value twice where each may appear once.
    Duplicate,
    /// Bidi overrides or control characters (see [`crate::clean`]).
    ForbiddenCharacters,
    #[serde(other)]
    Unknown,
}

impl FieldErrorCode {
    const NAMES: [(Self, &'static str); 9] = [
        (Self::Required, "required"),
        (Self::TooLong, "too_long"),
        (Self::UnknownCategory, "unknown_category"),
        (Self::OutOfRange, "out_of_range"),
        (Self::InvalidUrl, "invalid_url"),
        (Self::InvalidType, "invalid_type"),
        (Self::UnknownValue, "unknown_value"),
        (Self::Duplicate, "duplicate"),
        (Self::ForbiddenCharacters, "forbidden_characters"),
    ];

    pub fn as_str(self) -> &'static str {
        name_of(&Self::NAMES, self)
    }

    pub fn parse(name: &str) -> Self {
        value_of(&Self::NAMES, name, Self::Unknown)
    }
}

/// The wire name of `value` in a table of `(value, name)`.
fn name_of<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("unknown", |(_, n)| n)
}

/// The value named `name` in a table of `(value, name)`, or `unknown`.
fn value_of<T: Copy>(table: &[(T, &'static str)], name: &str, unknown: T) -> T {
    table
        .iter()
        .find(|(_, n)| *n == name)
        .map_or(unknown, |(v, _)| *v)
}

/// One refused field: `field` is the JSON name the client sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "field": "subject",
    "code": "too_long",
    "message": "This is 163 characters long; the limit is 150."
})))]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
    pub message: String,
}

impl FieldError {
    /// A refused field. Without the `field-messages` feature (the widget) the English
    /// `message` is dropped: the widget words every error from its code in the reader's
    /// language, and the texts would only weigh on the page.
    pub fn new(field: impl Into<String>, code: FieldErrorCode, message: impl Into<String>) -> Self {
        #[cfg(not(feature = "field-messages"))]
        let message = {
            drop(message);
            String::new()
        };
        Self {
            field: field.into(),
            code,
            #[cfg(feature = "field-messages")]
            message: message.into(),
            #[cfg(not(feature = "field-messages"))]
            message,
        }
    }
}

/// The error itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "validation_failed",
    "message": "Some fields need another look.",
    "fields": [{
        "field": "subject",
        "code": "too_long",
        "message": "This is 163 characters long; the limit is 150."
    }]
})))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// What goes over the wire: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"error": {
    "code": "validation_failed",
    "message": "Some fields need another look.",
    "fields": [{
        "field": "subject",
        "code": "too_long",
        "message": "This is 163 characters long; the limit is 150."
    }]
}})))]
pub struct ErrorBody {
    pub error: ApiError,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str`/`parse` must say exactly what serde says, or the widget would misread codes.
    #[test]
    fn wire_names_match_serde() {
        for (code, name) in ErrorCode::NAMES {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
            assert_eq!(ErrorCode::parse(name), code);
            assert_eq!(code.as_str(), name);
        }
        #[cfg(feature = "console-codes")]
        for (code, name) in ErrorCode::CONSOLE_NAMES {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
            assert_eq!(ErrorCode::parse(name), code);
            assert_eq!(code.as_str(), name);
        }
        for (code, name) in FieldErrorCode::NAMES {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
            assert_eq!(FieldErrorCode::parse(name), code);
        }
        assert_eq!(ErrorCode::parse("from_the_future"), ErrorCode::Unknown);
    }
}
