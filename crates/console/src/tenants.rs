//! The tenants an admin works on, for the pages that edit one tenant at a time.

use panelcare_model::console::TenantInfo;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

/// Loads the tenants in the agent's scope once; returns them and the chosen one (the first
/// until the admin picks another).
#[hook]
pub fn use_tenants() -> (UseStateHandle<Vec<TenantInfo>>, UseStateHandle<String>) {
    let console = use_console();
    let tenants = use_state(Vec::<TenantInfo>::new);
    let tenant = use_state(String::new);
    {
        let (tenants, tenant) = (tenants.clone(), tenant.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                // A failed list leaves the pages' tenant choice empty; they say so.
                let listed = console.settle(console.api.tenants().await, |_| {});
                if let Some(list) = listed {
                    if let Some(first) = list.first() {
                        tenant.set(first.id.clone());
                    }
                    tenants.set(list);
                }
            });
        });
    }
    (tenants, tenant)
}
