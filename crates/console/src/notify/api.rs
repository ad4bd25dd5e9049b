//! The console's calls for where a tenant's agents hear about tickets: the settings and their
//! test.

use panelcare_model::notify::{NotifySettings, TestQueued};

use crate::api::{Api, ApiError, call};

impl Api {
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
}
