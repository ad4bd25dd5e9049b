//! The one error body every API answer uses, so the widget can show it next to the right field.

use serde::{Deserialize, Serialize};

/// Machine-readable reason for a refused request. The widget translates these; the server's
/// English `message` is for people reading logs and raw responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    Internal,
    /// A code this build does not know yet (a newer server); treated like `Internal`.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            Self::MissingToken | Self::InvalidToken | Self::TokenExpired => 401,
            Self::MalformedJson | Self::MissingIdempotencyKey | Self::InvalidIdempotencyKey => 400,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::BodyTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::InvalidBody | Self::IdempotencyKeyReused | Self::ValidationFailed => 422,
            Self::Internal | Self::Unknown => 500,
        }
    }
}

/// Why one field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    UnknownCategory,
    OutOfRange,
    InvalidUrl,
    InvalidType,
    #[serde(other)]
    Unknown,
}

/// One refused field: `field` is the JSON name the client sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), code, message: message.into() }
    }
}

/// The error itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// What goes over the wire: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
}
