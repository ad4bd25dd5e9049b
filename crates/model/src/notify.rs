//! Where a tenant's agents hear about new tickets, customer replies and answers about to be
//! late: e-mail addresses and a signed webhook.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrorCode};

pub const EMAILS_MAX: usize = 20;
pub const SECRET_MIN: usize = 16;

/// Sent only when an admin asks for a test from the console; it names no ticket.
pub const TEST_EVENT: &str = "ticket.test";

/// What happened, as webhooks name it.
pub const EVENTS: [&str; 4] = [
    "ticket.created",
    "ticket.customer_reply",
    "ticket.sla_due_soon",
    TEST_EVENT,
];

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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotifySettings {
    #[serde(default)]
    pub emails: Vec<String>,
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

impl NotifySettings {
    /// Checks every field; `secret_kept` says a secret is stored already (a save may leave
    /// the field empty to keep it).
    pub fn validate(&self, secret_kept: bool) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.emails.len() > EMAILS_MAX {
            errors.push(FieldError::new(
                "emails",
                FieldErrorCode::TooLong,
                format!("At most {EMAILS_MAX} addresses."),
            ));
        }
        for (i, e) in self.emails.iter().enumerate() {
            if !looks_like_email(e.trim()) {
                errors.push(FieldError::new(
                    format!("emails.{i}"),
                    FieldErrorCode::InvalidType,
                    "An e-mail address like support@example.com.",
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
}
