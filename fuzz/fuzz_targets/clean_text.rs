//! The text rule: cleaning never panics, the lenient form passes the strict one, and
//! cleaning twice changes nothing.
#![no_main]

use panelcare_model::clean;

libfuzzer_sys::fuzz_target!(|s: &str| {
    let once = clean::lenient(s);
    assert_eq!(clean::lenient(&once), once);
    assert_eq!(clean::text(&once).ok(), Some(once.clone()));
    if let Ok(strict) = clean::text(s) {
        assert_eq!(strict, once);
    }
    let mut errors = Vec::new();
    let kept = clean::required("field", s, 100, &mut errors);
    assert!(errors.len() <= 1);
    if errors.is_empty() {
        assert!(!kept.is_empty() && kept.chars().count() <= 100);
    }
});
