//! Support tickets: what a customer opens and writes, what the server answers, and the rules
//! both sides check.

pub mod console;
pub mod numbers;
mod settings;
mod validate;

use serde::{Deserialize, Serialize};

use crate::sla::{Priority, SlaState};

pub use settings::{ATTACHMENT_HARD_MAX_BYTES, DEFAULT_TIER, TicketSettings};
pub use validate::{ValidReply, ValidTicket};

pub const SUBJECT_MAX_CHARS: usize = 150;
/// Longest message, in characters: room for a pasted log excerpt.
pub const BODY_MAX_CHARS: usize = 10_000;
/// Most files on one message.
pub const ATTACHMENTS_MAX: usize = 5;
/// Default largest file a tenant accepts.
pub const ATTACHMENT_DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Days after resolution during which the customer may reopen, unless the tenant says otherwise.
pub const REOPEN_DEFAULT_DAYS: u32 = 7;

/// Where a ticket is; the customer sees it (`awaiting_customer` reads "awaiting you").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// New; support has not answered yet.
    Open,
    /// The customer wrote last.
    AwaitingSupport,
    /// Support asked the customer something.
    AwaitingCustomer,
    /// Support considers it solved; the customer may rate or reopen it.
    Resolved,
    /// Finished; only an agent reopens it after the reopen window.
    Closed,
}

impl TicketStatus {
    pub const ALL: [Self; 5] = [
        Self::Open,
        Self::AwaitingSupport,
        Self::AwaitingCustomer,
        Self::Resolved,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::AwaitingSupport => "awaiting_support",
            Self::AwaitingCustomer => "awaiting_customer",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Support owes an answer: the SLA clock runs.
    pub fn waits_for_support(self) -> bool {
        matches!(self, Self::Open | Self::AwaitingSupport)
    }

    pub fn is_finished(self) -> bool {
        matches!(self, Self::Resolved | Self::Closed)
    }
}

/// Which team a ticket goes to. A tenant chooses which of these its customers see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Department {
    Technical,
    Billing,
    Sales,
}

impl Department {
    pub const ALL: [Self; 3] = [Self::Technical, Self::Billing, Self::Sales];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Technical => "technical",
            Self::Billing => "billing",
            Self::Sales => "sales",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What one entry of a ticket's thread is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Written by the customer.
    Customer,
    /// An agent's answer.
    Agent,
    /// An agent's progress update ("we are restoring the backup, 40 % done").
    Progress,
    /// A status change, written by the server.
    Event,
    /// An agent's internal note: never sent to a customer.
    Note,
}

impl MessageKind {
    pub const ALL: [Self; 5] = [
        Self::Customer,
        Self::Agent,
        Self::Progress,
        Self::Event,
        Self::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Agent => "agent",
            Self::Progress => "progress",
            Self::Event => "event",
            Self::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The body of `POST /api/v1/tickets`, loose like [`crate::NewFeedback`] so bad values become
/// field errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTicket {
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub priority: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// Ids of files uploaded before, through `POST /api/v1/attachments`.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// The body of `POST /api/v1/tickets/{id}/replies`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReply {
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// A file on a message, as its reader sees it. The addresses are signed and short-lived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: String,
    pub name: String,
    /// What the server found the content to be: `image/png`, `application/pdf`, `text/plain`…
    pub content_type: String,
    pub size: u64,
    /// Downloads it (always as an attachment).
    pub url: String,
    /// A re-encoded small PNG, for images only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
}

/// One entry of the thread a customer sees (internal notes never appear here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: String,
    pub kind: MessageKind,
    /// The agent's name for support's entries; empty for the customer's own.
    pub author: String,
    pub body: String,
    /// For `event` entries: the status the ticket moved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TicketStatus>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    pub created_at: String,
}

/// A ticket as the customer's widget lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSummary {
    pub id: String,
    /// The tenant's running number, shown as `#1042`.
    pub number: i64,
    pub subject: String,
    pub department: Department,
    pub priority: Priority,
    pub status: TicketStatus,
    pub created_at: String,
    pub updated_at: String,
    /// When support's next answer is due, while the customer waits for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<String>,
    /// The promise behind `due_at`, in minutes, e.g. 60 for a critical first answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_state: Option<SlaState>,
    /// The customer's rating once resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// Until when the customer may reopen it (resolved or closed tickets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen_until: Option<String>,
}

/// One ticket with its thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketThread {
    pub ticket: TicketSummary,
    pub messages: Vec<Message>,
}

/// `GET /api/v1/tickets`: the customer's tickets, most recently updated first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketList {
    pub items: Vec<TicketSummary>,
    /// All of the customer's tickets, when `items` holds only the latest.
    pub total: i64,
    /// Pass as `?before=` for the next, older page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `GET /api/v1/ticket-options`: what the new-ticket form offers and promises this customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketOptions {
    pub departments: Vec<Department>,
    /// Minutes to a first answer, per priority, on the customer's support tier.
    pub first_response: crate::sla::Targets,
    /// Whether the clock pauses outside business hours (never for critical).
    pub business_hours: bool,
    pub max_file_bytes: u64,
    pub max_files: usize,
    pub reopen_days: u32,
    /// A faster support tier the customer could buy, when the tenant sells one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upsell: Option<crate::offers::Upsell>,
}

/// The body of `POST /api/v1/tickets/{id}/rating`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRating {
    #[serde(default)]
    pub rating: Option<i64>,
    #[serde(default)]
    pub comment: String,
}

pub const RATING_COMMENT_MAX_CHARS: usize = 2000;
