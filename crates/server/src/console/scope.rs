//! Which tenants an agent sees: a provider admin the provider and all its resellers; everyone
//! else only their own tenant. Every console query filters by this, so a row of another
//! tenant is simply not found (404), never forbidden (which would say it exists).

use panelcare_model::console::Role;

use crate::{agents::Agent, db::Db, error::AppError};

#[derive(Debug, Clone)]
pub struct Scope {
    /// The agent's own tenant; the one value the condition binds.
    pub tenant_id: String,
    with_resellers: bool,
}

impl Scope {
    pub fn of(agent: &Agent) -> Self {
        Self {
            tenant_id: agent.tenant_id.clone(),
            with_resellers: agent.role == Role::ProviderAdmin,
        }
    }

    /// A SQL condition on `column` that holds for visible tenants; bind `tenant_id` once.
    pub fn condition(&self, column: &str) -> String {
        if self.with_resellers {
            format!("{column} IN (SELECT id FROM tenants WHERE id = ?1 OR parent_id = ?1)")
        } else {
            format!("{column} = ?1")
        }
    }
}

/// Succeeds when `agent` administers `tenant_id`: a provider admin its own tenant and its
/// resellers, a reseller admin its own. Agents, and tenants outside the scope, are not found.
pub async fn require_admin_of(db: &Db, agent: &Agent, tenant_id: &str) -> Result<(), AppError> {
    if agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    let scope = Scope::of(agent);
    let found: Option<String> = sqlx::query_scalar(&format!(
        "SELECT id FROM tenants t WHERE {} AND t.id = ?2",
        scope.condition("t.id")
    ))
    .bind(&scope.tenant_id)
    .bind(tenant_id)
    .fetch_optional(&db.pool)
    .await?;
    found.map(|_| ()).ok_or_else(AppError::not_found)
}
