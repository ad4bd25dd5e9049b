//! Feedback: what a customer sends, what the server answers, and the rules both check.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrorCode};

/// Longest message, in characters (not bytes: Cyrillic takes two bytes a letter).
pub const MESSAGE_MAX_CHARS: usize = 4000;
/// Longest page address kept with a suggestion.
pub const PAGE_MAX_CHARS: usize = 2048;

/// What the suggestion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackCategory {
    Idea,
    Problem,
    Praise,
    Other,
}

impl FeedbackCategory {
    pub const ALL: [Self; 4] = [Self::Idea, Self::Problem, Self::Praise, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Idea => "idea",
            Self::Problem => "problem",
            Self::Praise => "praise",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where the provider is with a suggestion; the customer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStatus {
    New,
    UnderReview,
    Planned,
    Done,
    Declined,
}

impl FeedbackStatus {
    pub const ALL: [Self; 5] = [
        Self::New,
        Self::UnderReview,
        Self::Planned,
        Self::Done,
        Self::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::UnderReview => "under_review",
            Self::Planned => "planned",
            Self::Done => "done",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The body of `POST /api/v1/feedback`, as the client sent it.
///
/// Fields are loose on purpose (`category` is a string, `rating` any integer) so that a bad
/// value becomes a field-level error the widget can show, not a generic parse failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewFeedback {
    /// Missing is the same as empty: both become a `required` error on the field.
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Share it on the tenant's ideas board, where the tenant's other customers read and vote
    /// on it (ideas only, and only where the tenant has a board). Never true unless the
    /// customer chose it: a suggestion sent without it stays private for good.
    // Not in wasm builds: the widget's feedback panel never shares (ideas are written in the
    // ideas view), and every byte of the widget counts.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "is_false")]
    pub share: bool,
}

#[cfg(not(target_arch = "wasm32"))]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A `NewFeedback` that passed [`NewFeedback::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidFeedback {
    pub category: FeedbackCategory,
    /// By the hygiene rule ([`crate::clean`]), trimmed.
    pub message: String,
    pub rating: Option<u8>,
    /// Without query string or fragment, which can carry panel session tokens.
    pub page: Option<String>,
    /// Shared on the ideas board.
    #[cfg(not(target_arch = "wasm32"))]
    pub share: bool,
}

impl NewFeedback {
    /// Checks every field and reports all problems at once, so a form can mark them together.
    pub fn validate(&self) -> Result<ValidFeedback, Vec<FieldError>> {
        let mut errors = Vec::new();
        let category = FeedbackCategory::parse(&self.category);
        if self.category.is_empty() {
            errors.push(FieldError::new(
                "category",
                FieldErrorCode::Required,
                "Choose a category.",
            ));
        } else if category.is_none() {
            errors.push(FieldError::new(
                "category",
                FieldErrorCode::UnknownCategory,
                "Category must be one of: idea, problem, praise, other.",
            ));
        }
        let message =
            crate::clean::required("message", &self.message, MESSAGE_MAX_CHARS, &mut errors);
        let rating = match self.rating {
            None => None,
            Some(r @ 1..=5) => Some(r as u8),
            Some(_) => {
                errors.push(FieldError::new(
                    "rating",
                    FieldErrorCode::OutOfRange,
                    "A rating is a whole number from 1 to 5.",
                ));
                None
            }
        };
        let page = match self
            .page
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => None,
            Some(p) if p.chars().count() > PAGE_MAX_CHARS => {
                errors.push(FieldError::new(
                    "page",
                    FieldErrorCode::TooLong,
                    crate::message!("The page address is longer than {PAGE_MAX_CHARS} characters."),
                ));
                None
            }
            Some(p) => match clean_page_url(p) {
                Some(clean) => Some(clean),
                None => {
                    errors.push(FieldError::new(
                        "page",
                        FieldErrorCode::InvalidUrl,
                        "The page must be an http or https address.",
                    ));
                    None
                }
            },
        };
        match (category, errors.is_empty()) {
            (Some(category), true) => Ok(ValidFeedback {
                category,
                message,
                rating,
                page,
                #[cfg(not(target_arch = "wasm32"))]
                share: self.share,
            }),
            _ => Err(errors),
        }
    }
}

/// Keeps scheme, host and path of an http(s) address and drops the rest.
///
/// Panel addresses carry secrets: cPanel puts a session token in the path (`/cpsess0123456789/`)
/// and others put them in the query, so both are removed before the address is stored.
pub fn clean_page_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .map(|r| ("https://", r))
        .or_else(|| url.strip_prefix("http://").map(|r| ("http://", r)));
    let (scheme, rest) = rest?;
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let rest = &rest[..end];
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '@') {
        return None;
    }
    let path: Vec<&str> = path
        .split('/')
        .map(|seg| {
            if is_cpanel_session(seg) {
                "cpsess"
            } else {
                seg
            }
        })
        .collect();
    Some(format!("{scheme}{host}{}", path.join("/")))
}

fn is_cpanel_session(segment: &str) -> bool {
    segment
        .strip_prefix("cpsess")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// One stored suggestion as its author sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "a2269e4a-fae1-4fc3-a382-c21c8e0d23ec",
    "category": "idea",
    "message": "A one-click staging copy of my WordPress site would save me hours.",
    "rating": 4,
    "page": "https://panel.example-host.com/frontend/jupiter/softaculous/",
    "status": "planned",
    "answer": "Thank you! Staging copies are planned for the spring release.",
    "answered_at": "2026-11-20T09:15:00Z",
    "created_at": "2026-11-18T16:42:07.412Z"
})))]
pub struct Feedback {
    pub id: String,
    pub category: FeedbackCategory,
    pub message: String,
    #[serde(default)]
    pub rating: Option<u8>,
    #[serde(default)]
    pub page: Option<String>,
    pub status: FeedbackStatus,
    /// The provider's public answer, if any.
    #[serde(default)]
    pub answer: Option<String>,
    /// RFC 3339.
    #[serde(default)]
    pub answered_at: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/v1/feedback`: the caller's own suggestions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"items": [
    {
        "id": "a2269e4a-fae1-4fc3-a382-c21c8e0d23ec",
        "category": "idea",
        "message": "A one-click staging copy of my WordPress site would save me hours.",
        "rating": 4,
        "page": "https://panel.example-host.com/frontend/jupiter/softaculous/",
        "status": "planned",
        "answer": "Thank you! Staging copies are planned for the spring release.",
        "answered_at": "2026-11-20T09:15:00Z",
        "created_at": "2026-11-18T16:42:07.412Z"
    },
    {
        "id": "607f1ae9-be98-44c2-889b-80a888adf312",
        "category": "problem",
        "message": "The backup download link times out for archives over 2 GB.",
        "rating": null,
        "page": null,
        "status": "new",
        "answer": null,
        "answered_at": null,
        "created_at": "2026-11-02T08:03:55Z"
    }
]})))]
pub struct FeedbackList {
    pub items: Vec<Feedback>,
}

#[cfg(test)]
mod tests;
