//! The operator console's requests and answers.

use serde::{Deserialize, Serialize};

/// What an agent may do; see README "Tenants and roles".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, for the provider and all its resellers.
    ProviderAdmin,
    /// Everything within one reseller.
    ResellerAdmin,
    /// The queues of one tenant.
    Agent,
}

impl Role {
    pub const ALL: [Self; 3] = [Self::ProviderAdmin, Self::ResellerAdmin, Self::Agent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProviderAdmin => "provider_admin",
            Self::ResellerAdmin => "reseller_admin",
            Self::Agent => "agent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// `POST /console/api/password-reset`: send a reset link to this e-mail's account, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    #[serde(default)]
    pub email: String,
}

/// `POST /console/api/password-reset/confirm`: the link's token and the new password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub password: String,
}

/// The answer to a reset request: the same sentence whether or not an account has the e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetRequested {
    pub message: String,
}

/// The shortest password a reset sets.
pub const PASSWORD_MIN: usize = 12;

/// `POST /console/api/login`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// The signed-in agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentInfo {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub tenant_id: String,
    pub tenant_name: String,
}

/// The answer to a sign-in and to `GET /console/api/me`: who is signed in, and the token
/// every state-changing request must repeat in `X-CSRF-Token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub agent: AgentInfo,
    pub csrf_token: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// One suggestion in the console's inbox: what the customer sent, who they are, and where
/// the provider is with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    pub id: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub account_id: String,
    #[serde(default)]
    pub account_name: Option<String>,
    #[serde(default)]
    pub account_email: Option<String>,
    pub category: crate::FeedbackCategory,
    pub message: String,
    #[serde(default)]
    pub rating: Option<u8>,
    /// A rating of 1 or 2: shown flagged and sorted first.
    pub low_rating: bool,
    #[serde(default)]
    pub page: Option<String>,
    pub status: crate::FeedbackStatus,
    #[serde(default)]
    pub answer: Option<String>,
    /// When it was first answered (RFC 3339).
    #[serde(default)]
    pub answered_at: Option<String>,
    pub created_at: String,
    pub note_count: u32,
}

/// `GET /console/api/feedback`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub items: Vec<InboxItem>,
}

/// An internal note: agents see it, the customer never does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: String,
    pub agent_name: String,
    pub body: String,
    pub created_at: String,
}

/// `GET /console/api/feedback/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxDetail {
    pub item: InboxItem,
    pub notes: Vec<Note>,
}

/// `POST /console/api/feedback/{id}/status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    #[serde(default)]
    pub status: String,
}

/// `POST /console/api/feedback/{id}/answer` and `…/notes`: a text an agent writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentText {
    #[serde(default)]
    pub text: String,
}

/// Longest answer or note, in characters.
pub const AGENT_TEXT_MAX_CHARS: usize = 8000;

impl AgentText {
    /// The text by the hygiene rule and trimmed, or why it is refused.
    pub fn validate(&self) -> Result<String, crate::FieldError> {
        use crate::error::{FieldError, FieldErrorCode};
        let text = crate::clean::text(&self.text).map_err(|e| e.on("text"))?;
        let text = text.trim();
        if text.is_empty() {
            Err(FieldError::new(
                "text",
                FieldErrorCode::Required,
                "Write something first.",
            ))
        } else if text.chars().count() > AGENT_TEXT_MAX_CHARS {
            Err(FieldError::new(
                "text",
                FieldErrorCode::TooLong,
                format!("At most {AGENT_TEXT_MAX_CHARS} characters."),
            ))
        } else {
            Ok(text.to_owned())
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub tenant_id: String,
    #[serde(default)]
    pub agent_name: Option<String>,
    pub action: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    pub created_at: String,
}

/// `GET /console/api/tenants`: a tenant the agent works for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantInfo {
    pub id: String,
    pub name: String,
    /// The provider, for a reseller.
    #[serde(default)]
    pub parent_id: Option<String>,
}

/// `POST /console/api/agents`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAgent {
    #[serde(default)]
    pub tenant_id: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
}

/// A console account as admins see it in the team list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub id: String,
    pub tenant_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// The answer to creating an account: its password, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedAgent {
    pub agent: TeamMember,
    pub password: String,
}

/// A tenant's signing key, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyInfo {
    pub kid: String,
    pub created_at: String,
}

/// `POST /console/api/tenants/{id}/keys`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewKey {
    #[serde(default)]
    pub kid: String,
}

/// A new key with its secret, shown this once: the host's backend signs tokens with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedKey {
    pub kid: String,
    pub secret: String,
}

/// `GET|PUT /console/api/tenants/{id}/origins`: the panel origins the tenant's widget may call
/// the API from (`https://panel.example.com:2083`); an empty list allows any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Origins {
    #[serde(default)]
    pub origins: Vec<String>,
}

/// Most origins one tenant may list.
pub const ORIGINS_MAX: usize = 50;

/// `scheme://host[:port]` as browsers send it in `Origin`, lower-cased: `https` for any host,
/// `http` only for `localhost` and `127.0.0.1` (panels on a developer's machine).
pub fn parse_origin(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = s.split_once("://")?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            (h, Some(p))
        }
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let scheme_ok =
        scheme == "https" || (scheme == "http" && (host == "localhost" || host == "127.0.0.1"));
    (host_ok && scheme_ok && port.is_none_or(|p| p.parse::<u16>().is_ok())).then_some(s)
}

/// The console's address of one ticket, below the server's public URL. Notification e-mails
/// and webhooks link to it; the console's router serves it (its test checks they agree).
pub fn ticket_path(id: &str) -> String {
    format!("/console/tickets/{id}")
}

/// The console's address of one suggestion (its feedback view).
pub fn suggestion_path(id: &str) -> String {
    format!("/console/feedback/{id}")
}

#[cfg(test)]
mod origin_tests {
    use super::parse_origin;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert_eq!(
            parse_origin("https://Panel.Example.com:2083/").as_deref(),
            Some("https://panel.example.com:2083")
        );
        assert_eq!(
            parse_origin("http://localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        for bad in [
            "http://panel.example.com",
            "https://",
            "panel.example.com",
            "https://a.example/path",
            "https://a.example:99999",
            "javascript://x",
            "https://a b.example",
            "https://user@a.example",
        ] {
            assert_eq!(parse_origin(bad), None, "{bad}");
        }
    }
}
