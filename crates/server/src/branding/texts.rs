//! `GET /api/v1/texts/{lang}`: one language's widget texts, for a widget that has only English
//! compiled in (`panelcare_model::text`), and the launcher's (`www/launcher.js`). Public: they are the product's own words, the same
//! for every tenant (a tenant's rewordings come with its branding). Cached for an hour: after
//! an upgrade adds a text, a widget may show that one text in English until then.

use std::sync::OnceLock;

use axum::{
    extract::{Path, rejection::PathRejection},
    http::header::{CACHE_CONTROL, CONTENT_TYPE},
    response::{IntoResponse, Response},
};
use panelcare_model::{
    Lang,
    error::ErrorCode,
    text::{Catalogue, LAUNCHER_KEYS, LangTexts, launcher_texts},
};

use crate::{error::AppError, openapi::Refusals};

/// A tag that is not one of ours, or not even text (`%FF`): the same `404` either way.
#[utoipa::path(
    get, path = "/texts/{lang}", tag = "branding", operation_id = "get_texts",
    summary = "The product's widget texts in one language",
    description = "The product's own words, the same for every tenant (a tenant's rewordings \
        come with its branding), so no token is needed. Cached for an hour.",
    params(("lang" = String, Path, description = "A language tag: `en`, `ru` or `sr-Latn`")),
    responses((status = 200, body = LangTexts,
        headers(("Cache-Control" = String, description = "`public, max-age=3600`"))), Refusals),
)]
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
                let texts = LangTexts {
                    lang: lang.tag().to_owned(),
                    // The launcher's texts beside the widget's: one answer for both.
                    texts: Catalogue::of(lang)
                        .entries()
                        .into_iter()
                        .chain(
                            LAUNCHER_KEYS
                                .iter()
                                .map(|k| (*k).to_owned())
                                .zip(launcher_texts(lang)),
                        )
                        .map(|(key, text)| (key, text.to_owned()))
                        .collect(),
                };
                (lang, serde_json::to_string(&texts).unwrap_or_default())
            })
            .collect()
    });
    bodies
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or("{}", |(_, body)| body.as_str())
}
