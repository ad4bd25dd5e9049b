//! The tenants an admin works on, for the pages that edit one tenant at a time.

use panelcare_model::console::TenantInfo;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Api;

/// Loads the tenants in the agent's scope once; returns them and the chosen one (the first
/// until the admin picks another).
#[hook]
pub fn use_tenants(
    api: &Api,
    on_signed_out: &Callback<()>,
) -> (UseStateHandle<Vec<TenantInfo>>, UseStateHandle<String>) {
    let tenants = use_state(Vec::<TenantInfo>::new);
    let tenant = use_state(String::new);
    {
        let (api, tenants, tenant, on_signed_out) = (
            api.clone(),
            tenants.clone(),
            tenant.clone(),
            on_signed_out.clone(),
        );
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api.tenants().await {
                    Ok(list) => {
                        if let Some(first) = list.first() {
                            tenant.set(first.id.clone());
                        }
                        tenants.set(list);
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(_) => {}
                }
            });
        });
    }
    (tenants, tenant)
}
