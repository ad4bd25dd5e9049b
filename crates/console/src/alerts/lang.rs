//! The language of the console's low-rating texts: the browser's (Russian, Serbian, or
//! English for anything else). The rest of the console is English; parts in another language
//! say so with `lang`, so screen readers pronounce them right.

use panelcare_model::{Lang, alerts::texts::AlertTexts};
use yew::AttrValue;

/// The browser's language, as ours.
pub fn lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(Lang::En, |l| Lang::from_locale(&l))
}

/// The low-rating texts in [`lang`].
pub fn texts() -> &'static AlertTexts {
    AlertTexts::of(lang())
}

/// The `lang` attribute of a part in [`lang`]: none for English, the console's own.
pub fn attr() -> Option<AttrValue> {
    match lang() {
        Lang::En => None,
        other => Some(AttrValue::from(other.tag())),
    }
}
