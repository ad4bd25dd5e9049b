//! The tenants an admin works on, for the pages that edit one tenant at a time.

use panelcare_model::console::TenantInfo;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

/// Loads the tenants in the agent's scope once; returns them and the chosen one (the first
/// until the admin picks another).
#[hook]
pub fn use_tenants() -> (UseStateHandle<Vec<TenantInfo>>, UseStateHandle<String>) {
    use_tenants_for(None)
}

/// [`use_tenants`] for a page whose address may name a tenant (`wanted`): that tenant is
/// chosen instead of the first when the list arrives, and again whenever the address names
/// another. A tenant the list lacks (not in the agent's scope) leaves the choice as it was.
#[hook]
pub fn use_tenants_for(
    wanted: Option<AttrValue>,
) -> (UseStateHandle<Vec<TenantInfo>>, UseStateHandle<String>) {
    let console = use_console();
    let tenants = use_state(Vec::<TenantInfo>::new);
    let tenant = use_state(String::new);
    // The address as it is when the list arrives, which may be after it changed.
    let latest = use_mut_ref(|| None::<AttrValue>);
    latest.borrow_mut().clone_from(&wanted);
    {
        let (tenants, tenant) = (tenants.clone(), tenant.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                // A failed list leaves the pages' tenant choice empty; they say so.
                let listed = console.settle(console.api.tenants().await, |_| {});
                if let Some(list) = listed {
                    let named = latest.borrow().clone();
                    if let Some(first) = chosen(&list, named.as_deref()).or(list.first()) {
                        tenant.set(first.id.clone());
                    }
                    tenants.set(list);
                }
            });
        });
    }
    {
        // Once listed, an address naming another tenant (a link followed from this page)
        // chooses it; before that, the arrival above does.
        let (tenants, tenant) = (tenants.clone(), tenant.clone());
        use_effect_with(wanted, move |wanted| {
            if let Some(t) = chosen(&tenants, wanted.as_deref())
                && *tenant != t.id
            {
                tenant.set(t.id.clone());
            }
        });
    }
    (tenants, tenant)
}

/// The tenant `wanted` names, if the list has it.
fn chosen<'a>(list: &'a [TenantInfo], wanted: Option<&str>) -> Option<&'a TenantInfo> {
    let wanted = wanted?;
    list.iter().find(|t| t.id == wanted)
}
