//! Where a tenant's agents hear about new tickets, customer replies, answers about to be
//! late, new suggestions and low ratings: e-mail addresses and a signed webhook.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrorCode};

pub const EMAILS_MAX: usize = 20;
pub const SECRET_MIN: usize = 16;

/// Sent only when an admin asks for a test from the console; it names no ticket.
pub const TEST_EVENT: &str = "ticket.test";

/// What happened, as webhooks name it.
pub const EVENTS: [&str; 7] = [
    "ticket.created",
    "ticket.customer_reply",
    "ticket.sla_due_soon",
    "feedback.created",
    "feedback.low_rating",
    "ticket.low_rating",
    TEST_EVENT,
];

/// Every suggestion, whatever its rating: many more than the rest, so a webhook gets it only
/// once its tenant chose it.
pub const FEEDBACK_CREATED: &str = "feedback.created";

/// The events a tenant may choose for its webhook: every one but the test, which always goes.
pub fn choosable_events() -> Vec<String> {
    EVENTS
        .iter()
        .filter(|e| **e != TEST_EVENT)
        .map(|e| (*e).to_owned())
        .collect()
}

/// The events a webhook gets until its tenant chooses: all of them but [`FEEDBACK_CREATED`]
/// (so a receiver set up before suggestions were sent does not start getting every one).
pub fn default_webhook_events() -> Vec<String> {
    choosable_events()
        .into_iter()
        .filter(|e| e != FEEDBACK_CREATED)
        .collect()
}

/// The answer to `POST /console/api/tenants/{id}/notifications/test`: what was queued.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestQueued {
    /// One test e-mail to each of these addresses.
    #[serde(default)]
    pub emails: Vec<String>,
    /// The webhook URL a signed `ticket.test` delivery goes to; empty when none is set.
    #[serde(default)]
    pub webhook_url: String,
}

fn english() -> String {
    "en".into()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotifySettings {
    /// Who hears about tickets (new ones, customers' replies, answers about to be late).
    #[serde(default)]
    pub emails: Vec<String>,
    /// Who hears about low ratings (a suggestion or a resolved ticket rated 1–2 ★). Empty:
    /// [`Self::emails`].
    #[serde(default)]
    pub low_rating_emails: Vec<String>,
    /// The language of low-rating e-mails: `en`, `ru` or `sr-Latn`.
    #[serde(default = "english")]
    pub alert_language: String,
    /// `https://…`; `http://` only to this machine (127.0.0.1, localhost). Empty: no webhook.
    #[serde(default)]
    pub webhook_url: String,
    /// Signs each delivery (HMAC-SHA256). Never sent back once set: reads show it empty.
    #[serde(default)]
    pub webhook_secret: String,
    /// In answers: whether a secret is stored (the secret itself never is sent). The server
    /// ignores it in a save; an empty `webhook_secret` keeps the stored one.
    #[serde(default)]
    pub webhook_secret_set: bool,
    /// The events the webhook gets (of [`EVENTS`], the test aside, which always goes).
    /// Missing: [`default_webhook_events`].
    #[serde(default = "default_webhook_events")]
    pub webhook_events: Vec<String>,
}

impl Default for NotifySettings {
    fn default() -> Self {
        Self {
            emails: Vec::new(),
            low_rating_emails: Vec::new(),
            alert_language: english(),
            webhook_url: String::new(),
            webhook_secret: String::new(),
            webhook_secret_set: false,
            webhook_events: default_webhook_events(),
        }
    }
}

impl NotifySettings {
    /// The addresses low ratings are e-mailed to.
    pub fn low_rating_recipients(&self) -> &[String] {
        if self.low_rating_emails.is_empty() {
            &self.emails
        } else {
            &self.low_rating_emails
        }
    }

    /// Whether the webhook gets `event` (a test always).
    pub fn webhook_gets(&self, event: &str) -> bool {
        !self.webhook_url.is_empty()
            && (event == TEST_EVENT || self.webhook_events.iter().any(|e| e == event))
    }

    /// The language of low-rating e-mails (English for anything unknown).
    pub fn alert_lang(&self) -> crate::Lang {
        crate::Lang::from_tag(&self.alert_language).unwrap_or_default()
    }
}

fn looks_like_email(s: &str) -> bool {
    let mut parts = s.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && s.len() <= 254
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"'".contains(c))
        }
        _ => false,
    }
}

/// Whether `url` may receive webhooks: https anywhere, http only on this machine.
pub fn webhook_url_ok(url: &str) -> bool {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return false;
        }
        r
    } else {
        return false;
    };
    !rest.is_empty()
        && url.len() <= 2048
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Checks a list of addresses, naming the bad ones `field.{i}`.
fn check_emails(field: &str, emails: &[String], errors: &mut Vec<FieldError>) {
    if emails.len() > EMAILS_MAX {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::TooLong,
            format!("At most {EMAILS_MAX} addresses."),
        ));
    }
    for (i, e) in emails.iter().enumerate() {
        if !looks_like_email(e.trim()) {
            errors.push(FieldError::new(
                format!("{field}.{i}"),
                FieldErrorCode::InvalidType,
                "An e-mail address like support@example.com.",
            ));
        }
    }
}

impl NotifySettings {
    /// Checks every field; `secret_kept` says a secret is stored already (a save may leave
    /// the field empty to keep it).
    pub fn validate(&self, secret_kept: bool) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        check_emails("emails", &self.emails, &mut errors);
        check_emails("low_rating_emails", &self.low_rating_emails, &mut errors);
        if crate::Lang::from_tag(&self.alert_language).is_none() {
            errors.push(FieldError::new(
                "alert_language",
                FieldErrorCode::OutOfRange,
                "The language is one of en, ru, sr-Latn.",
            ));
        }
        for (i, e) in self.webhook_events.iter().enumerate() {
            if e == TEST_EVENT || !EVENTS.contains(&e.as_str()) {
                errors.push(FieldError::new(
                    format!("webhook_events.{i}"),
                    FieldErrorCode::OutOfRange,
                    format!(
                        "Unknown event {e:?}: one of {}.",
                        choosable_events().join(", ")
                    ),
                ));
            }
        }
        let url = self.webhook_url.trim();
        if !url.is_empty() {
            if !webhook_url_ok(url) {
                errors.push(FieldError::new(
                    "webhook_url",
                    FieldErrorCode::InvalidUrl,
                    "An https:// address (http:// only for 127.0.0.1 or localhost).",
                ));
            }
            let secret = self.webhook_secret.trim();
            if secret.is_empty() && !secret_kept || !secret.is_empty() && secret.len() < SECRET_MIN
            {
                errors.push(FieldError::new(
                    "webhook_secret",
                    FieldErrorCode::TooLong,
                    format!("A webhook needs a secret of at least {SECRET_MIN} characters."),
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_urls() {
        assert!(looks_like_email("support@acme.example"));
        for bad in ["", "a@b", "a b@c.de", "a@b.c@d.e", "<a@b.cd>", "@x.y"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        assert!(webhook_url_ok("https://hooks.acme.example/panelcare"));
        assert!(webhook_url_ok("http://127.0.0.1:9000/hook"));
        assert!(!webhook_url_ok("http://hooks.acme.example/"));
        assert!(!webhook_url_ok("http://127.0.0.1.evil.example/"));
        assert!(!webhook_url_ok("javascript:alert(1)"));
    }

    #[test]
    fn a_webhook_needs_a_secret() {
        let s = NotifySettings {
            webhook_url: "https://h.example/x".into(),
            ..Default::default()
        };
        assert_eq!(s.validate(false).unwrap_err()[0].field, "webhook_secret");
        assert!(s.validate(true).is_ok(), "the stored one is kept");
    }

    #[test]
    fn low_ratings_go_to_their_own_addresses_or_the_ticket_ones() {
        let mut s = NotifySettings {
            emails: vec!["desk@acme.example".into()],
            ..Default::default()
        };
        assert_eq!(s.low_rating_recipients(), ["desk@acme.example"]);
        s.low_rating_emails = vec!["boss@acme.example".into()];
        assert_eq!(s.low_rating_recipients(), ["boss@acme.example"]);
    }

    #[test]
    fn stored_settings_from_before_get_every_event_but_each_suggestion_and_english() {
        let s: NotifySettings = serde_json::from_str(
            r#"{"emails":["a@b.example"],"webhook_url":"https://h.example/x"}"#,
        )
        .expect("json");
        assert_eq!(s.webhook_events.len(), EVENTS.len() - 2);
        assert!(s.webhook_gets("feedback.low_rating") && s.webhook_gets(TEST_EVENT));
        assert!(!s.webhook_gets(FEEDBACK_CREATED));
        assert_eq!(s.alert_lang(), crate::Lang::En);
        assert_eq!(
            s,
            NotifySettings {
                emails: s.emails.clone(),
                webhook_url: s.webhook_url.clone(),
                ..Default::default()
            }
        );
    }

    #[test]
    fn events_languages_and_low_rating_addresses_are_checked() {
        let s = NotifySettings {
            low_rating_emails: vec!["nope".into()],
            alert_language: "de".into(),
            webhook_events: vec!["ticket.created".into(), TEST_EVENT.into(), "x".into()],
            ..Default::default()
        };
        let fields: Vec<String> = s
            .validate(false)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "low_rating_emails.0",
                "alert_language",
                "webhook_events.1",
                "webhook_events.2"
            ]
        );
        let quiet = NotifySettings {
            webhook_url: "https://h.example/x".into(),
            webhook_events: vec![],
            ..Default::default()
        };
        assert!(!quiet.webhook_gets("ticket.created"));
        assert!(quiet.webhook_gets(TEST_EVENT));
    }
}
