//! Rate limits on the widget API: what a customer account (and, as a backstop, a whole
//! tenant) may write how often, and how many uploaded bytes it may keep. The server enforces
//! them; the console's provider screen edits them per tenant.

use serde::{Deserialize, Serialize};

use crate::{FieldError, error::FieldErrorCode};

/// A write the widget API counts against a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LimitedAction {
    Feedback,
    /// Opening a ticket (each one starts an SLA clock and queues notifications).
    Ticket,
    /// A reply, and the ticket changes a customer makes (close, reopen, rate).
    Reply,
    Upload,
    OfferEvent,
    ArticleVote,
    /// A vote on the ideas board given or taken back, "vote for this instead", and updates
    /// marked seen: each is idempotent per account, but a script toggling one writes each time.
    IdeaVote,
}

impl LimitedAction {
    pub const ALL: [Self; 7] = [
        Self::Feedback,
        Self::Ticket,
        Self::Reply,
        Self::Upload,
        Self::OfferEvent,
        Self::ArticleVote,
        Self::IdeaVote,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feedback => "feedback",
            Self::Ticket => "ticket",
            Self::Reply => "reply",
            Self::Upload => "upload",
            Self::OfferEvent => "offer_event",
            Self::ArticleVote => "article_vote",
            Self::IdeaVote => "idea_vote",
        }
    }

    /// Words for people: what the count is of.
    pub fn label(self) -> &'static str {
        match self {
            Self::Feedback => "Feedback sent",
            Self::Ticket => "Tickets opened",
            Self::Reply => "Replies and ticket changes",
            Self::Upload => "Files uploaded",
            Self::OfferEvent => "Offer views and clicks",
            Self::ArticleVote => "Article votes",
            Self::IdeaVote => "Idea votes and updates seen",
        }
    }
}

/// A token bucket: `burst` at once, refilled at `per_hour`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rate {
    pub burst: u32,
    pub per_hour: u32,
}

/// The most a rate may be: a million an hour is far past what one server takes.
pub const RATE_MAX: u32 = 1_000_000;

impl Rate {
    pub const fn new(burst: u32, per_hour: u32) -> Self {
        Self { burst, per_hour }
    }
}

/// One action's limits: per customer account, and for the whole tenant together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionLimit {
    pub action: LimitedAction,
    pub account: Rate,
    pub tenant: Rate,
}

/// A tenant's limits. A tenant nobody set limits for has [`Limits::default`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Limits {
    /// One entry per [`LimitedAction`], in [`LimitedAction::ALL`]'s order.
    pub actions: Vec<ActionLimit>,
    /// Bytes an account may have uploaded and not yet attached to a message.
    pub upload_waiting_bytes: u64,
    /// Bytes an account may upload in 24 hours.
    pub upload_daily_bytes: u64,
}

const MB: u64 = 1024 * 1024;
/// The most a byte quota may be (100 GB).
pub const BYTES_MAX: u64 = 100 * 1024 * MB;

impl Default for Limits {
    /// A customer writing by hand never meets these; a script does within a second. The
    /// tenant backstop is a hundred accounts' worth, so a few flooding accounts cannot use
    /// it up for everyone else.
    fn default() -> Self {
        let per_account = |action| match action {
            LimitedAction::Feedback => Rate::new(20, 120),
            LimitedAction::Ticket => Rate::new(10, 30),
            LimitedAction::Reply => Rate::new(30, 300),
            LimitedAction::Upload => Rate::new(20, 120),
            LimitedAction::OfferEvent => Rate::new(60, 1_200),
            LimitedAction::ArticleVote => Rate::new(20, 120),
            LimitedAction::IdeaVote => Rate::new(30, 300),
        };
        Self {
            actions: LimitedAction::ALL
                .into_iter()
                .map(|action| {
                    let a = per_account(action);
                    ActionLimit {
                        action,
                        account: a,
                        tenant: Rate::new(a.burst * 100, a.per_hour * 100),
                    }
                })
                .collect(),
            upload_waiting_bytes: 50 * MB,
            upload_daily_bytes: 500 * MB,
        }
    }
}

impl Limits {
    /// The limit of `action` (the default where a stored set lacks it).
    pub fn of(&self, action: LimitedAction) -> ActionLimit {
        self.actions
            .iter()
            .find(|a| a.action == action)
            .copied()
            .or_else(|| {
                Self::default()
                    .actions
                    .into_iter()
                    .find(|a| a.action == action)
            })
            .unwrap_or(ActionLimit {
                action,
                account: Rate::new(1, 1),
                tenant: Rate::new(1, 1),
            })
    }

    /// Checks a set a provider sends: every action once, every rate and quota at least one
    /// and at most the maxima.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for action in LimitedAction::ALL {
            let n = self.actions.iter().filter(|a| a.action == action).count();
            if n != 1 {
                errors.push(FieldError::new(
                    format!("actions.{}", action.as_str()),
                    if n == 0 {
                        FieldErrorCode::Required
                    } else {
                        FieldErrorCode::Duplicate
                    },
                    format!("Give the limit of {} once.", action.as_str()),
                ));
            }
        }
        for a in &self.actions {
            for (who, r) in [("account", a.account), ("tenant", a.tenant)] {
                for (what, v) in [("burst", r.burst), ("per_hour", r.per_hour)] {
                    if !(1..=RATE_MAX).contains(&v) {
                        errors.push(FieldError::new(
                            format!("actions.{}.{who}.{what}", a.action.as_str()),
                            FieldErrorCode::OutOfRange,
                            format!("Use a number from 1 to {RATE_MAX}."),
                        ));
                    }
                }
            }
        }
        for (field, v) in [
            ("upload_waiting_bytes", self.upload_waiting_bytes),
            ("upload_daily_bytes", self.upload_daily_bytes),
        ] {
            if !(1..=BYTES_MAX).contains(&v) {
                errors.push(FieldError::new(
                    field,
                    FieldErrorCode::OutOfRange,
                    "Use a size from 1 byte to 100 GB.",
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
    fn defaults_cover_every_action_and_are_valid() {
        let d = Limits::default();
        assert_eq!(d.actions.len(), LimitedAction::ALL.len());
        assert_eq!(d.validate(), Ok(()));
        let t = d.of(LimitedAction::Ticket);
        assert!(t.tenant.per_hour >= t.account.per_hour * 50);
    }

    #[test]
    fn a_missing_or_zero_limit_is_refused() {
        let mut l = Limits::default();
        l.actions.remove(0);
        l.actions[0].account.per_hour = 0;
        l.upload_daily_bytes = 0;
        let fields: Vec<String> = l
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert!(
            fields.contains(&"actions.feedback".to_owned()),
            "{fields:?}"
        );
        assert!(fields.contains(&"actions.ticket.account.per_hour".to_owned()));
        assert!(fields.contains(&"upload_daily_bytes".to_owned()));
        // A set lacking an action still limits it, by the default.
        assert_eq!(
            l.of(LimitedAction::Feedback),
            Limits::default().of(LimitedAction::Feedback)
        );
    }
}
