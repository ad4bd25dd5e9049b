//! Every user-facing string of the customer widget, in English, Russian and Serbian (Latin).
//!
//! It lives here rather than in the widget so the console can show an agent the text a
//! branding override replaces, and the server can refuse overrides of keys that do not exist.
//! Plain strings can be overridden per tenant and language ([`OVERRIDABLE`]); strings with
//! plural forms cannot, because an override would have to supply every form.
//!
//! Only English is compiled in everywhere. The Russian and Serbian catalogues come with the
//! `catalogues` feature (the server and the console): the widget asks the server for them
//! (`GET /api/v1/texts/{lang}`, written by [`Catalogue::entries`], read by
//! [`Catalogue::set`]), so customers who read English do not download them.

mod en;
mod lang_texts;
mod launcher;
#[cfg(feature = "catalogues")]
mod ru;
#[cfg(feature = "catalogues")]
mod sr;

pub use lang_texts::LangTexts;
pub use launcher::{LAUNCHER_KEYS, launcher_texts};

use crate::{
    FeedbackCategory, FeedbackStatus, Lang, Plurals,
    error::{ErrorCode, FieldErrorCode},
    sla::Priority,
    ticket::{Department, TicketStatus},
};

/// Declares the catalogue once, so the struct, the list of keys a tenant may override and
/// the lookup by key can never disagree.
macro_rules! catalogue {
    (
        strings { $( $(#[$sdoc:meta])* $s:ident ),* $(,)? }
        plurals { $( $(#[$pdoc:meta])* $p:ident ),* $(,)? }
    ) => {
        /// One language's strings.
        #[derive(Debug, Clone)]
        pub struct Catalogue {
            $( $(#[$sdoc])* pub $s: &'static str, )*
            $( $(#[$pdoc])* pub $p: Plurals, )*
        }

        /// The keys of the plain strings, in catalogue order: what a branding override may
        /// replace.
        pub const OVERRIDABLE: &[&str] = &[ $( stringify!($s) ),* ];

        /// The keys of the strings with plural forms, in catalogue order.
        pub const PLURAL_KEYS: &[&str] = &[ $( stringify!($p) ),* ];

        impl Catalogue {
            /// The plain string `key`, if there is one.
            pub fn get(&self, key: &str) -> Option<&'static str> {
                match key {
                    $( stringify!($s) => Some(self.$s), )*
                    _ => None,
                }
            }

            /// Where the plain string `key` is kept, to replace it. Found by position in
            /// [`OVERRIDABLE`]: a second `match` on the keys would cost the widget more.
            pub fn slot_mut(&mut self, key: &str) -> Option<&mut &'static str> {
                let i = OVERRIDABLE.iter().position(|k| *k == key)?;
                [ $( &mut self.$s ),* ].into_iter().nth(i)
            }

            /// The plural forms `key`, found the same way.
            pub fn plural(&self, key: &str) -> Option<Plurals> {
                let i = PLURAL_KEYS.iter().position(|k| *k == key)?;
                [ $( self.$p ),* ].into_iter().nth(i)
            }

            /// The plural forms `key`, to replace, found the same way.
            pub fn plural_mut(&mut self, key: &str) -> Option<&mut Plurals> {
                let i = PLURAL_KEYS.iter().position(|k| *k == key)?;
                [ $( &mut self.$p ),* ].into_iter().nth(i)
            }
        }
    };
}

catalogue! {
    strings {
        title, intro, loading,
        category_legend, category_idea, category_problem, category_praise, category_other,
        message_label, message_placeholder,
        rating_legend, rating_optional, rating_clear,
        submit, draft_saved, sent, queued,
        history_title, history_empty, history_failed, retry,
        pending_badge, pending_note, sending_badge, send_now,
        status_new, status_under_review, status_planned, status_done, status_declined,
        answer_title, your_rating,
        err_category_required, err_category_unknown, err_message_required,
        err_message_too_long, err_rating_range, err_invalid, err_forbidden_chars, err_session, err_fix_fields,
        err_generic, err_unavailable,
        powered_by,
        tickets_title, tickets_intro, tickets_new, tickets_empty, tickets_back, tickets_failed, dept_label, dept_technical, dept_billing, dept_sales, priority_label, priority_low, priority_normal, priority_high, priority_critical, subject_label, ticket_message_label, files_label, file_remove, uploading, open_ticket, first_answer_within, suggestions_title, solved_it, solved_thanks, article_close, st_open, st_awaiting_support, st_awaiting_customer, st_resolved, st_closed, answer_due, answer_late, reply_label, send_reply, close_ticket, reopen_ticket, rate_title, rate_comment, rate_send, rated_thanks, author_you, author_support, progress_badge, status_changed, notices_title, notices_hide, notices_more, notice_now, notice_planned, notice_incident, notice_maintenance, err_required, err_too_long, err_file_type, err_file_large, err_ticket_closed, err_reopen_expired,
        ticket_already_open, reply_already_sent,
        offer_label, offer_why, offer_changes, offer_now, offer_price, offer_diff, offer_upgrade_to, offer_add, offer_snooze, offer_dismiss, offer_dismissed, offer_failed, metric_disk, metric_bandwidth, metric_inodes, metric_mail_accounts, metric_databases, metric_cpu, metric_memory, why_tickets_urgent, why_tickets_recent, why_trend, upsell_intro, upsell_now,
    }
    plurals {
        chars_left, chars_over, stars, history_count, show_all,
        /// "Show 3 older tickets": the ones not on the list yet.
        tickets_older,
        /// "Hidden for 7 days": after "not now" on an offer.
        offer_snoozed,
    }
}

impl Catalogue {
    /// The language's catalogue as compiled in: English without the `catalogues` feature,
    /// where the other languages come from the server ([`Catalogue::set`]).
    pub fn of(lang: Lang) -> &'static Catalogue {
        match lang {
            #[cfg(feature = "catalogues")]
            Lang::Ru => &ru::CATALOGUE,
            #[cfg(feature = "catalogues")]
            Lang::SrLatn => &sr::CATALOGUE,
            _ => &en::CATALOGUE,
        }
    }

    /// Whether `lang`'s catalogue is compiled in (English always; the others with the
    /// `catalogues` feature), or has to come from the server.
    pub fn compiled_in(lang: Lang) -> bool {
        lang == Lang::En || cfg!(feature = "catalogues")
    }

    /// Every text as a key and its words: the plain strings by their names, each plural form
    /// as `name.one`, `name.few` and `name.other`. What the server sends for a language.
    pub fn entries(&self) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = OVERRIDABLE
            .iter()
            .filter_map(|k| Some(((*k).to_owned(), self.get(k)?)))
            .collect();
        for key in PLURAL_KEYS {
            if let Some(p) = self.plural(key) {
                out.extend([
                    (format!("{key}.one"), p.one),
                    (format!("{key}.few"), p.few),
                    (format!("{key}.other"), p.other),
                ]);
            }
        }
        out
    }

    /// Puts one text of [`Catalogue::entries`] in place; false for a key there is no such text.
    pub fn set(&mut self, key: &str, text: &'static str) -> bool {
        if let Some(slot) = self.slot_mut(key) {
            *slot = text;
            return true;
        }
        let Some((name, form)) = key.rsplit_once('.') else {
            return false;
        };
        let Some(p) = self.plural_mut(name) else {
            return false;
        };
        match form {
            "one" => p.one = text,
            "few" => p.few = text,
            "other" => p.other = text,
            _ => return false,
        }
        true
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

    pub fn department(&self, d: Department) -> &'static str {
        match d {
            Department::Technical => self.dept_technical,
            Department::Billing => self.dept_billing,
            Department::Sales => self.dept_sales,
        }
    }

    pub fn priority(&self, p: Priority) -> &'static str {
        match p {
            Priority::Low => self.priority_low,
            Priority::Normal => self.priority_normal,
            Priority::High => self.priority_high,
            Priority::Critical => self.priority_critical,
        }
    }

    /// What a metric is called next to its figures.
    pub fn metric(&self, m: crate::offers::Metric) -> &'static str {
        use crate::offers::Metric;
        match m {
            Metric::Disk => self.metric_disk,
            Metric::Bandwidth => self.metric_bandwidth,
            Metric::Inodes => self.metric_inodes,
            Metric::MailAccounts => self.metric_mail_accounts,
            Metric::Databases => self.metric_databases,
            Metric::Cpu => self.metric_cpu,
            Metric::Memory => self.metric_memory,
        }
    }

    pub fn ticket_status(&self, s: TicketStatus) -> &'static str {
        match s {
            TicketStatus::Open => self.st_open,
            TicketStatus::AwaitingSupport => self.st_awaiting_support,
            TicketStatus::AwaitingCustomer => self.st_awaiting_customer,
            TicketStatus::Resolved => self.st_resolved,
            TicketStatus::Closed => self.st_closed,
        }
    }

    /// The message shown under a field the server or the form refused.
    pub fn field_error(&self, field: &str, code: FieldErrorCode) -> &'static str {
        match (field, code) {
            (_, FieldErrorCode::ForbiddenCharacters) => self.err_forbidden_chars,
            ("category", FieldErrorCode::Required) => self.err_category_required,
            ("category", _) => self.err_category_unknown,
            ("message", FieldErrorCode::Required) => self.err_message_required,
            ("message", FieldErrorCode::TooLong) => self.err_message_too_long,
            ("rating", _) => self.err_rating_range,
            (_, FieldErrorCode::Required) => self.err_required,
            (_, FieldErrorCode::TooLong) => self.err_too_long,
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
            ErrorCode::FileTypeNotAllowed => self.err_file_type,
            ErrorCode::BodyTooLarge => self.err_file_large,
            ErrorCode::TicketClosed => self.err_ticket_closed,
            ErrorCode::ReopenExpired => self.err_reopen_expired,
            _ => self.err_generic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_and_writes_its_own_string() {
        for lang in Lang::ALL {
            let mut c = Catalogue::of(lang).clone();
            for key in OVERRIDABLE {
                assert!(c.get(key).is_some_and(|s| !s.is_empty()), "{lang:?} {key}");
                *c.slot_mut(key).unwrap() = "changed";
                assert_eq!(c.get(key), Some("changed"));
            }
        }
        assert_eq!(
            Catalogue::of(Lang::En).get("stars"),
            None,
            "plurals are not overridable"
        );
        assert_eq!(Catalogue::of(Lang::En).get("nope"), None);
    }

    #[test]
    fn entries_set_back_give_the_same_catalogue() {
        for lang in Lang::ALL {
            let ours = Catalogue::of(lang);
            let mut c = Catalogue::of(Lang::En).clone();
            let entries = ours.entries();
            assert_eq!(entries.len(), OVERRIDABLE.len() + 3 * PLURAL_KEYS.len());
            for (key, text) in entries {
                assert!(c.set(&key, text), "{lang:?} {key}");
            }
            assert_eq!(format!("{c:?}"), format!("{ours:?}"), "{lang:?}");
        }
        let mut c = Catalogue::of(Lang::En).clone();
        for key in ["nope", "stars.many", "title.one", ".one", "stars"] {
            assert!(!c.set(key, "x"), "{key}");
        }
    }

    #[cfg(feature = "catalogues")]
    #[test]
    fn translations_differ_from_english_where_they_should() {
        let en = Catalogue::of(Lang::En);
        for lang in [Lang::Ru, Lang::SrLatn] {
            let c = Catalogue::of(lang);
            assert_ne!(c.title, en.title);
            assert_ne!(c.submit, en.submit);
        }
    }
}
