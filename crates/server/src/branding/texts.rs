//! `GET /api/v1/texts/{lang}`: one language's widget texts, for a widget that has only English
//! compiled in (`panelcare_model::text`). Public: they are the product's own words, the same
//! for every tenant (a tenant's rewordings come with its branding). Cached for an hour: after
//! an upgrade adds a text, a widget may show that one text in English until then.

use std::sync::OnceLock;

use axum::{
    extract::{Path, rejection::PathRejection},
    http::header::{CACHE_CONTROL, CONTENT_TYPE},
    response::{IntoResponse, Response},
};
use panelcare_model::{Lang, error::ErrorCode, text::Catalogue};
use serde_json::{Map, Value, json};

use crate::error::AppError;

/// A tag that is not one of ours, or not even text (`%FF`): the same `404` either way.
pub async fn read(tag: Result<Path<String>, PathRejection>) -> Result<Response, AppError> {
    let lang = tag
        .ok()
        .and_then(|Path(tag)| Lang::from_tag(&tag))
        .ok_or_else(|| {
            AppError::client(
                ErrorCode::NotFound,
                "There are no texts in that language. Ask for en, ru or sr-Latn.",
            )
        })?;
    let headers = [
        (CONTENT_TYPE, "application/json"),
        (CACHE_CONTROL, "public, max-age=3600"),
    ];
    Ok((headers, body(lang)).into_response())
}

/// The answer for `lang`, written once: the texts are this binary's own and never change while
/// it runs.
fn body(lang: Lang) -> &'static str {
    static BODIES: OnceLock<Vec<(Lang, String)>> = OnceLock::new();
    let bodies = BODIES.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|lang| {
                let texts: Map<String, Value> = Catalogue::of(lang)
                    .entries()
                    .into_iter()
                    .map(|(key, text)| (key, Value::from(text)))
                    .collect();
                (
                    lang,
                    json!({ "lang": lang.tag(), "texts": texts }).to_string(),
                )
            })
            .collect()
    });
    bodies
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or("{}", |(_, body)| body.as_str())
}
