//! Which tenants an agent sees: a provider admin the provider and all its resellers; everyone
//! else only their own tenant. Every console query filters by this, so a row of another
//! tenant is simply not found (404), never forbidden (which would say it exists).

use panelcare_model::console::Role;

use crate::agents::Agent;

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
