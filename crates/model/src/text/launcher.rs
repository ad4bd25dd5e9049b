//! The launcher's own texts (`www/launcher.js`: the floating button and its drawer; the
//! drawer's sections take the widget's titles). Apart from the widget's catalogue because the
//! launcher is JavaScript: the widget's wasm need not carry them. `GET /api/v1/texts/{lang}`
//! sends them with the widget's texts, and a tenant may reword them like those.

use crate::Lang;

/// The launcher's text keys, in the order [`launcher_texts`] gives their words.
pub const LAUNCHER_KEYS: &[&str] = &[
    // The button's name and the drawer's title when the tenant has no product name.
    "launcher_open",
    "launcher_close",
    // The drawer's section for the ideas board.
    "launcher_ideas",
    // Before the count on the button: "Unread: 3".
    "launcher_unread",
];

/// The words of [`LAUNCHER_KEYS`] in `lang` (English without the `catalogues` feature).
pub fn launcher_texts(lang: Lang) -> [&'static str; 4] {
    match lang {
        #[cfg(feature = "catalogues")]
        Lang::Ru => ["Помощь и отзывы", "Закрыть", "Идеи", "Непрочитанных"],
        #[cfg(feature = "catalogues")]
        Lang::SrLatn => [
            "Pomoć i povratne informacije",
            "Zatvori",
            "Ideje",
            "Nepročitanih",
        ],
        _ => ["Help and feedback", "Close", "Ideas", "Unread"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::OVERRIDABLE;

    #[test]
    fn every_language_has_every_launcher_text_and_no_key_is_the_widgets() {
        for lang in Lang::ALL {
            assert!(
                launcher_texts(lang).iter().all(|t| !t.trim().is_empty()),
                "{lang:?}"
            );
        }
        #[cfg(feature = "catalogues")]
        assert_ne!(launcher_texts(Lang::Ru), launcher_texts(Lang::En));
        #[cfg(feature = "catalogues")]
        assert_ne!(launcher_texts(Lang::SrLatn), launcher_texts(Lang::En));
        assert!(LAUNCHER_KEYS.iter().all(|k| !OVERRIDABLE.contains(k)));
    }
}
