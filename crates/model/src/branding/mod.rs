//! A tenant's branding: how the widget looks under a reseller's own name. Validated here so
//! the console can check as the agent types and the server refuses the same things.
//!
//! Values end up in CSS custom properties inside the widget's shadow root, so each field only
//! accepts what cannot break out of its property: colours are `#rgb`/`#rrggbb`, the font stack
//! is names and commas, the logo is an `https:` address without quotes or brackets.

mod texts;

use serde::{Deserialize, Serialize};

use crate::{
    Lang, clean,
    error::{FieldError, FieldErrorCode},
    text::{LAUNCHER_KEYS, OVERRIDABLE},
};

pub use texts::Texts;

/// Which bottom corner of the page the launcher's button sits in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LauncherSide {
    #[default]
    Right,
    Left,
}

/// Light or dark widget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "product_name": "HostCo Care",
    "logo_url": "https://cdn.example-host.com/brand/logo.svg",
    "primary": "#0b5fff",
    "accent": "#ffb400",
    "radius": 8,
    "font": "Inter, system-ui, sans-serif",
    "theme": "dark",
    "hide_powered_by": true,
    "launcher": true,
    "launcher_side": "left",
    "languages": ["en", "sr-Latn"],
    "strings": {
        "en": {"title": "Ideas and support"},
        "sr-Latn": {"title": "Predlozi i podrška"}
    }
})))]
pub struct Branding {
    /// Shown above the widget's title; empty for none.
    #[serde(default)]
    pub product_name: String,
    #[serde(default)]
    pub logo_url: String,
    /// Buttons, links, focus rings. Empty for the default.
    #[serde(default)]
    pub primary: String,
    /// Stars and highlights. Empty for the default.
    #[serde(default)]
    pub accent: String,
    /// Corner radius in pixels; `None` for the default.
    #[serde(default)]
    pub radius: Option<u8>,
    /// A CSS font stack; empty for the default.
    #[serde(default)]
    pub font: String,
    #[serde(default)]
    pub theme: Theme,
    /// Hides the "Powered by panelcare" line, so customers see only the tenant's name.
    #[serde(default)]
    pub hide_powered_by: bool,
    /// The floating launcher (a button in a bottom corner, in the primary colour, with the
    /// unread count, opening a drawer with support, feedback and ideas) on every page with the
    /// loader, for panels with no room for the widgets' boxes. A page may still turn it off
    /// (`data-launcher="off"`, `panelcare.launcher(false)`) or on.
    #[serde(default)]
    pub launcher: bool,
    #[serde(default)]
    pub launcher_side: LauncherSide,
    /// The language tags the tenant's customers may see; the first is used when the panel's
    /// language is not among them. Empty for every language we ship.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The tenant's own wording: language tag → text key (see [`OVERRIDABLE`]) → text.
    #[serde(default)]
    pub strings: Texts,
    /// The widget's focus ring colour ([`focus_ring`] of `primary` on the theme's
    /// background), worked out by the server when it sends the widget its branding, so the
    /// widget carries no colour arithmetic. Never stored or edited; empty elsewhere.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub focus: String,
}

/// Whether a tenant may reword the text `key`: the widget's plain texts and the launcher's.
pub fn overridable(key: &str) -> bool {
    OVERRIDABLE.contains(&key) || LAUNCHER_KEYS.contains(&key)
}

pub const PRODUCT_NAME_MAX: usize = 60;
pub const FONT_MAX: usize = 200;
pub const LOGO_URL_MAX: usize = 2048;
pub const RADIUS_MAX: u8 = 24;
/// Longest override of one text, in characters; our longest text is about 100.
pub const STRING_MAX: usize = 300;

/// `#rgb` or `#rrggbb`, expanded to `#rrggbb` lower case.
pub fn parse_colour(s: &str) -> Option<String> {
    let hex = s.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(hex.chars().fold(String::from("#"), |mut out, c| {
            out.push(c.to_ascii_lowercase());
            out.push(c.to_ascii_lowercase());
            out
        })),
        _ => None,
    }
}

/// WCAG 2.1 contrast ratio of two `#rrggbb`/`#rgb` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let luminance = |c: &str| -> Option<f64> {
        let hex = parse_colour(c)?;
        let channel = |i: usize| -> Option<f64> {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).ok()?) / 255.0;
            Some(if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            })
        };
        Some(0.2126 * channel(1)? + 0.7152 * channel(3)? + 0.0722 * channel(5)?)
    };
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// AA for normal text.
pub const AA_CONTRAST: f64 = 4.5;

/// WCAG 2.1 non-text contrast (1.4.11): what a focus ring needs against the background.
pub const NON_TEXT_CONTRAST: f64 = 3.0;

/// The widget's primary colour when a tenant sets none (`--pc-primary` in `widget.css`).
pub const DEFAULT_PRIMARY: &str = "#1d4ed8";

/// The rings to fall back on when the primary colour is too close to the background: one
/// of them always stands out (the widget's dark and light text colours).
const DARK_RING: &str = "#1f2937";
const LIGHT_RING: &str = "#f3f4f6";

impl Theme {
    /// The widget's background in this theme (`--pc-bg` in `widget.css`).
    pub fn background(self) -> &'static str {
        match self {
            Theme::Light => "#ffffff",
            Theme::Dark => "#111827",
        }
    }
}

/// The focus ring's colour for `primary` on `background`: the primary where it stands out
/// at least 3:1, as the ring is the only sign of where keyboard focus is; otherwise the dark
/// or the light ring, whichever stands out more. A colour that cannot be read gets the
/// fallback too, so no tenant's setting can hide the ring.
pub fn focus_ring(primary: &str, background: &str) -> String {
    if contrast(primary, background).is_some_and(|r| r >= NON_TEXT_CONTRAST) {
        return parse_colour(primary).unwrap_or_else(|| primary.to_owned());
    }
    let on = |ring: &str| contrast(ring, background).unwrap_or(0.0);
    if on(DARK_RING) >= on(LIGHT_RING) {
        DARK_RING.into()
    } else {
        LIGHT_RING.into()
    }
}

impl Branding {
    /// The primary colour in use: the tenant's, or ours when it sets none.
    pub fn primary_or_default(&self) -> &str {
        if self.primary.is_empty() {
            DEFAULT_PRIMARY
        } else {
            &self.primary
        }
    }

    /// The focus ring's colour on this branding's background (see [`focus_ring`]).
    pub fn focus_ring(&self) -> String {
        focus_ring(self.primary_or_default(), self.theme.background())
    }

    /// The language to show when the panel asks for `wanted`: it, if the tenant offers it;
    /// otherwise the tenant's first language (English when the list is empty or unreadable).
    pub fn pick_lang(&self, wanted: Lang) -> Lang {
        if self.languages.is_empty() || self.languages.iter().any(|t| t == wanted.tag()) {
            return wanted;
        }
        self.languages
            .first()
            .and_then(|t| Lang::from_tag(t))
            .unwrap_or_default()
    }

    /// The tenant's texts for `lang`, as (key, text) pairs.
    pub fn texts(&self, lang: Lang) -> impl Iterator<Item = (&str, &str)> {
        self.strings.of(lang)
    }

    /// `languages` and `strings`: known tags, no repeats, known keys, texts that fit.
    /// Empty texts are dropped, so clearing a field in the console restores our wording.
    fn validate_texts(&self, out: &mut Branding, errors: &mut Vec<FieldError>) {
        out.languages.clear();
        for tag in &self.languages {
            if Lang::from_tag(tag).is_none() {
                errors.push(FieldError::new(
                    "languages",
                    FieldErrorCode::UnknownValue,
                    format!("“{tag}” is not a language the widget speaks (en, ru, sr-Latn)."),
                ));
            } else if out.languages.contains(tag) {
                errors.push(FieldError::new(
                    "languages",
                    FieldErrorCode::Duplicate,
                    format!("“{tag}” is listed twice."),
                ));
            } else {
                out.languages.push(tag.clone());
            }
        }
        out.strings = Texts::default();
        for (tag, texts) in &self.strings.0 {
            if Lang::from_tag(tag).is_none() {
                errors.push(FieldError::new(
                    format!("strings.{tag}"),
                    FieldErrorCode::UnknownValue,
                    format!("“{tag}” is not a language the widget speaks (en, ru, sr-Latn)."),
                ));
                continue;
            }
            let mut kept = Vec::new();
            for (key, text) in texts {
                let field = format!("strings.{tag}.{key}");
                let cleaned = clean::text(text);
                let text = cleaned.as_deref().map_or("", str::trim);
                if !overridable(key) {
                    errors.push(FieldError::new(
                        field,
                        FieldErrorCode::UnknownValue,
                        format!("The widget has no text called “{key}”."),
                    ));
                } else if let Err(e) = &cleaned {
                    errors.push(e.on(&field));
                } else if text.chars().count() > STRING_MAX {
                    errors.push(FieldError::new(
                        field,
                        FieldErrorCode::TooLong,
                        format!("At most {STRING_MAX} characters."),
                    ));
                } else if text.chars().any(char::is_control) {
                    errors.push(FieldError::new(
                        field,
                        FieldErrorCode::InvalidType,
                        "A text is one line without control characters.",
                    ));
                } else if !text.is_empty() {
                    kept.push((key.clone(), text.to_owned()));
                }
            }
            kept.sort();
            kept.dedup_by(|a, b| a.0 == b.0);
            if !kept.is_empty() {
                out.strings.0.push((tag.clone(), kept));
            }
        }
    }

    /// Checks every field; returns the branding with colours normalised, or all problems.
    pub fn validate(&self) -> Result<Branding, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut out = self.clone();
        // Derived for the widget on the way out, never kept.
        out.focus.clear();
        self.validate_texts(&mut out, &mut errors);
        match clean::text(&self.product_name) {
            Ok(name) => out.product_name = name.trim().to_owned(),
            Err(e) => errors.push(e.on("product_name")),
        }
        if out.product_name.chars().count() > PRODUCT_NAME_MAX {
            errors.push(FieldError::new(
                "product_name",
                FieldErrorCode::TooLong,
                format!("At most {PRODUCT_NAME_MAX} characters."),
            ));
        }
        for (field, value, target) in [
            ("primary", &self.primary, &mut out.primary),
            ("accent", &self.accent, &mut out.accent),
        ] {
            let v = value.trim();
            if v.is_empty() {
                target.clear();
            } else if let Some(c) = parse_colour(v) {
                *target = c;
            } else {
                errors.push(FieldError::new(
                    field,
                    FieldErrorCode::InvalidType,
                    "A colour is written #rgb or #rrggbb, for example #1d4ed8.",
                ));
            }
        }
        out.logo_url = self.logo_url.trim().to_owned();
        let logo = &out.logo_url;
        let logo_ok = logo.is_empty()
            || (logo.len() <= LOGO_URL_MAX
                && logo
                    .strip_prefix("https://")
                    .is_some_and(|rest| !rest.is_empty())
                && !logo
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"'()<>\\`".contains(c)));
        if !logo_ok {
            errors.push(FieldError::new(
                "logo_url",
                FieldErrorCode::InvalidUrl,
                "The logo must be an https:// address.",
            ));
        }
        out.font = self.font.trim().to_owned();
        let font_ok = out.font.len() <= FONT_MAX
            && out
                .font
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " ,-".contains(c));
        if !font_ok {
            errors.push(FieldError::new(
                "font",
                FieldErrorCode::InvalidType,
                "A font stack is font names separated by commas, e.g. Inter, Arial, sans-serif.",
            ));
        }
        if self.radius.is_some_and(|r| r > RADIUS_MAX) {
            errors.push(FieldError::new(
                "radius",
                FieldErrorCode::OutOfRange,
                format!("The corner radius is 0 to {RADIUS_MAX} pixels."),
            ));
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Catalogue;

    #[test]
    fn colours_are_hex_only() {
        assert_eq!(parse_colour("#1D4ED8").as_deref(), Some("#1d4ed8"));
        assert_eq!(parse_colour("#0af").as_deref(), Some("#00aaff"));
        for bad in [
            "red",
            "#12345",
            "#ggg",
            "1d4ed8",
            "#fff;background:url(x)",
            "",
            "#",
        ] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag() {
        let white_black = contrast("#ffffff", "#000000").unwrap();
        assert!((white_black - 21.0).abs() < 0.01);
        assert!((contrast("#777777", "#ffffff").unwrap() - 4.48).abs() < 0.01);
        assert!(contrast("#1d4ed8", "#ffffff").unwrap() > AA_CONTRAST);
        assert_eq!(contrast("nope", "#fff"), None);
    }

    #[test]
    fn the_focus_ring_stands_out_whatever_the_primary_colour() {
        let pale_yellow = "#fef9c3";
        let navy = "#0b1f4d";
        for (primary, theme) in [
            (pale_yellow, Theme::Light),
            (navy, Theme::Dark),
            (pale_yellow, Theme::Dark),
            (navy, Theme::Light),
            (DEFAULT_PRIMARY, Theme::Dark),
            ("not a colour", Theme::Light),
        ] {
            let b = Branding {
                primary: primary.into(),
                theme,
                ..Default::default()
            };
            let ring = b.focus_ring();
            let r = contrast(&ring, theme.background()).unwrap();
            assert!(
                r >= NON_TEXT_CONTRAST,
                "{primary} on {theme:?}: {ring} is {r:.2}:1"
            );
        }
        // A primary that stands out is the ring itself, so the widget keeps its look.
        assert_eq!(focus_ring(navy, "#ffffff"), navy);
        assert_eq!(focus_ring(pale_yellow, "#111827"), pale_yellow);
        // Too pale on white, too dark on the dark theme: the fallback rings.
        assert_eq!(focus_ring(pale_yellow, "#ffffff"), DARK_RING);
        assert_eq!(focus_ring(navy, "#111827"), LIGHT_RING);
    }

    #[test]
    fn injection_through_any_field_is_refused() {
        let attacks = [
            Branding {
                primary: "#fff; } :host { display:none".into(),
                ..Default::default()
            },
            Branding {
                accent: "red".into(),
                ..Default::default()
            },
            Branding {
                font: "Arial; background: url(https://evil)".into(),
                ..Default::default()
            },
            Branding {
                font: "\"Comic Sans\"".into(),
                ..Default::default()
            },
            Branding {
                logo_url: "javascript:alert(1)".into(),
                ..Default::default()
            },
            Branding {
                logo_url: "http://cdn.example/logo.png".into(),
                ..Default::default()
            },
            Branding {
                logo_url: "https://x/\");background:url(".into(),
                ..Default::default()
            },
            Branding {
                radius: Some(200),
                ..Default::default()
            },
            Branding {
                product_name: "x".repeat(61),
                ..Default::default()
            },
            Branding {
                product_name: "Host\u{202e}ing".into(),
                ..Default::default()
            },
        ];
        for b in attacks {
            assert!(b.validate().is_err(), "{b:?}");
        }
    }

    #[test]
    fn texts_are_checked_and_empty_ones_dropped() {
        let mut b = Branding {
            languages: vec!["sr-Latn".into(), "en".into()],
            ..Default::default()
        };
        b.strings.0.push((
            "en".into(),
            vec![
                ("title".into(), "  Ideas for\u{200b} BlueFox ".into()),
                ("submit".into(), "   ".into()),
            ],
        ));
        let v = b.validate().unwrap();
        assert_eq!(v.strings.get(Lang::En, "title"), Some("Ideas for BlueFox"));
        assert_eq!(v.strings.get(Lang::En, "submit"), None);

        for (tag, key, text) in [
            ("de", "title", "Hallo"),
            ("en", "no_such_key", "x"),
            ("en", "stars", "x"),
            ("en", "title", "line\nbreak"),
            ("en", "title", "Ideas\u{2066}"),
        ] {
            let mut bad = Branding::default();
            bad.strings
                .0
                .push((tag.into(), vec![(key.into(), text.to_owned())]));
            assert!(bad.validate().is_err(), "{tag} {key}");
        }
        let mut long = Branding::default();
        long.strings.0.push((
            "ru".into(),
            vec![("intro".into(), "я".repeat(STRING_MAX + 1))],
        ));
        let errors = long.validate().unwrap_err();
        assert_eq!(errors[0].field, "strings.ru.intro");
        assert_eq!(errors[0].code, FieldErrorCode::TooLong);

        for langs in [vec!["en", "en"], vec!["fr"]] {
            let bad = Branding {
                languages: langs.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            };
            assert!(bad.validate().is_err(), "{langs:?}");
        }
    }

    #[test]
    fn the_tenants_languages_decide_what_customers_see() {
        let all = Branding::default();
        assert_eq!(all.pick_lang(Lang::Ru), Lang::Ru);
        let bluefox = Branding {
            languages: vec!["sr-Latn".into(), "en".into()],
            ..Default::default()
        };
        assert_eq!(bluefox.pick_lang(Lang::En), Lang::En);
        assert_eq!(bluefox.pick_lang(Lang::Ru), Lang::SrLatn);
        assert!(Catalogue::of(Lang::SrLatn).get("title").is_some());
    }

    #[test]
    fn good_branding_is_normalised() {
        let b = Branding {
            product_name: "  BlueFox Care ".into(),
            primary: "#0A7".into(),
            font: "Inter, Arial, sans-serif".into(),
            logo_url: "https://cdn.bluefox.example/logo.svg".into(),
            radius: Some(12),
            ..Default::default()
        };
        let v = b.validate().unwrap();
        assert_eq!(v.product_name, "BlueFox Care");
        assert_eq!(v.primary, "#00aa77");
        assert_eq!(Branding::default().validate().unwrap(), Branding::default());
    }
}
