//! The console's offer calls: catalogue, reseller overrides, rules (JSON and TOML), the
//! rules' preview and the numbers.

use std::collections::BTreeMap;

use panelcare_model::offers::{
    Catalogue, Offer, ResellerCatalogue, RuleSet, numbers::OfferNumbers,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::api::{Api, ApiError, call, call_raw};

/// One metric of a hand-made snapshot; `limit: null` is unlimited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub used: f64,
    pub limit: Option<f64>,
}

/// The usage part of a preview: metrics by name beside the service id, as hosts send it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PreviewUsage {
    #[serde(flatten)]
    pub metrics: BTreeMap<String, Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
}

/// `POST /console/api/offers/preview`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PreviewRequest {
    pub usage: PreviewUsage,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub plan: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub support_tier: String,
    pub lang: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PreviewAnswer {
    #[serde(default)]
    pub offer: Option<Offer>,
}

fn tenant_query(tenant: &str) -> String {
    crate::api::query_string(&[("tenant", tenant)])
}

/// Where the saved rules download as a TOML file.
pub fn rules_toml_url(tenant: &str) -> String {
    format!("/console/api/offers/rules.toml{}", tenant_query(tenant))
}

/// Where the numbers download as CSV.
pub fn numbers_csv_url(days: u32) -> String {
    format!("/console/api/offers/numbers.csv?days={days}")
}

impl Api {
    pub async fn offer_catalogue(&self, tenant: &str) -> Result<Catalogue, ApiError> {
        let path = format!("/console/api/offers/catalogue{}", tenant_query(tenant));
        call("GET", &path, None, None::<&()>).await
    }

    pub async fn save_offer_catalogue(
        &self,
        tenant: &str,
        c: &Catalogue,
    ) -> Result<Catalogue, ApiError> {
        let path = format!("/console/api/offers/catalogue{}", tenant_query(tenant));
        call("PUT", &path, Some(&self.csrf), Some(c)).await
    }

    pub async fn offer_overrides(&self, tenant: &str) -> Result<ResellerCatalogue, ApiError> {
        let path = format!("/console/api/offers/overrides{}", tenant_query(tenant));
        call("GET", &path, None, None::<&()>).await
    }

    pub async fn save_offer_overrides(
        &self,
        tenant: &str,
        r: &ResellerCatalogue,
    ) -> Result<ResellerCatalogue, ApiError> {
        let path = format!("/console/api/offers/overrides{}", tenant_query(tenant));
        call("PUT", &path, Some(&self.csrf), Some(r)).await
    }

    pub async fn offer_rules(&self, tenant: &str) -> Result<RuleSet, ApiError> {
        let path = format!("/console/api/offers/rules{}", tenant_query(tenant));
        call("GET", &path, None, None::<&()>).await
    }

    pub async fn save_offer_rules(&self, tenant: &str, r: &RuleSet) -> Result<RuleSet, ApiError> {
        let path = format!("/console/api/offers/rules{}", tenant_query(tenant));
        call("PUT", &path, Some(&self.csrf), Some(r)).await
    }

    /// Replaces the rules with those of a TOML file, checked by the server as a save is.
    pub async fn import_offer_rules(&self, tenant: &str, toml: &str) -> Result<RuleSet, ApiError> {
        let path = format!("/console/api/offers/rules.toml{}", tenant_query(tenant));
        call_raw(
            "PUT",
            &path,
            &self.csrf,
            &JsValue::from_str(toml),
            "application/toml",
        )
        .await
    }

    pub async fn preview_offer(
        &self,
        tenant: &str,
        p: &PreviewRequest,
    ) -> Result<PreviewAnswer, ApiError> {
        let path = format!("/console/api/offers/preview{}", tenant_query(tenant));
        call("POST", &path, Some(&self.csrf), Some(p)).await
    }

    pub async fn offer_numbers(&self, days: u32) -> Result<OfferNumbers, ApiError> {
        let path = format!("/console/api/offers/numbers?days={days}");
        call("GET", &path, None, None::<&()>).await
    }
}
