//! The console's knowledge-base calls.

use panelcare_model::kb::{AgentArticle, NewArticle};

use crate::api::{Api, ApiError, call, no_content};

impl Api {
    pub async fn articles(&self) -> Result<Vec<AgentArticle>, ApiError> {
        call("GET", "/console/api/kb", None, None::<&()>).await
    }

    pub async fn create_article(&self, a: &NewArticle) -> Result<AgentArticle, ApiError> {
        call("POST", "/console/api/kb", Some(&self.csrf), Some(a)).await
    }

    pub async fn update_article(&self, id: &str, a: &NewArticle) -> Result<AgentArticle, ApiError> {
        call(
            "PUT",
            &format!("/console/api/kb/{id}"),
            Some(&self.csrf),
            Some(a),
        )
        .await
    }

    pub async fn remove_article(&self, id: &str) -> Result<(), ApiError> {
        no_content(
            call::<serde::de::IgnoredAny>(
                "DELETE",
                &format!("/console/api/kb/{id}"),
                Some(&self.csrf),
                None::<&()>,
            )
            .await,
        )
    }
}
