//! The one error type handlers return; it becomes the JSON body the widget understands.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use panelcare_model::{ApiError, ErrorBody, ErrorCode, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The client sent something we refuse; it learns why.
    #[error("{code:?}: {message}")]
    Client {
        code: ErrorCode,
        message: String,
        fields: Vec<FieldError>,
    },
    /// Refused for now (a rate limit, sign-in throttling): `Retry-After` says when to try
    /// again.
    #[error("{code:?}: {message} (retry after {retry_after_secs} s)")]
    Later {
        code: ErrorCode,
        message: String,
        retry_after_secs: u64,
    },
    /// Our fault. The client gets a generic message; the detail goes to the log.
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        // Text PostgreSQL cannot store (a NUL from a path, a query string or a token's
        // claims) is the client's to fix, not our failure: SQLite would have stored it.
        let unstorable = e
            .as_database_error()
            .and_then(|d| d.code())
            .is_some_and(|code| code == "22021" || code == "22P05");
        if unstorable {
            Self::client(
                ErrorCode::InvalidBody,
                "Text may not contain the NUL character (\\u0000).",
            )
        } else {
            Self::Database(e)
        }
    }
}

impl AppError {
    pub fn client(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Client {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self::Client {
            code: ErrorCode::ValidationFailed,
            message: "Some fields need another look.".into(),
            fields,
        }
    }

    /// Refused until `wait_ms` from now; the client is told to wait whole seconds.
    pub fn later(code: ErrorCode, message: impl Into<String>, wait_ms: i64) -> Self {
        Self::Later {
            code,
            message: message.into(),
            retry_after_secs: u64::try_from(wait_ms.max(1)).unwrap_or(1).div_ceil(1000),
        }
    }

    pub fn not_found() -> Self {
        Self::client(ErrorCode::NotFound, "Nothing was found at this address.")
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut retry_after = None;
        let error = match self {
            Self::Client {
                code,
                message,
                fields,
            } => ApiError {
                code,
                message,
                fields,
            },
            Self::Later {
                code,
                message,
                retry_after_secs,
            } => {
                retry_after = Some(retry_after_secs);
                ApiError {
                    code,
                    message,
                    fields: Vec::new(),
                }
            }
            other => {
                tracing::error!(error = %other, "request failed");
                ApiError {
                    code: ErrorCode::Internal,
                    message: "Something went wrong on our side. Please try again.".into(),
                    fields: Vec::new(),
                }
            }
        };
        let status =
            StatusCode::from_u16(error.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, Json(ErrorBody { error })).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        res
    }
}

/// Fallback for `/api/…` paths no route matches.
pub async fn api_not_found() -> AppError {
    AppError::not_found()
}

/// Fallback for a known `/api/…` path asked with a method it does not take.
pub async fn api_method_not_allowed() -> AppError {
    AppError::client(
        ErrorCode::MethodNotAllowed,
        "This address does not take that method.",
    )
}

/// Handlers return this.
pub type AppResult<T> = Result<T, AppError>;
