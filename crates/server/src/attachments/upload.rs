//! `POST /api/v1/attachments?name=…`: the file is the raw request body.

use std::collections::HashMap;

use axum::{
    Json,
    body::Body,
    extract::{Query, State},
    http::StatusCode,
};
use panelcare_model::{ErrorCode, ticket::Attachment};

use super::store::{self, Uploader};
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    state::AppState,
    tickets::settings,
};

pub async fn for_customer(
    State(state): State<AppState>,
    customer: Customer,
    Query(query): Query<HashMap<String, String>>,
    body: Body,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    let settings = settings::load(&state.db, &customer.tenant_id).await?;
    let bytes = read_body(body, settings.attachment_max_bytes).await?;
    let name = query.get("name").map(String::as_str).unwrap_or_default();
    let uploader = Uploader::Customer(customer.account_id.clone());
    let saved = store::save(&state, &customer.tenant_id, &uploader, name, &bytes).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

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
