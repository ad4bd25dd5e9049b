//! The console's ideas board calls: the moderation queue, one idea, an agent's change, a
//! merge, the weekly figures and a tenant's board settings. Every change answers with the
//! idea as it is now (a merge: the idea merged into).

use panelcare_model::ideas::{
    IdeaChange, IdeaMerge, IdeaNumbers, IdeaQueue, IdeaSettings, QueuedIdea,
};

use crate::api::{Api, ApiError, call, query_string};

impl Api {
    /// The queue; `query` is the filters' `?…` (empty for none). Waiting ideas come first.
    pub async fn ideas(&self, query: &str) -> Result<IdeaQueue, ApiError> {
        call(
            "GET",
            &format!("/console/api/ideas{query}"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn idea(&self, id: &str) -> Result<QueuedIdea, ApiError> {
        call(
            "GET",
            &format!("/console/api/ideas/{id}"),
            None,
            None::<&()>,
        )
        .await
    }

    /// Publishes, hides or edits an idea, or sets its status and public answer; what the
    /// change leaves out stays as it is.
    pub async fn change_idea(&self, id: &str, change: &IdeaChange) -> Result<QueuedIdea, ApiError> {
        call(
            "POST",
            &format!("/console/api/ideas/{id}"),
            Some(&self.csrf),
            Some(change),
        )
        .await
    }

    /// Folds the duplicate `id` into `into` (same tenant); the answer is `into` now.
    pub async fn merge_idea(&self, id: &str, into: &str) -> Result<QueuedIdea, ApiError> {
        let body = IdeaMerge { into: into.into() };
        call(
            "POST",
            &format!("/console/api/ideas/{id}/merge"),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    /// The last eight weeks, oldest first; `tenant` empty: every tenant in scope.
    pub async fn idea_numbers(&self, tenant: &str) -> Result<IdeaNumbers, ApiError> {
        call(
            "GET",
            &format!(
                "/console/api/ideas/numbers{}",
                query_string(&[("tenant", tenant)])
            ),
            None,
            None::<&()>,
        )
        .await
    }

    /// Admins of the tenant only (anyone else: 404).
    pub async fn idea_settings(&self, tenant: &str) -> Result<IdeaSettings, ApiError> {
        call(
            "GET",
            &format!("/console/api/tenants/{tenant}/ideas"),
            None,
            None::<&()>,
        )
        .await
    }

    pub async fn save_idea_settings(
        &self,
        tenant: &str,
        s: &IdeaSettings,
    ) -> Result<IdeaSettings, ApiError> {
        call(
            "PUT",
            &format!("/console/api/tenants/{tenant}/ideas"),
            Some(&self.csrf),
            Some(s),
        )
        .await
    }
}
