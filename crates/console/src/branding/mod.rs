//! The branding editor: a tenant's product name, logo, colours, corner radius, font, theme,
//! languages and wording, with a live preview of the widget and a warning when colours fail
//! WCAG AA contrast.

mod checks;
mod form;
mod languages;
mod preview;
mod texts;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::tenants::use_tenants;
use form::BrandingForm;

/// The page: the tenant choice, and that tenant's form once the tenants are known.
#[component]
pub fn BrandingEditor() -> Html {
    let (tenants, tenant) = use_tenants();
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| {
            tenant.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let picker = html! {
        <div class="c-field">
            <label for="c-b-tenant">{ "Tenant" }</label>
            <select id="c-b-tenant" onchange={on_tenant}>
                { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
            </select>
        </div>
    };
    html! {
        <section aria-labelledby="c-branding-title">
            <h1 id="c-branding-title" class="c-title">{ "Branding" }</h1>
            <div class="c-branding">
                if tenant.is_empty() {
                    <p class="c-muted">{ "Loading…" }</p>
                } else {
                    <BrandingForm tenant={AttrValue::from((*tenant).clone())} {picker} />
                }
            </div>
        </section>
    }
}
