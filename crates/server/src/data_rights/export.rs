//! The export document: everything panelcare holds about one customer account, as JSON.
//!
//! Agents' internal notes (ticket notes, notes on feedback) are left out and only counted
//! under `withheld`: they are the support team's working notes, and may name other people
//! or hold judgements the provider must review before handing them over. An admin who owes
//! them in a request reads them in the console; the count says there are some.

use serde::Serialize;

/// Everything panelcare holds about one customer account: the export document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CustomerExport)]
pub struct Export {
    /// The version of the document's shape, raised when a field changes meaning
    /// (`EXPORT_SCHEMA`).
    pub schema: u32,
    pub generated_at: String,
    pub tenant: String,
    pub account: String,
    pub feedback: Vec<FeedbackItem>,
    pub tickets: Vec<TicketItem>,
    /// Ticket ratings, also on their tickets: one list for whoever looks for them.
    pub ratings: Vec<RatingItem>,
    /// Files uploaded but never sent with a message.
    pub uploads: Vec<FileItem>,
    pub offer_events: Vec<OfferEventItem>,
    /// When the offers first saw the account.
    pub offers_first_seen_at: Option<String>,
    pub usage: Vec<UsageDay>,
    pub kb_votes: Vec<KbVote>,
    /// Ideas the account shared on the ideas board, as they stand now.
    pub ideas: Vec<IdeaItem>,
    /// The account's votes on ideas.
    pub idea_votes: Vec<IdeaVote>,
    pub withheld: Withheld,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportFeedbackItem)]
pub struct FeedbackItem {
    pub id: String,
    pub category: String,
    pub message: String,
    pub rating: Option<i64>,
    pub page: Option<String>,
    pub status: String,
    pub answer: Option<String>,
    pub answered_at: Option<String>,
    pub created_at: String,
    pub account_name: Option<String>,
    pub account_email: Option<String>,
    pub account_plan: Option<String>,
    pub locale: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportTicketItem)]
pub struct TicketItem {
    pub id: String,
    pub number: i64,
    pub subject: String,
    pub department: String,
    pub priority: String,
    pub status: String,
    pub support_tier: Option<String>,
    pub account_name: Option<String>,
    pub account_email: Option<String>,
    pub account_plan: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<String>,
    pub created_at: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    /// Every entry the customer sees: theirs, the agents' replies, progress and events.
    pub messages: Vec<MessageItem>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportMessageItem)]
pub struct MessageItem {
    pub id: String,
    pub kind: String,
    pub author_name: Option<String>,
    pub body: String,
    pub status: Option<String>,
    pub created_at: String,
    pub attachments: Vec<FileItem>,
}

/// A file's name and size, never its bytes (they would make the document huge; the
/// console downloads each file on its own).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportFileItem)]
pub struct FileItem {
    pub id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportRatingItem)]
pub struct RatingItem {
    pub ticket_number: i64,
    pub rating: i64,
    pub comment: Option<String>,
    pub rated_at: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportOfferEventItem)]
pub struct OfferEventItem {
    pub rule_id: String,
    pub variant: String,
    pub target: String,
    pub kind: String,
    pub price_diff_cents: i64,
    pub currency: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportUsageDay)]
pub struct UsageDay {
    /// Days since the Unix epoch (UTC), as stored.
    pub day: i64,
    pub plan: Option<String>,
    /// Each metric's used amount the host reported that day (what is stored of its usage).
    #[schema(value_type = std::collections::BTreeMap<String, f64>)]
    pub usage: serde_json::Value,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportKbVote)]
pub struct KbVote {
    pub article_id: String,
    pub title: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportIdeaItem)]
pub struct IdeaItem {
    pub id: String,
    /// The suggestion it was shared from (in `feedback`), unless that was deleted.
    pub feedback_id: Option<String>,
    pub title: String,
    pub body: String,
    pub visibility: String,
    pub status: String,
    pub answer: Option<String>,
    pub votes: i64,
    pub created_at: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExportIdeaVote)]
pub struct IdeaVote {
    pub idea_id: String,
    pub title: String,
    /// The plan the account was on when it voted.
    pub plan: Option<String>,
    pub created_at: String,
}

/// What exists but is not in the document: agents' internal notes, only counted (see the
/// module's note).
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
#[schema(as = ExportWithheld)]
pub struct Withheld {
    pub ticket_internal_notes: i64,
    pub feedback_internal_notes: i64,
}
