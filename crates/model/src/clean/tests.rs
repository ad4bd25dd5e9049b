//! The text hygiene rule: what is refused, removed, changed and kept.

use super::*;

/// Every character the rule refuses, one of each kind the issue names and the range ends.
const REFUSED_CHARS: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\0', '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}',
    '\u{85}', '\u{9f}',
];

/// The invisible formatting the rule removes.
const REMOVED_CHARS: &[char] = &[
    '\u{200b}', '\u{feff}', '\u{2060}', '\u{2064}', '\u{206a}', '\u{206f}', '\u{180e}', '\u{200e}',
    '\u{200f}', '\u{061c}',
];

#[test]
fn ordinary_text_stays_as_it_is() {
    for s in [
        "",
        "Site down",
        "Сайт не работает\n\tс 10:00",
        "Sajt ne radi 😀",
    ] {
        assert_eq!(text(s).as_deref(), Ok(s));
        assert_eq!(lenient(s), s);
    }
}

#[test]
fn bidi_and_controls_are_refused_and_leniently_removed() {
    for &c in REFUSED_CHARS {
        let s = format!("invoice{c}fdp.exe");
        assert_eq!(text(&s), Err(Forbidden), "{:04x}", c as u32);
        assert_eq!(lenient(&s), "invoicefdp.exe", "{:04x}", c as u32);
    }
}

#[test]
fn invisible_formatting_is_removed() {
    for &c in REMOVED_CHARS {
        let s = format!("{c}pay{c}pal{c}");
        assert_eq!(text(&s).unwrap(), "paypal", "{:04x}", c as u32);
        assert_eq!(lenient(&s), "paypal", "{:04x}", c as u32);
    }
}

#[test]
fn line_breaks_become_lf() {
    assert_eq!(text("a\r\nb\rc\n\r\nd\r").unwrap(), "a\nb\nc\n\nd\n");
    assert_eq!(lenient("a\r\nb"), "a\nb");
}

#[test]
fn joiners_that_scripts_and_emoji_need_stay() {
    for s in [
        "👨\u{200d}👩\u{200d}👧",
        "🏳\u{fe0f}\u{200d}🌈",
        "می\u{200c}خواهم",
        "क्\u{200d}ष",
    ] {
        assert_eq!(text(s).unwrap(), s);
        assert_eq!(lenient(s), s);
    }
}

#[test]
fn required_counts_after_cleaning_and_names_one_error() {
    let mut errors = Vec::new();
    assert_eq!(
        required("subject", " \u{200b}ab\u{feff} ", 2, &mut errors),
        "ab"
    );
    assert!(errors.is_empty());
    required("subject", "\u{200b}\u{200b}", 2, &mut errors);
    required("message", "a\u{202e}b", 2, &mut errors);
    let found: Vec<(&str, FieldErrorCode)> = errors.iter().map(|e| (&*e.field, e.code)).collect();
    assert_eq!(
        found,
        [
            ("subject", FieldErrorCode::Required),
            ("message", FieldErrorCode::ForbiddenCharacters)
        ]
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Text with the interesting characters much more often than chance would give them.
    fn mixed() -> impl Strategy<Value = String> {
        let special: Vec<char> = REFUSED_CHARS
            .iter()
            .chain(REMOVED_CHARS)
            .copied()
            .chain(['\r', '\n', '\t', '\u{200c}', '\u{200d}', ' '])
            .collect();
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(special),
                any::<char>(),
                prop::char::range('a', 'z'),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn only_kept(s: &str) -> bool {
        s.chars().all(|c| class(c) == Class::Keep)
    }

    proptest! {
        #[test]
        fn lenient_never_fails_and_leaves_only_kept_characters(s in mixed()) {
            let once = lenient(&s);
            prop_assert!(only_kept(&once), "{:?}", once);
            prop_assert_eq!(&lenient(&once), &once);
            prop_assert_eq!(text(&once), Ok(once.clone()));
        }

        #[test]
        fn text_is_lenient_or_refused(s in mixed()) {
            let refused = s.chars().any(|c| class(c) == Class::Refuse);
            match text(&s) {
                Ok(once) => {
                    prop_assert!(!refused);
                    prop_assert!(only_kept(&once), "{:?}", once);
                    prop_assert_eq!(&once, &lenient(&s));
                    prop_assert_eq!(text(&once), Ok(once.clone()));
                }
                Err(Forbidden) => prop_assert!(refused),
            }
        }

        #[test]
        fn required_names_one_error_or_gives_trimmed_bounded_text(s in mixed(), max in 1usize..30) {
            let mut errors = Vec::new();
            let kept = required("field", &s, max, &mut errors);
            match errors.as_slice() {
                [] => {
                    prop_assert!(only_kept(&kept), "{:?}", kept);
                    prop_assert_eq!(kept.trim(), kept.as_str());
                    prop_assert!((1..=max).contains(&kept.chars().count()));
                }
                [one] => prop_assert_eq!(one.field.as_str(), "field"),
                more => prop_assert!(false, "{:?}", more),
            }
        }

        #[test]
        fn joiners_and_ordinary_letters_survive(s in "[a-zA-Zа-яА-Я0-9 \u{200c}\u{200d}👨👩👧\n\t]{0,30}") {
            prop_assert_eq!(text(&s), Ok(s.clone()));
        }
    }
}
