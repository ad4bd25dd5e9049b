//! The console's calls for a tenant's support settings: ticket settings, canned replies,
//! notifications with their test, and the ticket bridge. (The canned-reply list itself is
//! `Api::canned_replies`, which the ticket screens use too.)

use panelcare_model::{
    bridge::{BridgeSettings, BridgeState},
    notify::{NotifySettings, TestQueued},
    ticket::{
        TicketSettings,
        console::{CannedReply, NewCannedReply},
    },
};

use crate::api::{Api, ApiError, call, no_content};

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

    pub async fn notify_settings(&self, tenant: &str) -> Result<NotifySettings, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/notifications"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn save_notify_settings(
        &self,
        tenant: &str,
        s: &NotifySettings,
    ) -> Result<NotifySettings, ApiError> {
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/notifications"),
            Some(&self.csrf),
            Some(s),
        )
        .await
    }

    /// Queues a test e-mail to each saved address and a test webhook delivery.
    pub async fn send_test_notification(&self, tenant: &str) -> Result<TestQueued, ApiError> {
        call(
            "POST",
            &format!("/console/api/tenants/{tenant}/notifications/test"),
            Some(&self.csrf),
            None::<&()>,
        )
        .await
    }

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

    pub async fn add_canned_reply(&self, r: &NewCannedReply) -> Result<CannedReply, ApiError> {
        call(
            "POST",
            "/console/api/canned-replies",
            Some(&self.csrf),
            Some(r),
        )
        .await
    }

    pub async fn update_canned_reply(
        &self,
        id: &str,
        r: &NewCannedReply,
    ) -> Result<CannedReply, ApiError> {
        call(
            "PUT",
            &format!("/console/api/canned-replies/{id}"),
            Some(&self.csrf),
            Some(r),
        )
        .await
    }

    pub async fn remove_canned_reply(&self, id: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/canned-replies/{id}"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }
}
