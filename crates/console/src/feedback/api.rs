//! The console's feedback calls: the inbox, one suggestion, and what an agent does with it.
//! Every change answers with the whole suggestion as it is now.

use panelcare_model::console::{AgentText, Inbox, InboxDetail, StatusChange};

use crate::api::{Api, ApiError, call};

impl Api {
    /// The inbox; `query` is the filters' `?…` (empty for none).
    pub async fn inbox(&self, query: &str) -> Result<Inbox, ApiError> {
        call(
            "GET",
            &format!("/console/api/feedback{query}"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn suggestion(&self, id: &str) -> Result<InboxDetail, ApiError> {
        call(
            "GET",
            &format!("/console/api/feedback/{id}"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn set_suggestion_status(
        &self,
        id: &str,
        status: &str,
    ) -> Result<InboxDetail, ApiError> {
        let body = StatusChange {
            status: status.into(),
        };
        call(
            "POST",
            &format!("/console/api/feedback/{id}/status"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn answer_suggestion(&self, id: &str, text: &str) -> Result<InboxDetail, ApiError> {
        let body = AgentText { text: text.into() };
        call(
            "POST",
            &format!("/console/api/feedback/{id}/answer"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn add_suggestion_note(&self, id: &str, text: &str) -> Result<InboxDetail, ApiError> {
        let body = AgentText { text: text.into() };
        call(
            "POST",
            &format!("/console/api/feedback/{id}/notes"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }
}
