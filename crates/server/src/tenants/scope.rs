//! Which tenants someone sees: one tenant, or a provider with all its resellers. Every console
//! query filters by a scope, so a row of another tenant is simply not found (404), never
//! forbidden (which would say it exists).

/// A tenant and, for a provider's admins, its resellers.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The tenant the scope starts from; the one value a scoped query binds for it.
    pub tenant_id: String,
    /// Whether the tenant's resellers are in it too.
    pub with_resellers: bool,
}

impl Scope {
    /// Only `tenant_id`.
    pub fn one(tenant_id: &str) -> Self {
        Self {
            tenant_id: tenant_id.to_owned(),
            with_resellers: false,
        }
    }

    /// A provider and all its resellers.
    pub fn provider(tenant_id: &str) -> Self {
        Self {
            tenant_id: tenant_id.to_owned(),
            with_resellers: true,
        }
    }
}
