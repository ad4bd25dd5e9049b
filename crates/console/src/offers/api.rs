//! The console's offer calls: catalogue, reseller overrides, rules (JSON and TOML), the
//! rules' preview and the numbers.

use std::collections::BTreeMap;

use panelcare_model::{
    ErrorBody,
    offers::{Catalogue, Offer, ResellerCatalogue, RuleSet, numbers::OfferNumbers},
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, Response};

use crate::api::{Api, ApiError, call};

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
        put_text(&path, &self.csrf, toml, "application/toml").await
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

/// `PUT` of a text body with its own content type, answered with JSON.
// `crate::api::call_raw` only POSTs; this is the same request with PUT, answered the same way.
async fn put_text<T: serde::de::DeserializeOwned>(
    path: &str,
    csrf: &str,
    body: &str,
    content_type: &str,
) -> Result<T, ApiError> {
    let headers = Headers::new().map_err(|_| ApiError::Network)?;
    let _ = headers.set("Accept", "application/json");
    let _ = headers.set("X-CSRF-Token", csrf);
    let _ = headers.set("Content-Type", content_type);
    let init = RequestInit::new();
    init.set_method("PUT");
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_body(&JsValue::from_str(body));
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|_| ApiError::Network)?
        .unchecked_into();
    let status = response.status();
    let json: Option<JsValue> = match response.json() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    if (200..300).contains(&status) {
        return json
            .and_then(|j| serde_wasm_bindgen::from_value(j).ok())
            .ok_or(ApiError::Unexpected(status));
    }
    match json.and_then(|j| serde_wasm_bindgen::from_value::<ErrorBody>(j).ok()) {
        Some(body) => Err(ApiError::Refused {
            status,
            error: body.error,
        }),
        None => Err(ApiError::Unexpected(status)),
    }
}
