//! Premium support as an offer: a customer on a slower tier who picks a high or critical
//! priority sees how soon the tenant's faster tier would answer.

use panelcare_model::{
    Lang,
    offers::{
        Catalogue, Upsell, format,
        template::{Template, Var},
    },
    ticket::{DEFAULT_TIER, TicketSettings},
};

use crate::auth::Customer;

/// The fastest support tier that answers critical tickets sooner than the customer's own.
pub fn premium(catalogue: &Catalogue, settings: &TicketSettings, who: &Customer) -> Option<Upsell> {
    let mine = who.support_tier.as_deref().unwrap_or(DEFAULT_TIER);
    let now = settings.policy(Some(mine)).first_response;
    let lang = who
        .locale
        .as_deref()
        .map(Lang::from_locale)
        .unwrap_or_default();
    catalogue
        .support
        .iter()
        .filter(|i| i.sla_tier != mine && !i.cta_url.is_empty())
        .filter_map(|i| {
            let policy = settings.policies.get(&i.sla_tier)?;
            let faster = policy.first_response.critical < now.critical
                || policy.first_response.high < now.high;
            faster.then_some((i, policy.first_response))
        })
        .min_by_key(|(_, t)| t.critical)
        .and_then(|(item, targets)| {
            let link = Template::parse(&item.cta_url).ok()?;
            let cta_url = link.render_link(&|v| match v {
                Var::AccountId => Some(who.account_id.clone()),
                Var::TargetId => Some(item.id.clone()),
                Var::TargetName => Some(item.name.clone()),
                Var::PlanId => who.plan.clone(),
                _ => None,
            })?;
            Some(Upsell {
                rule: format!("support:{}", item.id),
                name: item.name.clone(),
                price: format!(
                    "{}{}",
                    format::money(item.price.cents, &item.price.currency, lang),
                    format::per(item.price.period, lang)
                ),
                first_response: targets,
                cta_url,
            })
        })
}
