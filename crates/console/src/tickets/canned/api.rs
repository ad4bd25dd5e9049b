//! The console's calls for canned replies: the list (which the composer offers too), adding,
//! changing and removing one.

use panelcare_model::ticket::console::{CannedReply, NewCannedReply};

use crate::api::{Api, ApiError, call, no_content};

impl Api {
    pub async fn canned_replies(&self) -> Result<Vec<CannedReply>, ApiError> {
        call("GET", "/console/api/canned-replies", None, None::<&()>).await
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
