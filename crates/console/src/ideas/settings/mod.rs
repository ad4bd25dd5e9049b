//! A tenant's ideas board settings, for its admins (and the provider's, who choose among
//! their resellers): each reseller's board is its own.

mod form;

use yew::prelude::*;

use super::tabs::IdeasTabs;
use crate::tenants::use_tenants;
use form::IdeaSettingsForm;

/// The page: the tenant choice (when there are several) and that tenant's settings.
#[component]
pub fn IdeaSettingsPage() -> Html {
    let (tenants, tenant) = use_tenants();
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(crate::form::select_value(&e)))
    };
    let chosen = AttrValue::from((*tenant).clone());
    html! {
        <section aria-labelledby="c-is-title">
            <h1 id="c-is-title" class="c-title" tabindex="-1">{ "Ideas board settings" }</h1>
            <IdeasTabs />
            if tenants.len() > 1 {
                <div class="c-field c-narrow">
                    <label for="c-is-tenant">{ "Tenant" }</label>
                    <select id="c-is-tenant" onchange={on_tenant}>
                        { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                    </select>
                </div>
                <p class="c-hint">{ "Each reseller's board is its own: its customers see only its ideas." }</p>
            }
            if chosen.is_empty() {
                <p class="c-muted">{ "Loading…" }</p>
            } else {
                <IdeaSettingsForm key={chosen.to_string()} tenant={chosen.clone()} />
            }
        </section>
    }
}
