//! The operator console's requests and answers.

use serde::{Deserialize, Serialize};

/// What an agent may do; see README "Tenants and roles".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// `POST /console/api/login`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// The signed-in agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct SessionInfo {
    pub agent: AgentInfo,
    pub csrf_token: String,
    /// RFC 3339.
    pub expires_at: String,
}
