//! The console's calls for a tenant's ticket bridge: its settings, turning it off, and
//! sending again what was given up on.

use panelcare_model::bridge::{BridgeSettings, BridgeState};

use crate::api::{Api, ApiError, call, no_content};

impl Api {
    pub async fn ticket_bridge(&self, tenant: &str) -> Result<BridgeState, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/ticket-bridge"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn save_ticket_bridge(
        &self,
        tenant: &str,
        s: &BridgeSettings,
    ) -> Result<BridgeState, ApiError> {
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/ticket-bridge"),
            Some(&self.csrf),
            Some(s),
        )
        .await
    }

    /// Turns the bridge off; deliveries still waiting are dropped.
    pub async fn remove_ticket_bridge(&self, tenant: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/tenants/{tenant}/ticket-bridge"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }

    /// Queues the deliveries that were given up on again.
    pub async fn retry_ticket_bridge(&self, tenant: &str) -> Result<BridgeState, ApiError> {
        call(
            "POST",
            &format!("/console/api/tenants/{tenant}/ticket-bridge/retry"),
            Some(&self.csrf),
            None::<&()>,
        )
        .await
    }
}
