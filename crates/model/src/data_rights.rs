//! Customers' data rights: what an admin sends to erase an account, what an erase reports,
//! and a tenant's retention settings with their validation (the server enforces them, the
//! console checks before sending).

use serde::{Deserialize, Serialize};

use crate::{FieldError, error::FieldErrorCode};

/// The version of the export document's shape; raised when a field changes meaning.
pub const EXPORT_SCHEMA: u32 = 1;
/// What replaces an erased text, so reports and threads still show a row was there.
pub const ERASED: &str = "[erased]";
/// The longest retention period, in months: ten years.
pub const MAX_MONTHS: u32 = 120;
/// The longest account id a host may sign (the token check's limit).
pub const MAX_ACCOUNT_LEN: usize = 200;

/// `POST …/customers/{account}/erase`: the account id typed again, so a slip of the mouse
/// erases nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EraseRequest {
    #[serde(default)]
    pub confirm: String,
}

impl EraseRequest {
    /// Refuses a confirmation that is not exactly `account`.
    pub fn validate(&self, account: &str) -> Result<(), Vec<FieldError>> {
        if self.confirm.is_empty() {
            Err(vec![FieldError::new(
                "confirm",
                FieldErrorCode::Required,
                "Type the account id to confirm.",
            )])
        } else if self.confirm != account {
            Err(vec![FieldError::new(
                "confirm",
                FieldErrorCode::UnknownValue,
                "This is not the account id being erased.",
            )])
        } else {
            Ok(())
        }
    }
}

/// What an erase changed. A second erase of the same account finds nothing: all zeros.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Erased {
    pub feedback: u64,
    pub tickets: u64,
    pub messages: u64,
    pub attachments: u64,
    pub offer_events: u64,
    pub usage_days: u64,
    pub kb_votes: u64,
    /// Ideas the account shared (their text erased and taken off the board).
    #[serde(default)]
    pub ideas: u64,
    /// Votes on ideas (kept, under a pseudonym, so counts do not change).
    #[serde(default)]
    pub idea_votes: u64,
}

impl Erased {
    /// Whether the account had anything left to erase.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A tenant's retention: closed tickets and feedback are deleted this many months after
/// they were closed or sent. `None` keeps them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Retention {
    #[serde(default)]
    pub closed_tickets_months: Option<u32>,
    #[serde(default)]
    pub feedback_months: Option<u32>,
}

impl Retention {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let errors: Vec<FieldError> = [
            ("closed_tickets_months", self.closed_tickets_months),
            ("feedback_months", self.feedback_months),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some_and(|m| !(1..=MAX_MONTHS).contains(&m)))
        .map(|(field, _)| {
            FieldError::new(
                field,
                FieldErrorCode::OutOfRange,
                format!("Use a number of months from 1 to {MAX_MONTHS}, or leave it empty."),
            )
        })
        .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Whether the tenant deletes anything.
    pub fn is_set(&self) -> bool {
        self.closed_tickets_months.is_some() || self.feedback_months.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_out_of_range_are_named() {
        let r = Retention {
            closed_tickets_months: Some(0),
            feedback_months: Some(MAX_MONTHS + 1),
        };
        let fields: Vec<_> = r
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["closed_tickets_months", "feedback_months"]);
        assert!(Retention::default().validate().is_ok());
    }

    #[test]
    fn confirmation_must_be_the_account() {
        let e = EraseRequest {
            confirm: "a2".into(),
        };
        assert!(e.validate("a1").is_err());
        assert!(EraseRequest::default().validate("a1").is_err());
        assert!(
            EraseRequest {
                confirm: "a1".into()
            }
            .validate("a1")
            .is_ok()
        );
    }
}
