//! What the console's ticket API sends and receives.

use serde::{Deserialize, Serialize};

use super::{Message, TicketSummary};

/// A console account named on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentRef {
    pub id: String,
    pub name: String,
}

/// A ticket in the queue, with whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    #[serde(flatten)]
    pub ticket: TicketSummary,
    pub tenant_id: String,
    pub tenant_name: String,
    pub account_id: String,
    #[serde(default)]
    pub account_name: Option<String>,
    #[serde(default)]
    pub account_email: Option<String>,
    #[serde(default)]
    pub account_plan: Option<String>,
    #[serde(default)]
    pub support_tier: Option<String>,
    #[serde(default)]
    pub assignee: Option<AgentRef>,
    /// A duplicate merged into another ticket names it.
    #[serde(default)]
    pub merged_into: Option<String>,
    #[serde(default)]
    pub rating_comment: Option<String>,
    /// The tenant's helpdesk's own number for this ticket, once the ticket bridge mirrored it
    /// there (`#123456` in WHMCS).
    #[serde(default)]
    pub external_ref: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Queue {
    pub items: Vec<QueueItem>,
}

/// One ticket for an agent: the whole thread, internal notes included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentThread {
    pub item: QueueItem,
    pub messages: Vec<Message>,
}

/// What an agent writes on a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgentWrite {
    /// An answer the customer sees; it stops the SLA clock.
    Reply,
    /// A progress update the customer sees; it also counts as an answer.
    Progress,
    /// An internal note; the customer never sees it.
    Note,
}

/// The body of `POST /console/api/tickets/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAgentMessage {
    pub kind: AgentWrite,
    #[serde(default)]
    pub message: String,
    /// The status after a reply: `awaiting_customer` if not given (a question was asked),
    /// `resolved` to answer and resolve in one go.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// The body of `POST /console/api/tickets/{id}/assign`; `null` unassigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assign {
    pub agent_id: Option<String>,
}

/// The body of `POST /console/api/tickets/{id}/priority`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriorityChange {
    pub priority: String,
}

/// The body of `POST /console/api/tickets/{id}/merge`: this ticket is a duplicate of `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Merge {
    pub into: String,
}

/// A prepared answer agents of a tenant reuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CannedReply {
    pub id: String,
    pub tenant_id: String,
    pub title: String,
    pub body: String,
}

/// The body of `POST /console/api/canned-replies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCannedReply {
    pub tenant_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
}

/// Someone a ticket of `tenant_id` may be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignee {
    pub tenant_id: String,
    pub id: String,
    pub name: String,
}

/// One agent's open tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workload {
    /// `None` for the unassigned tickets.
    pub agent: Option<AgentRef>,
    pub tenant_id: String,
    pub open: i64,
    pub due_soon: i64,
    pub breached: i64,
}
