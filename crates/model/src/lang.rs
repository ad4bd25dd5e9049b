//! Languages we ship and their plural rules (CLDR, integers only).

use serde::{Deserialize, Serialize};

/// A language of the user-facing catalogue.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ru")]
    Ru,
    /// Serbian in Latin script.
    #[serde(rename = "sr-Latn")]
    SrLatn,
}

impl Lang {
    pub const ALL: [Self; 3] = [Self::En, Self::Ru, Self::SrLatn];

    /// BCP 47 tag, as used in `lang` attributes and `Intl` APIs.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
            Self::SrLatn => "sr-Latn",
        }
    }

    /// The language with exactly this tag, as [`Lang::tag`] writes it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// Picks our language for a locale as panels report it: `ru`, `ru_RU`, `sr-Latn-RS`,
    /// `sr_RS@latin`, `en-GB`… Anything we do not have falls back to English.
    ///
    /// Serbian in Cyrillic also gets the Latin catalogue: Serbian readers read both scripts,
    /// and an English fallback would be worse.
    pub fn from_locale(locale: &str) -> Self {
        let primary: String = locale
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match primary.as_str() {
            "ru" => Self::Ru,
            "sr" => Self::SrLatn,
            _ => Self::En,
        }
    }

    /// The plural category of `n` in this language.
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Self::En => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            // Russian and Serbian share the integer rules for one and few; Russian calls the
            // rest "many" and Serbian "other", which is the same set of integers.
            Self::Ru | Self::SrLatn => {
                let (m10, m100) = (n % 10, n % 100);
                if m10 == 1 && m100 != 11 {
                    Plural::One
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    Plural::Few
                } else {
                    Plural::Other
                }
            }
        }
    }
}

/// Plural categories our languages use for whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Other,
}

/// A message with its plural forms; `{n}` is replaced by the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plurals {
    pub one: &'static str,
    /// English has no "few"; its catalogue repeats `other` here.
    pub few: &'static str,
    pub other: &'static str,
}

impl Plurals {
    pub fn format(&self, lang: Lang, n: u64) -> String {
        let form = match lang.plural(n) {
            Plural::One => self.one,
            Plural::Few => self.few,
            Plural::Other => self.other,
        };
        // Split at the one `{n}` by a char search: cheaper in the widget's wasm than `replace`.
        match form.split_once('{') {
            Some((before, after)) => {
                format!("{before}{n}{}", after.strip_prefix("n}").unwrap_or(after))
            }
            None => form.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_our_languages() {
        for (locale, lang) in [
            ("en", Lang::En),
            ("en-GB", Lang::En),
            ("ru", Lang::Ru),
            ("ru_RU", Lang::Ru),
            ("RU", Lang::Ru),
            ("sr", Lang::SrLatn),
            ("sr-Latn-RS", Lang::SrLatn),
            ("sr_RS@latin", Lang::SrLatn),
            ("sr-Cyrl", Lang::SrLatn),
            ("de", Lang::En),
            ("", Lang::En),
            ("serbian", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale}");
        }
    }

    #[test]
    fn english_plurals() {
        assert_eq!(Lang::En.plural(1), Plural::One);
        for n in [0, 2, 11, 21, 101] {
            assert_eq!(Lang::En.plural(n), Plural::Other, "{n}");
        }
    }

    #[test]
    fn russian_and_serbian_plurals() {
        for lang in [Lang::Ru, Lang::SrLatn] {
            for n in [1, 21, 101, 1001] {
                assert_eq!(lang.plural(n), Plural::One, "{lang:?} {n}");
            }
            for n in [2, 3, 4, 22, 34, 102] {
                assert_eq!(lang.plural(n), Plural::Few, "{lang:?} {n}");
            }
            for n in [0, 5, 11, 12, 13, 14, 19, 20, 25, 111, 112] {
                assert_eq!(lang.plural(n), Plural::Other, "{lang:?} {n}");
            }
        }
    }

    #[test]
    fn formatting_fills_the_number() {
        let p = Plurals {
            one: "{n} сообщение",
            few: "{n} сообщения",
            other: "{n} сообщений",
        };
        assert_eq!(p.format(Lang::Ru, 1), "1 сообщение");
        assert_eq!(p.format(Lang::Ru, 3), "3 сообщения");
        assert_eq!(p.format(Lang::Ru, 11), "11 сообщений");
    }
}
