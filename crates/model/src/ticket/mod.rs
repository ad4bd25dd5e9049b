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
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "5991f083-8618-4a98-946d-2c23d7d5879c",
    "name": "error-500.png",
    "content_type": "image/png",
    "size": 48213,
    "url": "https://files.panelcare.example/api/v1/files/5991f083-8618-4a98-946d-2c23d7d5879c?exp=1796299200000&sig=6f6eabf42c847bc4faf9be4b6865220fa4c3281f430cfbc86d215cd4711b1aa1",
    "thumbnail_url": "https://files.panelcare.example/api/v1/files/5991f083-8618-4a98-946d-2c23d7d5879c/thumbnail?exp=1796299200000&sig=4628a5ad8836fc0b3ce5294bf886dfe0b6b7574c11f93ae5df211d2669f4b75c"
})))]
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
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "d517ad5f-25f0-4db2-9412-337d56599722",
    "kind": "agent",
    "author": "Ana (HostCo support)",
    "body": "The 500 comes from a PHP memory limit. I raised it to 256 MB; please try again.",
    "status": "awaiting_customer",
    "attachments": [{
        "id": "f3b2a0d4-7e61-4c2b-9a8e-1d0c6b5e4f37",
        "name": "php-memory-limit.png",
        "content_type": "image/png",
        "size": 31877,
        "url": "https://files.panelcare.example/api/v1/files/f3b2a0d4-7e61-4c2b-9a8e-1d0c6b5e4f37?exp=1796299200000&sig=6f6eabf42c847bc4faf9be4b6865220fa4c3281f430cfbc86d215cd4711b1aa1",
        "thumbnail_url": "https://files.panelcare.example/api/v1/files/f3b2a0d4-7e61-4c2b-9a8e-1d0c6b5e4f37/thumbnail?exp=1796299200000&sig=4628a5ad8836fc0b3ce5294bf886dfe0b6b7574c11f93ae5df211d2669f4b75c"
    }],
    "created_at": "2026-12-03T10:12:40Z"
})))]
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
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "3a17a162-9d55-44c5-848e-bb22c028c49a",
    "number": 1042,
    "subject": "Error 500 after updating WordPress",
    "department": "technical",
    "priority": "high",
    "status": "awaiting_support",
    "created_at": "2026-12-03T09:41:12Z",
    "updated_at": "2026-12-03T10:30:05.118Z",
    "due_at": "2026-12-03T14:30:05.118Z",
    "target_minutes": 240,
    "sla_state": "on_track",
    "rating": 4,
    "reopen_until": "2026-12-10T10:30:05.118Z"
})))]
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
#[cfg_attr(feature = "openapi", schema(example = json!({
    "ticket": {
        "id": "3a17a162-9d55-44c5-848e-bb22c028c49a",
        "number": 1042,
        "subject": "Error 500 after updating WordPress",
        "department": "technical",
        "priority": "high",
        "status": "awaiting_support",
        "created_at": "2026-12-03T09:41:12Z",
        "updated_at": "2026-12-03T10:30:05.118Z",
        "due_at": "2026-12-03T14:30:05.118Z",
        "target_minutes": 240,
        "sla_state": "on_track",
        "rating": 4,
        "reopen_until": "2026-12-10T10:30:05.118Z"
    },
    "messages": [
        {
            "id": "677dc86e-1d8a-4778-97af-7b90bbc632e6",
            "kind": "customer",
            "author": "",
            "body": "Since this morning's update every page shows Error 500.",
            "attachments": [{
                "id": "5991f083-8618-4a98-946d-2c23d7d5879c",
                "name": "error-500.png",
                "content_type": "image/png",
                "size": 48213,
                "url": "https://files.panelcare.example/api/v1/files/5991f083-8618-4a98-946d-2c23d7d5879c?exp=1796299200000&sig=6f6eabf42c847bc4faf9be4b6865220fa4c3281f430cfbc86d215cd4711b1aa1",
                "thumbnail_url": "https://files.panelcare.example/api/v1/files/5991f083-8618-4a98-946d-2c23d7d5879c/thumbnail?exp=1796299200000&sig=4628a5ad8836fc0b3ce5294bf886dfe0b6b7574c11f93ae5df211d2669f4b75c"
            }],
            "created_at": "2026-12-03T09:41:12Z"
        },
        {
            "id": "d517ad5f-25f0-4db2-9412-337d56599722",
            "kind": "agent",
            "author": "Ana (HostCo support)",
            "body": "The 500 comes from a PHP memory limit. I raised it to 256 MB; please try again.",
            "attachments": [],
            "created_at": "2026-12-03T10:12:40Z"
        },
        {
            "id": "7c1e0b52-3f4e-4a0a-9d0b-2f6a51c9e803",
            "kind": "event",
            "author": "",
            "body": "",
            "status": "awaiting_customer",
            "attachments": [],
            "created_at": "2026-12-03T10:12:40Z"
        },
        {
            "id": "b84f3f0e-6a43-47d7-a0f5-5c2e8f1d9a17",
            "kind": "customer",
            "author": "",
            "body": "Thank you, the site works again, but /wp-admin still shows the error.",
            "attachments": [],
            "created_at": "2026-12-03T10:30:05.118Z"
        },
        {
            "id": "6e22751b-59a6-4b14-b608-0e08bb3e7648",
            "kind": "event",
            "author": "",
            "body": "",
            "status": "awaiting_support",
            "attachments": [],
            "created_at": "2026-12-03T10:30:05.118Z"
        }
    ]
})))]
pub struct TicketThread {
    pub ticket: TicketSummary,
    pub messages: Vec<Message>,
}

/// `GET /api/v1/tickets`: the customer's tickets, most recently updated first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "items": [
        {
            "id": "3a17a162-9d55-44c5-848e-bb22c028c49a",
            "number": 1042,
            "subject": "Error 500 after updating WordPress",
            "department": "technical",
            "priority": "high",
            "status": "awaiting_support",
            "created_at": "2026-12-03T09:41:12Z",
            "updated_at": "2026-12-03T10:30:05.118Z",
            "due_at": "2026-12-03T14:30:05.118Z",
            "target_minutes": 240,
            "sla_state": "on_track",
            "rating": 4,
            "reopen_until": "2026-12-10T10:30:05.118Z"
        },
        {
            "id": "6af607b8-2c8f-4815-bc53-849a4d458df5",
            "number": 987,
            "subject": "Invoice shows the old VAT number",
            "department": "billing",
            "priority": "normal",
            "status": "closed",
            "created_at": "2026-11-12T15:02:44Z",
            "updated_at": "2026-11-13T08:20:19Z",
            "rating": 5,
            "reopen_until": "2026-11-20T08:20:19Z"
        }
    ],
    "total": 51,
    "next": "1794558019000.987"
})))]
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
#[cfg_attr(feature = "openapi", schema(example = json!({
    "departments": ["technical", "billing", "sales"],
    "first_response": {"low": 1440, "normal": 720, "high": 240, "critical": 60},
    "business_hours": true,
    "max_file_bytes": 10485760,
    "max_files": 5,
    "reopen_days": 7,
    "upsell": {
        "rule": "support:premium",
        "name": "Premium support",
        "price": "€19.00/month",
        "first_response": {"low": 480, "normal": 240, "high": 60, "critical": 30},
        "cta_url": "https://billing.example-host.com/cart.php?a=add&pid=42&account=cust-1001"
    }
})))]
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
