//! Validation rules for new feedback.

use super::*;

fn new(category: &str, message: &str) -> NewFeedback {
    NewFeedback {
        category: category.into(),
        message: message.into(),
        rating: None,
        page: None,
        #[cfg(not(target_arch = "wasm32"))]
        share: false,
    }
}

fn codes(errors: &[FieldError]) -> Vec<(&str, FieldErrorCode)> {
    errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
}

#[test]
fn accepts_a_good_suggestion_and_trims_it() {
    let mut f = new("idea", "  Add a dark theme  ");
    f.rating = Some(5);
    let v = f.validate().expect("valid");
    assert_eq!(v.category, FeedbackCategory::Idea);
    assert_eq!(v.message, "Add a dark theme");
    assert_eq!(v.rating, Some(5));
}

#[test]
fn empty_and_whitespace_messages_are_required_errors() {
    for msg in ["", "   \n\t "] {
        let errs = new("idea", msg).validate().unwrap_err();
        assert_eq!(codes(&errs), vec![("message", FieldErrorCode::Required)]);
    }
}

#[test]
fn message_limit_counts_characters_not_bytes() {
    let at_limit = "ж".repeat(MESSAGE_MAX_CHARS);
    assert!(new("other", &at_limit).validate().is_ok());
    let over = "ж".repeat(MESSAGE_MAX_CHARS + 1);
    let errs = new("other", &over).validate().unwrap_err();
    assert_eq!(codes(&errs), vec![("message", FieldErrorCode::TooLong)]);
}

#[test]
fn unknown_and_missing_categories() {
    let errs = new("bug", "x").validate().unwrap_err();
    assert_eq!(
        codes(&errs),
        vec![("category", FieldErrorCode::UnknownCategory)]
    );
    let errs = new("", "x").validate().unwrap_err();
    assert_eq!(codes(&errs), vec![("category", FieldErrorCode::Required)]);
    // Case matters: the wire format is lower case.
    assert!(new("Idea", "x").validate().is_err());
}

#[test]
fn rating_must_be_one_to_five() {
    for bad in [0, 6, -1, i64::MAX] {
        let mut f = new("praise", "ok");
        f.rating = Some(bad);
        assert_eq!(
            codes(&f.validate().unwrap_err()),
            vec![("rating", FieldErrorCode::OutOfRange)]
        );
    }
    for good in 1..=5 {
        let mut f = new("praise", "ok");
        f.rating = Some(good);
        assert_eq!(f.validate().expect("valid").rating, Some(good as u8));
    }
}

#[test]
fn all_problems_are_reported_together() {
    let f = NewFeedback {
        category: "x".into(),
        message: "".into(),
        rating: Some(9),
        page: None,
        #[cfg(not(target_arch = "wasm32"))]
        share: false,
    };
    let errs = f.validate().unwrap_err();
    assert_eq!(
        codes(&errs),
        vec![
            ("category", FieldErrorCode::UnknownCategory),
            ("message", FieldErrorCode::Required),
            ("rating", FieldErrorCode::OutOfRange),
        ]
    );
}

#[test]
fn page_addresses_lose_query_fragment_and_cpanel_session() {
    assert_eq!(
        clean_page_url(
            "https://panel.example:2083/cpsess8837261/frontend/jupiter/index.html?x=1#t"
        )
        .as_deref(),
        Some("https://panel.example:2083/cpsess/frontend/jupiter/index.html")
    );
    assert_eq!(clean_page_url("http://h/").as_deref(), Some("http://h/"));
    assert_eq!(clean_page_url("https://h").as_deref(), Some("https://h"));
    // A segment that only looks similar stays.
    assert_eq!(
        clean_page_url("https://h/cpsessions").as_deref(),
        Some("https://h/cpsessions")
    );
    for bad in [
        "javascript:alert(1)",
        "ftp://h/",
        "https://",
        "https://u@h/",
        "/relative",
    ] {
        assert_eq!(clean_page_url(bad), None, "{bad}");
    }
}

#[test]
fn page_errors_are_field_errors() {
    let mut f = new("idea", "x");
    f.page = Some("javascript:alert(1)".into());
    assert_eq!(
        codes(&f.validate().unwrap_err()),
        vec![("page", FieldErrorCode::InvalidUrl)]
    );
    f.page = Some(format!("https://h/{}", "a".repeat(PAGE_MAX_CHARS)));
    assert_eq!(
        codes(&f.validate().unwrap_err()),
        vec![("page", FieldErrorCode::TooLong)]
    );
    f.page = Some("   ".into());
    assert_eq!(f.validate().expect("blank page is no page").page, None);
}

#[test]
fn wire_names_are_snake_case_and_unknown_codes_do_not_break_old_clients() {
    use crate::error::{ErrorBody, ErrorCode};
    let json = serde_json::to_string(&FeedbackStatus::UnderReview).unwrap();
    assert_eq!(json, "\"under_review\"");
    let body: ErrorBody =
        serde_json::from_str(r#"{"error":{"code":"brand_new_code","message":"m"}}"#).unwrap();
    assert_eq!(body.error.code, ErrorCode::Unknown);
    for c in FeedbackStatus::ALL {
        assert_eq!(FeedbackStatus::parse(c.as_str()), Some(c));
    }
}

#[test]
fn the_text_hygiene_rule_applies_to_the_message() {
    let refused = new("idea", "fine\u{202e}txt.exe");
    assert_eq!(
        codes(&refused.validate().unwrap_err()),
        [("message", FieldErrorCode::ForbiddenCharacters)]
    );
    let cleaned = new("idea", "\u{200b}dark\r\ntheme\u{feff}")
        .validate()
        .unwrap();
    assert_eq!(cleaned.message, "dark\ntheme");
    // Only invisible characters: nothing is left, so it is the usual "required".
    assert_eq!(
        codes(&new("idea", "\u{200b}").validate().unwrap_err()),
        [("message", FieldErrorCode::Required)]
    );
}
