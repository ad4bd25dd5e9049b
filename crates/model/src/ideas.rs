//! The ideas board: suggestions a customer chose to share, which the other customers of the
//! same tenant read and vote on, and which agents moderate, answer, merge and ship.
//!
//! An idea is born from a suggestion (`NewFeedback::share`) and keeps a link to it; the
//! suggestion itself stays private to its author whatever happens to the idea.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrorCode};

/// Longest idea title, in characters.
pub const TITLE_MAX_CHARS: usize = 120;
/// Longest idea text (a suggestion's message can be this long too).
pub const BODY_MAX_CHARS: usize = crate::feedback::MESSAGE_MAX_CHARS;
/// Longest public answer.
pub const ANSWER_MAX_CHARS: usize = 4000;

/// Where the provider is with an idea; everyone who sees the idea sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    /// Published, nothing decided yet.
    Open,
    UnderReview,
    Planned,
    InProgress,
    Shipped,
    Declined,
}

impl IdeaStatus {
    pub const ALL: [Self; 6] = [
        Self::Open,
        Self::UnderReview,
        Self::Planned,
        Self::InProgress,
        Self::Shipped,
        Self::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::UnderReview => "under_review",
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Shipped => "shipped",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who can see an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaVisibility {
    /// Waiting for an agent to publish it (the tenant moderates new ideas); agents only.
    Pending,
    /// On the board.
    Published,
    /// Taken off the board by an agent; agents only.
    Hidden,
    /// Folded into another idea, which has its votes now; agents only.
    Merged,
}

impl IdeaVisibility {
    pub const ALL: [Self; 4] = [Self::Pending, Self::Published, Self::Hidden, Self::Merged];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Published => "published",
            Self::Hidden => "hidden",
            Self::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How the board names an idea's author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthorDisplay {
    /// First name and the initial of the last: "Alice S.".
    #[default]
    FirstName,
    /// Not at all.
    Hidden,
}

impl AuthorDisplay {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstName => "first_name",
            Self::Hidden => "hidden",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::FirstName, Self::Hidden]
            .into_iter()
            .find(|c| c.as_str() == s)
    }

    /// How `full_name` shows on the board: "Alice Smith" → "Alice S.", "Alice" → "Alice";
    /// `None` when hidden or there is no name.
    pub fn show(self, full_name: Option<&str>) -> Option<String> {
        if self == Self::Hidden {
            return None;
        }
        let mut words = full_name?.split_whitespace();
        let first = words.next()?;
        Some(match words.last().and_then(|l| l.chars().next()) {
            Some(initial) => format!("{first} {initial}."),
            None => first.to_owned(),
        })
    }
}

/// A tenant's board: `GET|PUT /console/api/tenants/{id}/ideas` (admins), and what the widget
/// reads at `GET /api/v1/ideas/board`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "board": true, "moderated": true, "authors": "first_name"
})))]
pub struct IdeaSettings {
    /// Whether the tenant's customers have an ideas board. Off by default.
    #[serde(default)]
    pub board: bool,
    /// Whether a new idea waits for an agent to publish it.
    #[serde(default = "yes")]
    pub moderated: bool,
    #[serde(default)]
    pub authors: AuthorDisplay,
}

fn yes() -> bool {
    true
}

/// An idea as a customer sees it on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "4a0c6d0e-5d3e-4f57-9d7e-0b1f3c2a9e11",
    "title": "One-click staging copy of a WordPress site",
    "body": "A one-click staging copy of my WordPress site would save me hours.",
    "status": "planned",
    "answer": "Planned for the spring release.",
    "votes": 42,
    "voted": true,
    "mine": false,
    "author": "Alice S.",
    "created_at": "2026-11-18T16:42:07.412Z",
    "status_at": "2026-11-20T09:15:00Z"
})))]
pub struct Idea {
    pub id: String,
    pub title: String,
    pub body: String,
    pub status: IdeaStatus,
    /// The provider's public answer.
    #[serde(default)]
    pub answer: Option<String>,
    pub votes: i64,
    /// Whether the caller voted for it.
    pub voted: bool,
    /// Whether the caller wrote it.
    pub mine: bool,
    /// As the tenant's settings show authors; `None` when hidden.
    #[serde(default)]
    pub author: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// When the status last changed (RFC 3339); the changelog's date for shipped ideas.
    #[serde(default)]
    pub status_at: Option<String>,
}

/// Which ideas a board list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaView {
    /// Most votes first (shipped and declined ideas left out).
    #[default]
    Top,
    /// Newest first (shipped and declined left out).
    New,
    /// Planned and in progress, most votes first.
    Planned,
    /// The changelog: shipped ideas, most recently shipped first.
    Shipped,
    /// The ideas the caller voted for.
    Mine,
}

impl IdeaView {
    pub const ALL: [Self; 5] = [
        Self::Top,
        Self::New,
        Self::Planned,
        Self::Shipped,
        Self::Mine,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Top => "top",
            Self::New => "new",
            Self::Planned => "planned",
            Self::Shipped => "shipped",
            Self::Mine => "mine",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// `GET /api/v1/ideas?view=`, and `GET /api/v1/ideas/similar?q=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaList {
    pub items: Vec<Idea>,
}

/// What happened to an idea the customer voted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaNewsKind {
    /// Its status changed (to `status`).
    Status,
    /// It was merged into another idea (`into`), which has the customer's vote now.
    Merged,
}

/// One update the customer has not seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaUpdate {
    pub id: String,
    pub kind: IdeaNewsKind,
    /// The idea the customer voted for.
    pub idea_id: String,
    pub title: String,
    /// The new status (for `status`).
    #[serde(default)]
    pub status: Option<IdeaStatus>,
    /// The idea it became part of (for `merged`).
    #[serde(default)]
    pub into_id: Option<String>,
    #[serde(default)]
    pub into_title: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// `GET /api/v1/ideas/news`: updates not seen yet, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaNews {
    pub items: Vec<IdeaUpdate>,
}

/// An idea as agents see it in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuedIdea {
    pub id: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub title: String,
    pub body: String,
    pub visibility: IdeaVisibility,
    pub status: IdeaStatus,
    #[serde(default)]
    pub answer: Option<String>,
    pub votes: i64,
    /// What the voters pay a month, in the minor units of `currency`, by the plan prices of
    /// the tenant's offer catalogue (voters on a plan the catalogue does not price, or priced
    /// in another currency, add nothing).
    pub revenue_cents: i64,
    pub currency: String,
    /// The author's full name, for agents.
    #[serde(default)]
    pub author_name: Option<String>,
    /// The suggestion it came from (gone once retention deleted it).
    #[serde(default)]
    pub feedback_id: Option<String>,
    /// Set when merged.
    #[serde(default)]
    pub merged_into: Option<String>,
    /// Customers who chose to vote for it instead of writing their own.
    pub deflections: i64,
    /// RFC 3339.
    pub created_at: String,
    #[serde(default)]
    pub status_at: Option<String>,
}

/// `GET /console/api/ideas`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaQueue {
    pub items: Vec<QueuedIdea>,
}

/// How the moderation queue is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Newest first.
    #[default]
    New,
    /// Most votes first.
    Votes,
    /// Most monthly revenue of the voters first.
    Revenue,
}

impl QueueSort {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "new" => Some(Self::New),
            "votes" => Some(Self::Votes),
            "revenue" => Some(Self::Revenue),
            _ => None,
        }
    }
}

/// `POST /console/api/ideas/{id}`: what an agent changes; a missing field stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "visibility": "published", "status": "planned", "answer": "Planned for the spring release."
})))]
pub struct IdeaChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `published` or `hidden` (a pending idea is published or hidden; merging is its own
    /// call).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The public answer; empty removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

/// An [`IdeaChange`] that passed [`IdeaChange::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidIdeaChange {
    pub title: Option<String>,
    pub body: Option<String>,
    pub visibility: Option<IdeaVisibility>,
    pub status: Option<IdeaStatus>,
    /// `Some(None)`: remove the answer.
    pub answer: Option<Option<String>>,
}

impl IdeaChange {
    /// Checks every field and reports all problems at once.
    pub fn validate(&self) -> Result<ValidIdeaChange, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self
            .title
            .as_ref()
            .map(|t| crate::clean::required("title", t, TITLE_MAX_CHARS, &mut errors));
        let body = self
            .body
            .as_ref()
            .map(|b| crate::clean::required("body", b, BODY_MAX_CHARS, &mut errors));
        let visibility = match self.visibility.as_deref() {
            None => None,
            Some(v) => match IdeaVisibility::parse(v) {
                Some(v @ (IdeaVisibility::Published | IdeaVisibility::Hidden)) => Some(v),
                _ => {
                    errors.push(FieldError::new(
                        "visibility",
                        FieldErrorCode::OutOfRange,
                        "Visibility is published or hidden (merging is its own action).",
                    ));
                    None
                }
            },
        };
        let status = match self.status.as_deref() {
            None => None,
            Some(s) => match IdeaStatus::parse(s) {
                Some(s) => Some(s),
                None => {
                    errors.push(FieldError::new(
                        "status",
                        FieldErrorCode::OutOfRange,
                        "Status is one of open, under_review, planned, in_progress, shipped, \
                         declined.",
                    ));
                    None
                }
            },
        };
        let answer = self.answer.as_ref().map(|a| {
            if a.trim().is_empty() {
                None
            } else {
                Some(crate::clean::required(
                    "answer",
                    a,
                    ANSWER_MAX_CHARS,
                    &mut errors,
                ))
            }
        });
        if errors.is_empty() {
            Ok(ValidIdeaChange {
                title,
                body,
                visibility,
                status,
                answer,
            })
        } else {
            Err(errors)
        }
    }
}

/// `POST /console/api/ideas/{id}/merge`: fold this idea into `into` (same tenant).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaMerge {
    #[serde(default)]
    pub into: String,
}

/// One week of the board's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaWeek {
    /// The Monday the week starts (UTC), `YYYY-MM-DD`.
    pub week: String,
    /// Ideas shared that week.
    pub ideas: i64,
    /// Votes cast that week (an author's own vote included).
    pub votes: i64,
    /// Customers who voted for an existing idea instead of writing theirs.
    pub deflections: i64,
}

/// `GET /console/api/ideas/numbers?tenant=`: the last eight weeks, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaNumbers {
    pub weeks: Vec<IdeaWeek>,
}

/// The title an idea starts with: the suggestion's first line, cut at a word before
/// [`TITLE_MAX_CHARS`].
pub fn title_of(message: &str) -> String {
    let line = message
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= TITLE_MAX_CHARS {
        return line.to_owned();
    }
    let cut: String = line.chars().take(TITLE_MAX_CHARS - 1).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > TITLE_MAX_CHARS / 2);
    format!("{}…", cut[..at_word.unwrap_or(cut.len())].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_show_as_first_name_and_initial() {
        let f = AuthorDisplay::FirstName;
        assert_eq!(f.show(Some("Alice Smith")).as_deref(), Some("Alice S."));
        assert_eq!(
            f.show(Some("  Milica  Jovanović Petrović ")).as_deref(),
            Some("Milica P.")
        );
        assert_eq!(f.show(Some("Ana")).as_deref(), Some("Ana"));
        assert_eq!(f.show(Some("Юлия Смирнова")).as_deref(), Some("Юлия С."));
        assert_eq!(f.show(Some("  ")), None);
        assert_eq!(f.show(None), None);
        assert_eq!(AuthorDisplay::Hidden.show(Some("Alice Smith")), None);
    }

    #[test]
    fn a_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(title_of("\n  Staging copies \nplease"), "Staging copies");
        let long = "word ".repeat(40);
        let t = title_of(&long);
        assert!(t.chars().count() <= TITLE_MAX_CHARS, "{t}");
        assert!(t.ends_with("word…"), "{t}");
        let unbroken = "x".repeat(300);
        assert_eq!(title_of(&unbroken).chars().count(), TITLE_MAX_CHARS);
    }

    #[test]
    fn a_change_reports_every_bad_field() {
        let bad = IdeaChange {
            title: Some(" ".into()),
            body: None,
            visibility: Some("merged".into()),
            status: Some("done".into()),
            answer: Some("x".repeat(ANSWER_MAX_CHARS + 1)),
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title", "visibility", "status", "answer"]);
        let ok = IdeaChange {
            answer: Some("  ".into()),
            status: Some("in_progress".into()),
            ..IdeaChange::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.answer, Some(None));
        assert_eq!(ok.status, Some(IdeaStatus::InProgress));
    }
}
