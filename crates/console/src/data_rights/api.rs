//! The console's data-rights calls: one customer's export address and erase, and a tenant's
//! retention settings.

use panelcare_model::data_rights::{EraseRequest, Erased, Retention};

use crate::api::{Api, ApiError, call};

/// `/console/api/tenants/{tenant}/customers/{account}`, the account id escaped (a host may
/// use any characters in it).
fn customer(tenant: &str, account: &str) -> String {
    format!(
        "/console/api/tenants/{}/customers/{}",
        js_sys::encode_uri_component(tenant),
        js_sys::encode_uri_component(account)
    )
}

/// Where the account's export downloads (a plain GET: the session cookie goes along).
pub fn export_url(tenant: &str, account: &str) -> String {
    format!("{}/export", customer(tenant, account))
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
