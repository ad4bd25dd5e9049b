//! What agents read about low ratings, in English, Russian and Serbian (Latin): the console's
//! badge, list, settings and figure, and the alert e-mails. Placeholders in braces
//! (`{rating}`, `{customer}`, `{number}`, `{subject}`, `{name}`) are filled by [`fill`].

use crate::{Lang, Plurals};

/// One language's texts about low ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertTexts {
    /// The navigation link and the page's title.
    pub nav: &'static str,
    /// The badge's words for screen readers ("3 unseen").
    pub unseen: Plurals,
    pub intro: &'static str,
    pub none: &'static str,
    pub loading: &'static str,
    pub col_rating: &'static str,
    pub col_what: &'static str,
    pub col_customer: &'static str,
    pub col_tenant: &'static str,
    pub col_when: &'static str,
    pub col_seen: &'static str,
    pub kind_feedback: &'static str,
    pub kind_ticket: &'static str,
    pub not_seen: &'static str,
    /// `{name}` opened it first.
    pub seen_by: &'static str,
    pub answered: &'static str,
    pub waiting: &'static str,
    // Notification settings.
    pub settings_title: &'static str,
    pub settings_hint: &'static str,
    pub emails_label: &'static str,
    pub emails_hint: &'static str,
    pub language_label: &'static str,
    pub events_legend: &'static str,
    pub events_hint: &'static str,
    pub event_ticket_created: &'static str,
    pub event_ticket_customer_reply: &'static str,
    pub event_ticket_sla_due_soon: &'static str,
    pub event_feedback_created: &'static str,
    pub event_feedback_low_rating: &'static str,
    pub event_ticket_low_rating: &'static str,
    // The numbers.
    pub numbers_count: &'static str,
    pub numbers_replied: &'static str,
    pub numbers_median: &'static str,
    pub numbers_waiting: &'static str,
    pub numbers_longest: &'static str,
    // E-mails.
    pub mail_feedback_subject: &'static str,
    pub mail_ticket_subject: &'static str,
    pub mail_feedback_intro: &'static str,
    pub mail_ticket_intro: &'static str,
    pub mail_category: &'static str,
    pub mail_comment: &'static str,
    pub mail_open_feedback: &'static str,
    pub mail_open_ticket: &'static str,
    pub mail_badge: &'static str,
}

impl AlertTexts {
    pub fn of(lang: Lang) -> &'static Self {
        match lang {
            Lang::En => &EN,
            Lang::Ru => &RU,
            Lang::SrLatn => &SR,
        }
    }

    /// The webhook event `event`'s description, if it is one of ours.
    pub fn event(&self, event: &str) -> Option<&'static str> {
        Some(match event {
            "ticket.created" => self.event_ticket_created,
            "ticket.customer_reply" => self.event_ticket_customer_reply,
            "ticket.sla_due_soon" => self.event_ticket_sla_due_soon,
            "feedback.created" => self.event_feedback_created,
            "feedback.low_rating" => self.event_feedback_low_rating,
            "ticket.low_rating" => self.event_ticket_low_rating,
            _ => return None,
        })
    }
}

/// `text` with each `{key}` replaced by its value, in one pass: a value that itself holds
/// `{subject}` (a customer may type anything) stays as typed.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match found {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

static EN: AlertTexts = AlertTexts {
    nav: "Low ratings",
    unseen: Plurals {
        one: "{n} unseen",
        few: "{n} unseen",
        other: "{n} unseen",
    },
    intro: "Suggestions and tickets rated 1 or 2 ★. Each stays unseen until someone opens what was rated.",
    none: "No low ratings in the last 30 days.",
    loading: "Loading…",
    col_rating: "Rating",
    col_what: "What was rated",
    col_customer: "Customer",
    col_tenant: "Tenant",
    col_when: "When",
    col_seen: "Seen",
    kind_feedback: "Suggestion",
    kind_ticket: "Ticket",
    not_seen: "Not seen yet",
    seen_by: "Seen by {name}",
    answered: "Answered",
    waiting: "No answer yet",
    settings_title: "Low ratings",
    settings_hint: "Suggestions and tickets rated 1 or 2 ★ are sent at once, and stay under Low ratings in the console until someone opens them.",
    emails_label: "E-mail low ratings to",
    emails_hint: "One a line, at most {max}. Empty: the addresses above.",
    language_label: "Language of low-rating e-mails",
    events_legend: "Events the webhook gets",
    events_hint: "A test always goes to the webhook.",
    event_ticket_created: "ticket.created: a new ticket",
    event_ticket_customer_reply: "ticket.customer_reply: a customer's reply",
    event_ticket_sla_due_soon: "ticket.sla_due_soon: an answer about to be late",
    event_feedback_created: "feedback.created: a new suggestion",
    event_feedback_low_rating: "feedback.low_rating: a suggestion rated 1–2 ★",
    event_ticket_low_rating: "ticket.low_rating: a resolved ticket rated 1–2 ★",
    numbers_count: "Low ratings (1–2 ★)",
    numbers_replied: "Answered",
    numbers_median: "Median time from a low rating to the first answer",
    numbers_waiting: "Still without an answer",
    numbers_longest: "Longest wait",
    mail_feedback_subject: "Low rating {rating}/5 from {customer}",
    mail_ticket_subject: "Low rating {rating}/5 on ticket #{number}: {subject}",
    mail_feedback_intro: "{customer} sent a suggestion rated {rating} of 5:",
    mail_ticket_intro: "{customer} rated the help on ticket #{number} ({subject}) {rating} of 5.",
    mail_category: "Category",
    mail_comment: "Comment",
    mail_open_feedback: "Open the suggestion:",
    mail_open_ticket: "Open the ticket:",
    mail_badge: "It stays under Low ratings in the console until someone opens it.",
};

static RU: AlertTexts = AlertTexts {
    nav: "Низкие оценки",
    unseen: Plurals {
        one: "{n} непросмотренная",
        few: "{n} непросмотренные",
        other: "{n} непросмотренных",
    },
    intro: "Предложения и обращения с оценкой 1 или 2 ★. Оценка остаётся непросмотренной, пока кто-нибудь не откроет то, что оценили.",
    none: "За последние 30 дней низких оценок нет.",
    loading: "Загрузка…",
    col_rating: "Оценка",
    col_what: "Что оценили",
    col_customer: "Клиент",
    col_tenant: "Компания",
    col_when: "Когда",
    col_seen: "Просмотрено",
    kind_feedback: "Предложение",
    kind_ticket: "Обращение",
    not_seen: "Ещё не просмотрено",
    seen_by: "Просмотрел(а) {name}",
    answered: "Есть ответ",
    waiting: "Ответа пока нет",
    settings_title: "Низкие оценки",
    settings_hint: "Предложения и обращения с оценкой 1 или 2 ★ отправляются сразу и остаются в разделе «Низкие оценки» консоли, пока кто-нибудь их не откроет.",
    emails_label: "Отправлять низкие оценки на адреса",
    emails_hint: "По одному в строке, не больше {max}. Пусто — на адреса выше.",
    language_label: "Язык писем о низких оценках",
    events_legend: "События для вебхука",
    events_hint: "Тестовое событие вебхук получает всегда.",
    event_ticket_created: "ticket.created: новое обращение",
    event_ticket_customer_reply: "ticket.customer_reply: ответ клиента",
    event_ticket_sla_due_soon: "ticket.sla_due_soon: срок ответа скоро истечёт",
    event_feedback_created: "feedback.created: новое предложение",
    event_feedback_low_rating: "feedback.low_rating: предложение с оценкой 1–2 ★",
    event_ticket_low_rating: "ticket.low_rating: решённое обращение с оценкой 1–2 ★",
    numbers_count: "Низкие оценки (1–2 ★)",
    numbers_replied: "С ответом",
    numbers_median: "Медиана времени от низкой оценки до первого ответа",
    numbers_waiting: "Всё ещё без ответа",
    numbers_longest: "Самое долгое ожидание",
    mail_feedback_subject: "Низкая оценка {rating}/5 от {customer}",
    mail_ticket_subject: "Низкая оценка {rating}/5 по обращению №{number}: {subject}",
    mail_feedback_intro: "{customer} отправил(а) предложение с оценкой {rating} из 5:",
    mail_ticket_intro: "{customer} оценил(а) помощь по обращению №{number} ({subject}) на {rating} из 5.",
    mail_category: "Тема",
    mail_comment: "Комментарий",
    mail_open_feedback: "Открыть предложение:",
    mail_open_ticket: "Открыть обращение:",
    mail_badge: "Оценка остаётся в разделе «Низкие оценки» консоли, пока кто-нибудь её не откроет.",
};

static SR: AlertTexts = AlertTexts {
    nav: "Niske ocene",
    unseen: Plurals {
        one: "{n} nepregledana",
        few: "{n} nepregledane",
        other: "{n} nepregledanih",
    },
    intro: "Predlozi i zahtevi ocenjeni sa 1 ili 2 ★. Ocena ostaje nepregledana dok neko ne otvori ono što je ocenjeno.",
    none: "Nema niskih ocena u poslednjih 30 dana.",
    loading: "Učitavanje…",
    col_rating: "Ocena",
    col_what: "Šta je ocenjeno",
    col_customer: "Korisnik",
    col_tenant: "Firma",
    col_when: "Kada",
    col_seen: "Pregledano",
    kind_feedback: "Predlog",
    kind_ticket: "Zahtev",
    not_seen: "Još nije pregledano",
    seen_by: "Pregledao/la {name}",
    answered: "Odgovoreno",
    waiting: "Još bez odgovora",
    settings_title: "Niske ocene",
    settings_hint: "Predlozi i zahtevi ocenjeni sa 1 ili 2 ★ šalju se odmah i ostaju pod „Niske ocene” u konzoli dok ih neko ne otvori.",
    emails_label: "Niske ocene slati na adrese",
    emails_hint: "Jedna po redu, najviše {max}. Prazno: na adrese iznad.",
    language_label: "Jezik mejlova o niskim ocenama",
    events_legend: "Događaji koje vebhuk prima",
    events_hint: "Test uvek ide na vebhuk.",
    event_ticket_created: "ticket.created: novi zahtev",
    event_ticket_customer_reply: "ticket.customer_reply: odgovor korisnika",
    event_ticket_sla_due_soon: "ticket.sla_due_soon: rok za odgovor uskoro ističe",
    event_feedback_created: "feedback.created: novi predlog",
    event_feedback_low_rating: "feedback.low_rating: predlog ocenjen sa 1–2 ★",
    event_ticket_low_rating: "ticket.low_rating: rešen zahtev ocenjen sa 1–2 ★",
    numbers_count: "Niske ocene (1–2 ★)",
    numbers_replied: "Odgovoreno",
    numbers_median: "Medijana vremena od niske ocene do prvog odgovora",
    numbers_waiting: "Još bez odgovora",
    numbers_longest: "Najduže čekanje",
    mail_feedback_subject: "Niska ocena {rating}/5 od korisnika {customer}",
    mail_ticket_subject: "Niska ocena {rating}/5 za zahtev #{number}: {subject}",
    mail_feedback_intro: "{customer} je poslao/la predlog sa ocenom {rating} od 5:",
    mail_ticket_intro: "{customer} je pomoć na zahtevu #{number} ({subject}) ocenio/la sa {rating} od 5.",
    mail_category: "Tema",
    mail_comment: "Komentar",
    mail_open_feedback: "Otvori predlog:",
    mail_open_ticket: "Otvori zahtev:",
    mail_badge: "Ostaje pod „Niske ocene” u konzoli dok je neko ne otvori.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::EVENTS;

    #[test]
    fn every_language_has_every_text_and_placeholder() {
        for lang in Lang::ALL {
            let t = AlertTexts::of(lang);
            let all = format!("{t:?}");
            assert!(!all.contains("\"\""), "{lang:?} has an empty text");
            for (text, keys) in [
                (t.mail_feedback_subject, &["{rating}", "{customer}"][..]),
                (
                    t.mail_ticket_subject,
                    &["{rating}", "{number}", "{subject}"],
                ),
                (t.mail_feedback_intro, &["{rating}", "{customer}"]),
                (
                    t.mail_ticket_intro,
                    &["{rating}", "{number}", "{subject}", "{customer}"],
                ),
                (t.seen_by, &["{name}"]),
                (t.emails_hint, &["{max}"]),
            ] {
                for k in keys {
                    assert!(text.contains(k), "{lang:?}: {text} lacks {k}");
                }
            }
            for e in EVENTS.iter().filter(|e| **e != crate::notify::TEST_EVENT) {
                assert!(t.event(e).is_some_and(|d| d.starts_with(e)), "{lang:?} {e}");
            }
        }
    }

    #[test]
    fn plural_badges() {
        let ru = AlertTexts::of(Lang::Ru).unseen;
        assert_eq!(ru.format(Lang::Ru, 1), "1 непросмотренная");
        assert_eq!(ru.format(Lang::Ru, 3), "3 непросмотренные");
        assert_eq!(ru.format(Lang::Ru, 5), "5 непросмотренных");
        let sr = AlertTexts::of(Lang::SrLatn).unseen;
        assert_eq!(sr.format(Lang::SrLatn, 21), "21 nepregledana");
        assert_eq!(
            fill("{a} and {a}, {b} {c}", &[("a", "{b}"), ("b", "y")]),
            "{b} and {b}, y {c}"
        );
    }
}
