//! The checks a new ticket, a reply and a rating pass, on both sides of the wire.

use super::{
    ATTACHMENTS_MAX, BODY_MAX_CHARS, Department, NewRating, NewReply, NewTicket,
    RATING_COMMENT_MAX_CHARS, SUBJECT_MAX_CHARS,
};
use crate::{
    clean,
    error::{FieldError, FieldErrorCode},
    sla::Priority,
};

/// A [`NewTicket`] that passed [`NewTicket::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTicket {
    pub department: Department,
    pub priority: Priority,
    pub subject: String,
    pub message: String,
    pub attachments: Vec<String>,
}

/// A [`NewReply`] that passed [`NewReply::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReply {
    pub message: String,
    pub attachments: Vec<String>,
}

/// At most [`ATTACHMENTS_MAX`] distinct ids.
fn attachments(ids: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    if out.len() > ATTACHMENTS_MAX {
        errors.push(FieldError::new(
            "attachments",
            FieldErrorCode::TooLong,
            crate::message!("At most {ATTACHMENTS_MAX} files on one message."),
        ));
    }
    out
}

/// One of `parse`'s values, required.
fn choice<T>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    names: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let parsed = parse(value);
    if value.is_empty() {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::Required,
            "Choose one.",
        ));
    } else if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::UnknownValue,
            crate::message!("Choose one of: {names}."),
        ));
    }
    parsed
}

impl NewTicket {
    /// Checks every field and reports all problems at once. Whether the department is one
    /// the tenant offers is the server's check.
    pub fn validate(&self) -> Result<ValidTicket, Vec<FieldError>> {
        let mut errors = Vec::new();
        let department = choice(
            "department",
            &self.department,
            Department::parse,
            "technical, billing, sales",
            &mut errors,
        );
        let priority = choice(
            "priority",
            &self.priority,
            Priority::parse,
            "low, normal, high, critical",
            &mut errors,
        );
        let subject = clean::required("subject", &self.subject, SUBJECT_MAX_CHARS, &mut errors);
        if subject.contains(['\n', '\r']) {
            errors.push(FieldError::new(
                "subject",
                FieldErrorCode::InvalidType,
                "A subject is one line.",
            ));
        }
        let message = clean::required("message", &self.message, BODY_MAX_CHARS, &mut errors);
        let attachments = attachments(&self.attachments, &mut errors);
        match (department, priority, errors.is_empty()) {
            (Some(department), Some(priority), true) => Ok(ValidTicket {
                department,
                priority,
                subject,
                message,
                attachments,
            }),
            _ => Err(errors),
        }
    }
}

impl NewReply {
    pub fn validate(&self) -> Result<ValidReply, Vec<FieldError>> {
        let mut errors = Vec::new();
        let message = clean::required("message", &self.message, BODY_MAX_CHARS, &mut errors);
        let attachments = attachments(&self.attachments, &mut errors);
        if errors.is_empty() {
            Ok(ValidReply {
                message,
                attachments,
            })
        } else {
            Err(errors)
        }
    }
}

impl NewRating {
    /// The rating (1–5) and the trimmed comment (may be empty).
    pub fn validate(&self) -> Result<(u8, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let rating = match self.rating {
            Some(r @ 1..=5) => Some(r as u8),
            None => {
                errors.push(FieldError::new(
                    "rating",
                    FieldErrorCode::Required,
                    "Choose 1 to 5 stars.",
                ));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(
                    "rating",
                    FieldErrorCode::OutOfRange,
                    "A rating is a whole number from 1 to 5.",
                ));
                None
            }
        };
        let comment = match clean::text(&self.comment) {
            Ok(c) => c.trim().to_owned(),
            Err(e) => {
                errors.push(e.on("comment"));
                String::new()
            }
        };
        if comment.chars().count() > RATING_COMMENT_MAX_CHARS {
            errors.push(FieldError::new(
                "comment",
                FieldErrorCode::TooLong,
                crate::message!("At most {RATING_COMMENT_MAX_CHARS} characters."),
            ));
        }
        match (rating, errors.is_empty()) {
            (Some(r), true) => Ok((r, comment)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> NewTicket {
        NewTicket {
            department: "technical".into(),
            priority: "critical".into(),
            subject: "  Site down  ".into(),
            message: "Since 10:00 every page is a 503.".into(),
            attachments: vec!["a".into(), "a".into(), "b".into()],
        }
    }

    #[test]
    fn a_good_ticket_is_trimmed_and_deduplicated() {
        let v = good().validate().unwrap();
        assert_eq!(v.subject, "Site down");
        assert_eq!(v.priority, Priority::Critical);
        assert_eq!(v.attachments, ["a", "b"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = NewTicket {
            department: "legal".into(),
            priority: String::new(),
            subject: "x".repeat(SUBJECT_MAX_CHARS + 1),
            message: "   ".into(),
            attachments: (0..6).map(|i| i.to_string()).collect(),
        };
        let fields: Vec<(String, FieldErrorCode)> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("department".into(), FieldErrorCode::UnknownValue),
                ("priority".into(), FieldErrorCode::Required),
                ("subject".into(), FieldErrorCode::TooLong),
                ("message".into(), FieldErrorCode::Required),
                ("attachments".into(), FieldErrorCode::TooLong),
            ]
        );
        let two_lines = NewTicket {
            subject: "a\nb".into(),
            ..good()
        };
        assert_eq!(two_lines.validate().unwrap_err()[0].field, "subject");
    }

    #[test]
    fn replies_and_ratings() {
        assert!(NewReply::default().validate().is_err());
        let long = NewReply {
            message: "я".repeat(BODY_MAX_CHARS + 1),
            ..Default::default()
        };
        assert_eq!(
            long.validate().unwrap_err()[0].code,
            FieldErrorCode::TooLong
        );
        let ok = NewRating {
            rating: Some(5),
            comment: " quick! ".into(),
        };
        assert_eq!(ok.validate().unwrap(), (5, "quick!".to_owned()));
        for r in [None, Some(0), Some(6), Some(-1)] {
            let bad = NewRating {
                rating: r,
                comment: String::new(),
            };
            assert!(bad.validate().is_err(), "{r:?}");
        }
    }

    #[test]
    fn the_text_hygiene_rule_applies_to_every_text() {
        let bad = NewTicket {
            subject: "Invoice \u{2066}overdue".into(),
            message: "bell\u{7}".into(),
            ..good()
        };
        let codes: Vec<_> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("subject".into(), FieldErrorCode::ForbiddenCharacters),
                ("message".into(), FieldErrorCode::ForbiddenCharacters),
            ]
        );
        let cleaned = NewTicket {
            subject: "Site\u{200b} down".into(),
            message: "line\r\nline".into(),
            ..good()
        };
        let v = cleaned.validate().unwrap();
        assert_eq!((&*v.subject, &*v.message), ("Site down", "line\nline"));
        let reply = NewReply {
            message: "\u{1b}[2J".into(),
            ..Default::default()
        };
        assert_eq!(
            reply.validate().unwrap_err()[0].code,
            FieldErrorCode::ForbiddenCharacters
        );
        let rating = NewRating {
            rating: Some(5),
            comment: "\u{202e}".into(),
        };
        assert_eq!(rating.validate().unwrap_err()[0].field, "comment");
    }
}
