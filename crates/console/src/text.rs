//! Display names for wire values, and dates for people.

use panelcare_model::{FeedbackCategory, FeedbackStatus, console::Role};

pub fn status(s: FeedbackStatus) -> &'static str {
    match s {
        FeedbackStatus::New => "New",
        FeedbackStatus::UnderReview => "Under review",
        FeedbackStatus::Planned => "Planned",
        FeedbackStatus::Done => "Done",
        FeedbackStatus::Declined => "Declined",
    }
}

pub fn category(c: FeedbackCategory) -> &'static str {
    match c {
        FeedbackCategory::Idea => "Idea",
        FeedbackCategory::Problem => "Problem",
        FeedbackCategory::Praise => "Praise",
        FeedbackCategory::Other => "Other",
    }
}

pub fn role(r: Role) -> &'static str {
    match r {
        Role::ProviderAdmin => "Provider admin",
        Role::ResellerAdmin => "Reseller admin",
        Role::Agent => "Agent",
    }
}

/// `2026-11-22T18:20:00.000Z` → the browser's local date and time.
pub fn when(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (k, v) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    date.to_locale_string("en-GB", &options).into()
}

/// A language's name in itself, as the customers reading it would look for it.
pub fn language(tag: &str) -> &str {
    match panelcare_model::Lang::from_tag(tag) {
        Some(panelcare_model::Lang::En) => "English",
        Some(panelcare_model::Lang::Ru) => "Русский",
        Some(panelcare_model::Lang::SrLatn) => "Srpski (latinica)",
        None => tag,
    }
}
