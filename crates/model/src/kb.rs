//! The knowledge base: articles agents write (markdown, cleaned to safe HTML on the server)
//! and customers find while they type a ticket subject.

use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 150;
pub const BODY_MAX_CHARS: usize = 50_000;

/// A search result: enough to decide whether to open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "8d48d233-96bf-467d-b9eb-95477f06d0b1",
    "title": "Fixing Error 500 after a WordPress update",
    "snippet": "…an Error 500 right after an update is most often the PHP memory limit…"
})))]
pub struct ArticleHit {
    pub id: String,
    pub title: String,
    /// Plain text around the words that matched.
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"items": [
    {
        "id": "8d48d233-96bf-467d-b9eb-95477f06d0b1",
        "title": "Fixing Error 500 after a WordPress update",
        "snippet": "…an Error 500 right after an update is most often the PHP memory limit…"
    },
    {
        "id": "655dd78c-e6ce-4be9-9382-8a3f1b3259f1",
        "title": "Raising the PHP memory limit",
        "snippet": "…open Select PHP Version, then Options, and set memory_limit…"
    }
]})))]
pub struct KbSearch {
    pub items: Vec<ArticleHit>,
}

/// An article as a customer reads it. `html` is cleaned on the server: no scripts, styles,
/// event handlers or non-http(s)/mailto links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "8d48d233-96bf-467d-b9eb-95477f06d0b1",
    "lang": "en",
    "title": "Fixing Error 500 after a WordPress update",
    "html": "<p>An Error 500 right after an update is most often the <strong>PHP memory limit</strong>.</p><ol><li>Open <em>Select PHP Version</em>.</li><li>Set <code>memory_limit</code> to 256M.</li></ol><p>See <a href=\"https://wordpress.org/documentation/\">the WordPress documentation</a>.</p>",
    "updated_at": "2026-10-28T13:05:00Z"
})))]
pub struct Article {
    pub id: String,
    pub lang: String,
    pub title: String,
    pub html: String,
    pub updated_at: String,
}

/// An article as agents edit it, with how it helps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentArticle {
    pub id: String,
    pub tenant_id: String,
    pub lang: String,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    pub published: bool,
    /// Times customers opened it.
    pub views: i64,
    /// Times a customer said "this solved it" instead of opening a ticket.
    pub solved: i64,
    pub updated_at: String,
}

/// The body of `POST /console/api/kb` and `PUT /console/api/kb/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewArticle {
    pub tenant_id: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub published: bool,
}
