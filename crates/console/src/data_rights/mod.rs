//! The Customer data page, for admins: one customer account's export and erase, and the
//! tenant's retention settings. Server side: `crates/server/src/data_rights/`.

mod api;
mod customer;
mod retention;

use yew::prelude::*;

use crate::{form, tenants::use_tenants};
use customer::CustomerData;
use retention::RetentionForm;

#[component]
pub fn DataRightsPage() -> Html {
    let (tenants, tenant) = use_tenants();
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(form::select_value(&e)))
    };
    let chosen = AttrValue::from((*tenant).clone());
    html! {
        <section aria-labelledby="c-dr-title">
            <h1 id="c-dr-title" class="c-title">{ "Customer data" }</h1>
            <div class="c-field">
                <label for="c-dr-tenant">{ "Tenant" }</label>
                <select id="c-dr-tenant" onchange={on_tenant}>
                    { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                </select>
            </div>
            if !tenant.is_empty() {
                // Keyed by tenant: a customer typed for one tenant is never erased at another,
                // and the retention form never saves one tenant's figures to another. Siblings'
                // keys must differ, so each names its form too.
                <CustomerData key={format!("customer-{chosen}")} tenant={chosen.clone()} />
                <RetentionForm key={format!("retention-{chosen}")} tenant={chosen.clone()} />
            }
        </section>
    }
}
