//! The widget's language: the catalogue components read (from `panelcare_model::text`), with
//! the tenant's branding overrides applied.

use panelcare_model::{Lang, Plurals, text::Catalogue};
use yew::prelude::*;

/// The language and catalogue components render with.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: Lang,
    pub t: &'static Catalogue,
}

/// Two sessions read the same text when they have the same language and the same catalogue
/// (overrides make a new one); comparing the strings themselves would be wasted work.
impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && std::ptr::eq(self.t, other.t)
    }
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            t: Catalogue::of(lang),
        }
    }

    /// The compiled-in catalogue with `texts` in place of its own, in order: the language's
    /// texts from the server (only English is compiled in), then the tenant's rewordings.
    ///
    /// The result is leaked: components hold `&'static` strings, and this runs once per
    /// branding or language a widget receives, not per render.
    pub fn with_overrides<'a>(
        lang: Lang,
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let mut texts = texts.into_iter().peekable();
        if texts.peek().is_none() {
            return Self::new(lang);
        }
        let mut c = Catalogue::of(lang).clone();
        for (key, text) in texts {
            c.set(key, Box::leak(text.to_owned().into_boxed_str()));
        }
        Self {
            lang,
            t: Box::leak(Box::new(c)),
        }
    }

    pub fn plural(&self, p: &Plurals, n: u64) -> String {
        p.format(self.lang, n)
    }
}

/// The catalogue of the widget's language; it travels in the [`crate::session::Session`].
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<crate::session::Session>().map_or_else(|| I18n::new(Lang::En), |s| s.i18n)
}
