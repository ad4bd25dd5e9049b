//! The console's notice calls.

use panelcare_model::{
    console::AgentText,
    notice::{AgentNotice, NewNotice},
};

use crate::api::{Api, ApiError, call, no_content};

impl Api {
    pub async fn notices(&self) -> Result<Vec<AgentNotice>, ApiError> {
        call("GET", "/console/api/notices", None, None::<&()>).await
    }

    pub async fn create_notice(&self, n: &NewNotice) -> Result<AgentNotice, ApiError> {
        call("POST", "/console/api/notices", Some(&self.csrf), Some(n)).await
    }

    pub async fn update_notice(&self, id: &str, n: &NewNotice) -> Result<AgentNotice, ApiError> {
        call(
            "PUT",
            &format!("/console/api/notices/{id}"),
            Some(&self.csrf),
            Some(n),
        )
        .await
    }

    pub async fn notice_update(&self, id: &str, text: &str) -> Result<AgentNotice, ApiError> {
        let body = AgentText { text: text.into() };
        call(
            "POST",
            &format!("/console/api/notices/{id}/updates"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn remove_notice(&self, id: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/notices/{id}"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }
}
