//! Alerts on unhappy customers: a suggestion rated 1–2 ★, or a ticket rated 1–2 ★ once it was
//! resolved, is an alert. Agents are told at once (e-mail and webhook, see [`crate::notify`]),
//! the console shows a badge until someone has looked, and the numbers show how long a low
//! rating waits for a first answer ([`numbers`]).

pub mod numbers;
pub mod texts;

use serde::{Deserialize, Serialize};

/// The highest rating that is an alert: 1 and 2 of 5.
pub const LOW_RATING_MAX: u8 = 2;

/// Whether `rating` (1–5) is low enough to alert agents.
pub fn is_low(rating: u8) -> bool {
    (1..=LOW_RATING_MAX).contains(&rating)
}

/// What was rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// A suggestion sent with its rating.
    Feedback,
    /// A ticket rated after it was resolved.
    Ticket,
}

impl AlertKind {
    pub const ALL: [Self; 2] = [Self::Feedback, Self::Ticket];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feedback => "feedback",
            Self::Ticket => "ticket",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The console's address of the rated suggestion or ticket.
    pub fn console_path(self, id: &str) -> String {
        match self {
            Self::Feedback => crate::console::suggestion_path(id),
            Self::Ticket => crate::console::ticket_path(id),
        }
    }
}

/// Who opened what was rated first, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeenBy {
    pub agent_id: String,
    pub agent_name: String,
    /// RFC 3339.
    pub at: String,
}

/// One low rating, as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alert {
    pub kind: AlertKind,
    /// The suggestion's or the ticket's id.
    pub id: String,
    pub tenant_id: String,
    pub tenant_name: String,
    /// 1 or 2.
    pub rating: u8,
    /// The customer's name, or their account id when the host sent none.
    pub customer: String,
    /// The suggestion's message (its start), or the ticket's number and subject.
    pub title: String,
    /// When the rating came, RFC 3339.
    pub raised_at: String,
    /// `None` while nobody has opened what was rated.
    #[serde(default)]
    pub seen: Option<SeenBy>,
    /// The first answer the customer saw after the rating, RFC 3339.
    #[serde(default)]
    pub replied_at: Option<String>,
}

/// `GET /console/api/alerts`: the unseen alerts of the tenants in scope, then the ones seen
/// in the last 30 days, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertList {
    pub items: Vec<Alert>,
}

/// One tenant's unseen alerts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantUnseen {
    pub tenant_id: String,
    pub tenant_name: String,
    pub unseen: u32,
}

/// The console's badge: `GET /console/api/alerts/unseen`, and the answer to marking one seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unseen {
    /// Every tenant in scope together.
    pub unseen: u32,
    /// Every tenant in scope, those with none included.
    pub tenants: Vec<TenantUnseen>,
}

/// How many characters of a suggestion's message an alert's title keeps.
pub const TITLE_CHARS: usize = 120;

/// An alert's title from a suggestion's message: its first line's start, with "…" when cut.
pub fn title_of_message(message: &str) -> String {
    let line = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = line.trim();
    let mut title: String = line.chars().take(TITLE_CHARS).collect();
    if line.chars().count() > TITLE_CHARS || message.trim() != line {
        title.push('…');
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_and_two_are_low() {
        assert_eq!(
            (1..=5).filter(|r| is_low(*r)).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert!(!is_low(0));
    }

    #[test]
    fn kinds_and_paths() {
        for k in AlertKind::ALL {
            assert_eq!(AlertKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(AlertKind::parse("idea"), None);
        assert_eq!(AlertKind::Ticket.console_path("t1"), "/console/tickets/t1");
        assert_eq!(
            AlertKind::Feedback.console_path("f1"),
            "/console/feedback/f1"
        );
    }

    #[test]
    fn titles_keep_the_first_line() {
        assert_eq!(title_of_message("Slow panel"), "Slow panel");
        assert_eq!(title_of_message("\nSlow\nvery slow"), "Slow…");
        let long = "ж".repeat(200);
        let t = title_of_message(&long);
        assert_eq!(t.chars().count(), TITLE_CHARS + 1);
        assert!(t.ends_with('…'));
    }
}
