//! Every user-facing string of the widget, in English, Russian and Serbian (Latin).
//!
//! Components read the catalogue of the panel's language through [`use_i18n`]; nothing
//! user-facing is written anywhere else.

mod en;
mod ru;
mod sr;

use panelcare_model::{
    FeedbackCategory, FeedbackStatus, Lang, Plurals,
    error::{ErrorCode, FieldErrorCode},
};
use yew::prelude::*;

/// One language's strings.
#[derive(Debug)]
pub struct Catalogue {
    pub title: &'static str,
    pub intro: &'static str,
    pub loading: &'static str,
    pub category_legend: &'static str,
    pub category_idea: &'static str,
    pub category_problem: &'static str,
    pub category_praise: &'static str,
    pub category_other: &'static str,
    pub message_label: &'static str,
    pub message_placeholder: &'static str,
    pub chars_left: Plurals,
    pub chars_over: Plurals,
    pub rating_legend: &'static str,
    pub rating_optional: &'static str,
    pub stars: Plurals,
    pub rating_clear: &'static str,
    pub submit: &'static str,
    pub draft_saved: &'static str,
    pub sent: &'static str,
    pub queued: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub history_count: Plurals,
    pub show_all: Plurals,
    pub history_failed: &'static str,
    pub retry: &'static str,
    pub pending_badge: &'static str,
    pub pending_note: &'static str,
    pub sending_badge: &'static str,
    pub send_now: &'static str,
    pub status_new: &'static str,
    pub status_under_review: &'static str,
    pub status_planned: &'static str,
    pub status_done: &'static str,
    pub status_declined: &'static str,
    pub answer_title: &'static str,
    pub your_rating: &'static str,
    pub err_category_required: &'static str,
    pub err_category_unknown: &'static str,
    pub err_message_required: &'static str,
    pub err_message_too_long: &'static str,
    pub err_rating_range: &'static str,
    pub err_invalid: &'static str,
    pub err_session: &'static str,
    pub err_fix_fields: &'static str,
    pub err_generic: &'static str,
    pub err_unavailable: &'static str,
    pub powered_by: &'static str,
}

impl Catalogue {
    pub fn of(lang: Lang) -> &'static Catalogue {
        match lang {
            Lang::En => &en::CATALOGUE,
            Lang::Ru => &ru::CATALOGUE,
            Lang::SrLatn => &sr::CATALOGUE,
        }
    }

    pub fn category(&self, c: FeedbackCategory) -> &'static str {
        match c {
            FeedbackCategory::Idea => self.category_idea,
            FeedbackCategory::Problem => self.category_problem,
            FeedbackCategory::Praise => self.category_praise,
            FeedbackCategory::Other => self.category_other,
        }
    }

    pub fn status(&self, s: FeedbackStatus) -> &'static str {
        match s {
            FeedbackStatus::New => self.status_new,
            FeedbackStatus::UnderReview => self.status_under_review,
            FeedbackStatus::Planned => self.status_planned,
            FeedbackStatus::Done => self.status_done,
            FeedbackStatus::Declined => self.status_declined,
        }
    }

    /// The message shown under a field the server or the form refused.
    pub fn field_error(&self, field: &str, code: FieldErrorCode) -> &'static str {
        match (field, code) {
            ("category", FieldErrorCode::Required) => self.err_category_required,
            ("category", _) => self.err_category_unknown,
            ("message", FieldErrorCode::Required) => self.err_message_required,
            ("message", FieldErrorCode::TooLong) => self.err_message_too_long,
            ("rating", _) => self.err_rating_range,
            _ => self.err_invalid,
        }
    }

    /// The message for a refusal that is not about one field.
    pub fn request_error(&self, code: ErrorCode) -> &'static str {
        match code {
            ErrorCode::MissingToken | ErrorCode::InvalidToken | ErrorCode::TokenExpired => {
                self.err_session
            }
            ErrorCode::ValidationFailed | ErrorCode::InvalidBody => self.err_fix_fields,
            _ => self.err_generic,
        }
    }
}

/// The language and catalogue components render with.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: Lang,
    pub t: &'static Catalogue,
}

/// The catalogue follows from the language: comparing it field by field would be wasted work.
impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            t: Catalogue::of(lang),
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
