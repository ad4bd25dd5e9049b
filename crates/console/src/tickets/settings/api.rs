//! The console's calls for a tenant's ticket settings: departments, the promise per support
//! tier, the reopen window and the largest attachment.

use panelcare_model::ticket::TicketSettings;

use crate::api::{Api, ApiError, call};

impl Api {
    pub async fn ticket_settings(&self, tenant: &str) -> Result<TicketSettings, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/ticket-settings"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn save_ticket_settings(
        &self,
        tenant: &str,
        s: &TicketSettings,
    ) -> Result<TicketSettings, ApiError> {
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/ticket-settings"),
            Some(&self.csrf),
            Some(s),
        )
        .await
    }
}
