//! Maintenance notices and incident updates: what agents publish so customers know before
//! they write.

use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 150;
pub const BODY_MAX_CHARS: usize = 5_000;
/// Most plans or servers named on one notice.
pub const AFFECTED_MAX: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Planned work with a window.
    Maintenance,
    /// Something broke; updates follow until it is over.
    Incident,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Maintenance => "maintenance",
            Self::Incident => "incident",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Maintenance, Self::Incident]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "body": "The new disks are in; we are moving the first accounts.",
    "created_at": "2026-12-06T22:40:00Z"
})))]
pub struct NoticeUpdate {
    pub body: String,
    pub created_at: String,
}

/// A notice as customers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "d3afc521-5dbf-4666-973f-97af52b179c0",
    "kind": "maintenance",
    "title": "Storage upgrade on web12",
    "body": "Sites on web12 may be slow for a few minutes while we move them to faster disks.",
    "starts_at": "2026-12-06T22:00:00Z",
    "ends_at": "2026-12-07T02:00:00Z",
    "current": true,
    "affected_plans": ["starter", "pro"],
    "affected_servers": ["web12.example-host.com"],
    "updates": [{
        "body": "The new disks are in; we are moving the first accounts.",
        "created_at": "2026-12-06T22:40:00Z"
    }]
})))]
pub struct Notice {
    pub id: String,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts_at: String,
    /// `None` while an incident is open.
    #[serde(default)]
    pub ends_at: Option<String>,
    /// Happening now (rather than upcoming).
    pub current: bool,
    #[serde(default)]
    pub affected_plans: Vec<String>,
    #[serde(default)]
    pub affected_servers: Vec<String>,
    #[serde(default)]
    pub updates: Vec<NoticeUpdate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"items": [
    {
        "id": "d3afc521-5dbf-4666-973f-97af52b179c0",
        "kind": "maintenance",
        "title": "Storage upgrade on web12",
        "body": "Sites on web12 may be slow for a few minutes while we move them to faster disks.",
        "starts_at": "2026-12-06T22:00:00Z",
        "ends_at": "2026-12-07T02:00:00Z",
        "current": true,
        "affected_plans": ["starter", "pro"],
        "affected_servers": ["web12.example-host.com"],
        "updates": [{
            "body": "The new disks are in; we are moving the first accounts.",
            "created_at": "2026-12-06T22:40:00Z"
        }]
    },
    {
        "id": "e576fdb2-9586-44c1-824d-58c206200b42",
        "kind": "incident",
        "title": "Mail delays",
        "body": "Outgoing mail is queued for up to 20 minutes. Nothing is lost.",
        "starts_at": "2026-12-03T08:10:00Z",
        "ends_at": null,
        "current": true,
        "affected_plans": [],
        "affected_servers": [],
        "updates": []
    }
]})))]
pub struct NoticeList {
    pub items: Vec<Notice>,
}

/// The body of `POST /console/api/notices` and `PUT /console/api/notices/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewNotice {
    pub tenant_id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// RFC 3339.
    #[serde(default)]
    pub starts_at: String,
    /// RFC 3339; empty or missing for an open incident.
    #[serde(default)]
    pub ends_at: Option<String>,
    #[serde(default)]
    pub affected_plans: Vec<String>,
    #[serde(default)]
    pub affected_servers: Vec<String>,
}

/// A notice as agents list it, with its tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentNotice {
    pub tenant_id: String,
    #[serde(flatten)]
    pub notice: Notice,
}
