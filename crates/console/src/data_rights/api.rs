//! The console's data-rights calls: one customer's export address and erase, and a tenant's
//! retention settings.

use panelcare_model::data_rights::{EraseRequest, Erased, Retention};

use serde::de::IgnoredAny;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{Api, ApiError, call, fetch, read};

/// `/console/api/tenants/{tenant}/customers/{account}`, the account id escaped (a host may
/// use any characters in it).
fn customer(tenant: &str, account: &str) -> String {
    format!(
        "/console/api/tenants/{}/customers/{}",
        js_sys::encode_uri_component(tenant),
        js_sys::encode_uri_component(account)
    )
}

/// The account's export as indented JSON text, or the refusal (never saved as the export).
pub async fn export(tenant: &str, account: &str) -> Result<String, ApiError> {
    let path = format!("{}/export", customer(tenant, account));
    let (status, json) = fetch("GET", &path, None, None).await?;
    match json {
        Some(doc) if (200..300).contains(&status) => {
            js_sys::JSON::stringify_with_replacer_and_space(&doc, &JsValue::NULL, &2.into())
                .ok()
                .and_then(|t| t.as_string())
                .ok_or(ApiError::Unexpected(status))
        }
        json => Err(read::<IgnoredAny>(status, json)
            .err()
            .unwrap_or(ApiError::Unexpected(status))),
    }
}

/// Hands `text` to the browser as a download named `name`.
pub fn save_as(name: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link: web_sys::HtmlAnchorElement = web_sys::window()?
        .document()?
        .create_element("a")
        .ok()?
        .dyn_into()
        .ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Some browsers read the blob after `click` returns; a minute later it is surely done.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Some(())
}

fn retention_path(tenant: &str) -> String {
    format!(
        "/console/api/tenants/{}/retention",
        js_sys::encode_uri_component(tenant)
    )
}

impl Api {
    pub async fn erase_customer(
        &self,
        tenant: &str,
        account: &str,
        confirm: &str,
    ) -> Result<Erased, ApiError> {
        let body = EraseRequest {
            confirm: confirm.into(),
        };
        call(
            "POST",
            &format!("{}/erase", customer(tenant, account)),
            Some(&self.csrf),
            Some(&body),
        )
        .await
    }

    pub async fn retention(&self, tenant: &str) -> Result<Retention, ApiError> {
        call("GET", &retention_path(tenant), None, None::<&()>).await
    }

    pub async fn save_retention(&self, tenant: &str, r: &Retention) -> Result<Retention, ApiError> {
        call("PUT", &retention_path(tenant), Some(&self.csrf), Some(r)).await
    }
}
