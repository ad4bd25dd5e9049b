//! One language's texts as `GET /api/v1/texts/{lang}` sends them to a widget that has only
//! English compiled in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `GET /api/v1/texts/{lang}`: every text of `lang` by key, a plural's forms as `<key>.one`,
/// `<key>.few` and `<key>.other` (what `Catalogue::entries` writes and `Catalogue::set`
/// reads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "lang": "ru",
    "texts": {
        "title": "Обратная связь",
        "category_idea": "Идея",
        "chars_left.one": "Остался {n} символ",
        "chars_left.few": "Осталось {n} символа",
        "chars_left.other": "Осталось {n} символов"
    }
})))]
pub struct LangTexts {
    /// The language's tag: `en`, `ru` or `sr-Latn`.
    pub lang: String,
    pub texts: BTreeMap<String, String>,
}
