//! Which tenants a console account sees: a provider admin the provider and all its
//! resellers; everyone else only their own tenant. Every console query filters by this, so
//! a row of another tenant is simply not found (404), never forbidden (which would say it
//! exists).

use panelcare_model::console::Role;

use super::Agent;
use crate::{
    db::Db,
    error::AppError,
    tenants::{Scope, store as tenants},
};

/// The tenants `agent` sees.
pub fn of(agent: &Agent) -> Scope {
    if agent.role == Role::ProviderAdmin {
        Scope::provider(&agent.tenant_id)
    } else {
        Scope::one(&agent.tenant_id)
    }
}

/// Succeeds when `agent` administers `tenant_id`: a provider admin its own tenant and its
/// resellers, a reseller admin its own. Agents, and tenants outside the scope, are not found.
pub async fn require_admin_of(db: &Db, agent: &Agent, tenant_id: &str) -> Result<(), AppError> {
    if agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    if tenants::is_in_scope(db, &of(agent), tenant_id).await? {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// Succeeds when `agent` may write `tenant_id`'s shared support content (canned replies,
/// articles, notices): any agent their own tenant's, admins also the tenants they
/// administer. Anything else is not found.
pub async fn require_writer_of(db: &Db, agent: &Agent, tenant_id: &str) -> Result<(), AppError> {
    if tenant_id == agent.tenant_id {
        Ok(())
    } else {
        require_admin_of(db, agent, tenant_id).await
    }
}
