//! The offers page: one tenant at a time for its rules and catalogue (a reseller changes its
//! provider's catalogue instead of writing one), and the numbers of every tenant in scope.

use yew::prelude::*;

use super::{CatalogueEditor, OfferNumbersView, OverridesEditor, RulesEditor};
use crate::{api::Api, form, tenants::use_tenants};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OffersProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Rules,
    Catalogue,
    Numbers,
}

#[component]
pub fn OffersView(props: &OffersProps) -> Html {
    let (tenants, tenant) = use_tenants();
    let part = use_state(|| Part::Rules);
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(form::select_value(&e)))
    };
    let chosen = AttrValue::from((*tenant).clone());
    let reseller = tenants
        .iter()
        .find(|t| t.id == *tenant)
        .is_some_and(|t| t.parent_id.is_some());
    let tab = |p: Part, label: &'static str| {
        let part = part.clone();
        let current = (*part == p).then_some("page");
        html! {
            <button type="button" class="c-tab" aria-current={current} onclick={Callback::from(move |_: MouseEvent| part.set(p))}>{ label }</button>
        }
    };
    let api = props.api.clone();
    let out = props.on_signed_out.clone();
    html! {
        <section aria-labelledby="c-offers-title">
            <h1 id="c-offers-title" class="c-title">{ "Offers" }</h1>
            <nav class="c-tabs" aria-label="Offers">
                { tab(Part::Rules, "Rules") }
                { tab(Part::Catalogue, if reseller { "Your catalogue" } else { "Catalogue" }) }
                { tab(Part::Numbers, "Numbers") }
            </nav>
            if *part != Part::Numbers && tenants.len() > 1 {
                <div class="c-field c-narrow">
                    <label for="c-o-tenant">{ "Tenant" }</label>
                    <select id="c-o-tenant" onchange={on_tenant}>
                        { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                    </select>
                </div>
            }
            if *part == Part::Numbers {
                <OfferNumbersView {api} on_signed_out={out} />
            } else if chosen.is_empty() {
                <p class="c-muted">{ "Loading…" }</p>
            } else if *part == Part::Rules {
                <RulesEditor key={format!("r-{chosen}")} {api} tenant={chosen.clone()} on_signed_out={out} />
            } else if reseller {
                <section class="c-card c-section" aria-labelledby="c-o-cat-title">
                    <h2 id="c-o-cat-title">{ "Your catalogue" }</h2>
                    <OverridesEditor key={format!("o-{chosen}")} {api} tenant={chosen.clone()} on_signed_out={out} />
                </section>
            } else {
                <section class="c-card c-section" aria-labelledby="c-o-cat-title">
                    <h2 id="c-o-cat-title">{ "Catalogue" }</h2>
                    <CatalogueEditor key={format!("c-{chosen}")} {api} tenant={chosen.clone()} on_signed_out={out} />
                </section>
            }
        </section>
    }
}
