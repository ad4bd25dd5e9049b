//! Reading an upload: the file is the raw request body, refused as soon as it passes the
//! tenant's limit.

use axum::body::Body;
use panelcare_model::ErrorCode;

use crate::error::{AppError, AppResult};

/// The whole body, refused with `413` as soon as it passes `max` bytes.
pub async fn read_body(body: Body, max: u64) -> AppResult<axum::body::Bytes> {
    let limit = usize::try_from(max).unwrap_or(usize::MAX);
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        AppError::client(
            ErrorCode::BodyTooLarge,
            format!(
                "The file is larger than {} MB, the most this support desk accepts.",
                max.div_ceil(1024 * 1024)
            ),
        )
    })
}
