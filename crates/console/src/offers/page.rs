//! The offers page: one tenant at a time for its rules and catalogue (a reseller changes its
//! provider's catalogue instead of writing one), and the numbers of every tenant in scope.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{CatalogueEditor, OfferNumbersView, OverridesEditor, RulesEditor};
use crate::{
    form,
    route::{self, Route},
    tenants::use_tenants_for,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OffersProps {
    /// The tenant whose rule the address names (`/console/offers/{tenant}/rules/{id}`): its
    /// rules are shown, whichever tenant the list has first.
    #[prop_or_default]
    pub tenant: Option<AttrValue>,
    /// The rule the address names: the rules tab, its form open.
    #[prop_or_default]
    pub rule: Option<AttrValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Rules,
    Catalogue,
    Numbers,
}

#[component]
pub fn OffersView(props: &OffersProps) -> Html {
    let (tenants, tenant) = use_tenants_for(props.tenant.clone());
    let part = use_state(|| Part::Rules);
    let navigator = use_navigator();
    {
        // An address naming a rule shows the rules, whichever tab was open.
        let part = part.clone();
        use_effect_with(props.rule.clone(), move |rule| {
            if rule.is_some() {
                part.set(Part::Rules);
            }
        });
    }
    let on_tenant = {
        let (tenant, navigator, rule_open) =
            (tenant.clone(), navigator.clone(), props.rule.is_some());
        Callback::from(move |e: Event| {
            tenant.set(form::select_value(&e));
            // A rule's address names a rule of the tenant shown before: leave it.
            if rule_open {
                route::go(&navigator, &Route::Offers);
            }
        })
    };
    let chosen = AttrValue::from((*tenant).clone());
    // An address naming a tenant outside the agent's scope (a link another admin sent).
    let unknown = props
        .tenant
        .as_ref()
        .filter(|t| !tenants.is_empty() && !tenants.iter().any(|l| l.id == t.as_str()));
    let reseller = tenants
        .iter()
        .find(|t| t.id == *tenant)
        .is_some_and(|t| t.parent_id.is_some());
    let tab = |p: Part, label: &'static str| {
        let (part, navigator, rule_open) = (part.clone(), navigator.clone(), props.rule.is_some());
        let current = (*part == p).then_some("page");
        let onclick = Callback::from(move |_: MouseEvent| {
            part.set(p);
            // Another tab leaves the open rule: the address goes back to the offers'.
            if rule_open && p != Part::Rules {
                route::go(&navigator, &Route::Offers);
            }
        });
        html! {
            <button type="button" class="c-tab" aria-current={current} {onclick}>{ label }</button>
        }
    };
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
            if let Some(t) = unknown {
                <p class="c-error" role="alert">{ format!("This address names the tenant “{t}”, which is not among yours; showing {} instead.", tenant_name(&tenants, &chosen)) }</p>
            }
            if *part == Part::Numbers {
                <OfferNumbersView />
            } else if chosen.is_empty() {
                <p class="c-muted">{ "Loading…" }</p>
            } else if *part == Part::Rules {
                <RulesEditor key={format!("r-{chosen}")} tenant={chosen.clone()} open={props.rule.clone()} />
            } else if reseller {
                <section class="c-card c-section" aria-labelledby="c-o-cat-title">
                    <h2 id="c-o-cat-title">{ "Your catalogue" }</h2>
                    <OverridesEditor key={format!("o-{chosen}")} tenant={chosen.clone()} />
                </section>
            } else {
                <section class="c-card c-section" aria-labelledby="c-o-cat-title">
                    <h2 id="c-o-cat-title">{ "Catalogue" }</h2>
                    <CatalogueEditor key={format!("c-{chosen}")} tenant={chosen.clone()} />
                </section>
            }
        </section>
    }
}

/// The name of the tenant `id`, or the id while the list has none.
fn tenant_name(tenants: &[panelcare_model::console::TenantInfo], id: &str) -> String {
    tenants
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_owned(), |t| t.name.clone())
}
