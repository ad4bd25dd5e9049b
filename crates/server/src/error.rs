//! The one error type handlers return; it becomes the JSON body the widget understands.

use axum::{
    Json,
    http::StatusCode,
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

    pub fn not_found() -> Self {
        Self::client(ErrorCode::NotFound, "Nothing was found at this address.")
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
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
        (status, Json(ErrorBody { error })).into_response()
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
