//! The console's calls for low ratings: the badge's counts, marking what an agent opened as
//! seen, the list and the figure.

use panelcare_model::alerts::{AlertKind, AlertList, Unseen, numbers::AlertNumbers};

use crate::api::{Api, ApiError, call};

impl Api {
    pub async fn unseen_alerts(&self) -> Result<Unseen, ApiError> {
        call("GET", "/console/api/alerts/unseen", None, None::<&()>).await
    }

    /// The agent opened suggestion or ticket `id`: a low rating on it is seen. Answers the
    /// badge's counts as they are now.
    pub async fn alert_seen(&self, kind: AlertKind, id: &str) -> Result<Unseen, ApiError> {
        call(
            "POST",
            &format!("/console/api/alerts/{}/{id}/seen", kind.as_str()),
            Some(&self.csrf),
            None::<&()>,
        )
        .await
    }

    pub async fn alerts(&self) -> Result<AlertList, ApiError> {
        call("GET", "/console/api/alerts", None, None::<&()>).await
    }

    pub async fn alert_numbers(&self) -> Result<AlertNumbers, ApiError> {
        call("GET", "/console/api/alerts/numbers", None, None::<&()>).await
    }
}
