//! What an idea's voters pay a month: their plans priced by the offer catalogue of the idea's
//! tenant (as its customers are offered it, a reseller's prices included), in the currency of
//! the catalogue's first plan. For the moderation queue's "revenue" order and figures.

use std::collections::HashMap;

use panelcare_model::{
    ideas::{IdeaVisibility, QueuedIdea},
    offers::catalogue::ItemKind,
};

use super::store::queue::{self, Filter};
use crate::{error::AppResult, offers, state::AppState, tenants::Scope};

/// Each tenant's plan prices, and each idea's voters by plan.
struct Prices {
    /// Tenant → (currency, plan → monthly cents).
    tenants: HashMap<String, (String, HashMap<String, i64>)>,
    /// Idea → (plan, voters).
    voters: HashMap<String, Vec<(Option<String>, i64)>>,
}

impl Prices {
    /// For the ideas of `tenants`; `only` reads one idea's voters, not the scope's.
    async fn load(
        state: &AppState,
        scope: &Scope,
        only: Option<&str>,
        tenants: &[&str],
    ) -> AppResult<Self> {
        let mut voters: HashMap<String, Vec<(Option<String>, i64)>> = HashMap::new();
        for (idea, plan, n) in queue::voter_plans(&state.db, scope, only).await? {
            voters.entry(idea).or_default().push((plan, n));
        }
        let mut prices = HashMap::new();
        for &tenant in tenants {
            if prices.contains_key(tenant) {
                continue;
            }
            let catalogue = offers::store::catalogue(&state.db, tenant).await?;
            let plans = catalogue.items(ItemKind::Plan);
            let currency = plans
                .first()
                .map(|p| p.price.currency.clone())
                .unwrap_or_default();
            let monthly = plans
                .iter()
                .filter(|p| p.price.currency == currency)
                .map(|p| (p.id.clone(), p.price.monthly_cents()))
                .collect();
            prices.insert(tenant.to_owned(), (currency, monthly));
        }
        Ok(Self {
            tenants: prices,
            voters,
        })
    }

    /// Idea `id` of `tenant`: what its voters pay a month, and in what currency.
    fn of(&self, id: &str, tenant: &str) -> Option<(i64, &str)> {
        let (currency, monthly) = self.tenants.get(tenant)?;
        let cents = self.voters.get(id).map_or(0, |plans| {
            plans
                .iter()
                .filter_map(|(plan, n)| Some(monthly.get(plan.as_deref()?)? * n))
                .sum()
        });
        Some((cents, currency))
    }
}

/// Fills in `revenue_cents` and `currency` of `items`.
pub async fn price(state: &AppState, scope: &Scope, items: &mut [QueuedIdea]) -> AppResult<()> {
    // One idea's voters when one is shown (after every change and merge), not the scope's.
    let only = match items {
        [one] => Some(one.id.clone()),
        _ => None,
    };
    let tenants: Vec<&str> = items.iter().map(|i| i.tenant_id.as_str()).collect();
    let prices = Prices::load(state, scope, only.as_deref(), &tenants).await?;
    for item in items.iter_mut() {
        if let Some((cents, currency)) = prices.of(&item.id, &item.tenant_id) {
            item.revenue_cents = cents;
            currency.clone_into(&mut item.currency);
        }
    }
    Ok(())
}

/// The queue by revenue: every idea `filter` lets through is priced and ordered (waiting
/// ones first, then what the voters pay, then newest), and the first page read.
pub async fn queue_by_revenue(
    state: &AppState,
    scope: &Scope,
    filter: &Filter,
) -> AppResult<Vec<QueuedIdea>> {
    let keys = queue::keys(&state.db, scope, filter).await?;
    let tenants: Vec<&str> = keys.iter().map(|k| k.tenant_id.as_str()).collect();
    let prices = Prices::load(state, scope, None, &tenants).await?;
    let mut ranked: Vec<(bool, i64, i64, &str)> = keys
        .iter()
        .map(|k| {
            let cents = prices.of(&k.id, &k.tenant_id).map_or(0, |(c, _)| c);
            let waiting = k.visibility == IdeaVisibility::Pending.as_str();
            (waiting, cents, k.created_at, k.id.as_str())
        })
        .collect();
    ranked.sort_by(|a, b| (b.0, b.1, b.2).cmp(&(a.0, a.1, a.2)).then(a.3.cmp(b.3)));
    ranked.truncate(usize::try_from(queue::LIMIT).unwrap_or(usize::MAX));
    let page: Vec<String> = ranked.iter().map(|r| r.3.to_owned()).collect();
    let mut items = queue::by_ids(&state.db, scope, &page).await?;
    let at: HashMap<&str, usize> = page
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    items.sort_by_key(|i| at.get(i.id.as_str()).copied().unwrap_or(usize::MAX));
    for item in &mut items {
        if let Some((cents, currency)) = prices.of(&item.id, &item.tenant_id) {
            item.revenue_cents = cents;
            currency.clone_into(&mut item.currency);
        }
    }
    Ok(items)
}
