//! `GET /api/v1/texts/{lang}`: one language's widget texts, for a widget that has only English
//! compiled in (`panelcare_model::text`). Public: they are the product's own words, the same
//! for every tenant (a tenant's rewordings come with its branding). Cached for an hour: after
//! an upgrade adds a text, a widget may show that one text in English until then.

use axum::{
    Json,
    extract::Path,
    http::header::CACHE_CONTROL,
    response::{IntoResponse, Response},
};
use panelcare_model::{Lang, error::ErrorCode, text::Catalogue};
use serde_json::{Map, Value, json};

use crate::error::AppError;

pub async fn read(Path(tag): Path<String>) -> Result<Response, AppError> {
    let lang = Lang::from_tag(&tag).ok_or_else(|| {
        AppError::client(
            ErrorCode::NotFound,
            "There are no texts in that language. Ask for en, ru or sr-Latn.",
        )
    })?;
    let texts: Map<String, Value> = Catalogue::of(lang)
        .entries()
        .into_iter()
        .map(|(key, text)| (key, Value::from(text)))
        .collect();
    let body = Json(json!({ "lang": lang.tag(), "texts": texts }));
    Ok(([(CACHE_CONTROL, "public, max-age=3600")], body).into_response())
}
