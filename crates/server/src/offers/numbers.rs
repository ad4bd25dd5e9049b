//! The offers funnel per tenant, rule and variant over the last days, counted in customers
//! (not page views), with the rules' and targets' names; and its CSV form for spreadsheets.

use std::collections::HashMap;

use panelcare_model::offers::numbers::{FunnelRow, OfferNumbers, TenantOffers};

use super::{snapshot::DAY_MS, store};
use crate::{
    db::Db,
    tenants::{self, Scope},
    time::now_ms,
};

/// The funnel of every tenant of `scope` over the last `days`.
pub async fn gather(db: &Db, scope: &Scope, days: u32) -> Result<OfferNumbers, sqlx::Error> {
    let since = now_ms() - i64::from(days) * DAY_MS;
    let tenants = tenants::store::in_scope(db, scope).await?;
    let rows = store::funnel(db, scope, since).await?;
    let names = store::rule_names(db, scope).await?;
    let name_of = |tenant: &str, rule: &str| -> String {
        if let Some(tier) = rule.strip_prefix("support:") {
            return format!("Premium support upsell ({tier})");
        }
        names
            .iter()
            .find(|(t, r, _)| t == tenant && r == rule)
            .map_or_else(|| format!("{rule} (deleted)"), |(_, _, n)| n.clone())
    };
    let mut catalogues = HashMap::new();
    for t in &tenants {
        catalogues.insert(t.id.clone(), store::catalogue(db, &t.id).await?);
    }
    let target_name = |tenant: &str, target: &str| -> String {
        catalogues
            .get(tenant)
            .and_then(|c| c.item(target))
            .map(|(_, i)| i.name.clone())
            .unwrap_or_default()
    };
    let tenants = tenants
        .into_iter()
        .map(|t| {
            let mine = rows.iter().filter(|(tenant, _)| *tenant == t.id);
            // Purchases the host reported that no offer led to have no rule.
            let unattributed = mine
                .clone()
                .filter(|(_, r)| r.rule.is_empty())
                .map(|(_, r)| r.converted)
                .sum();
            let rows = mine
                .filter(|(_, r)| !r.rule.is_empty())
                .map(|(_, r)| {
                    FunnelRow {
                        rule_name: name_of(&t.id, &r.rule),
                        target_name: target_name(&t.id, &r.target),
                        ..r.clone()
                    }
                    .with_rates()
                })
                .collect();
            TenantOffers {
                tenant_id: t.id,
                tenant_name: t.name,
                rows,
                unattributed,
            }
        })
        .collect();
    Ok(OfferNumbers { days, tenants })
}

/// A cell for a spreadsheet: quoted, and never read as a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The funnel rows as CSV, one line per tenant, rule and variant.
pub fn csv(n: &OfferNumbers) -> String {
    let mut out = String::from(
        "tenant,rule,rule_name,variant,target,target_name,shown,clicked,converted,snoozed,dismissed,rate,rate_low,rate_high,uplift_monthly,currency\n",
    );
    for t in &n.tenants {
        for r in &t.rows {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{},{:.4},{:.4},{:.4},{:.2},{}\n",
                cell(&t.tenant_id),
                cell(&r.rule),
                cell(&r.rule_name),
                cell(&r.variant),
                cell(&r.target),
                cell(&r.target_name),
                r.shown,
                r.clicked,
                r.converted,
                r.snoozed,
                r.dismissed,
                r.rate,
                r.rate_low,
                r.rate_high,
                r.uplift_monthly_cents as f64 / 100.0,
                cell(&r.currency),
            ));
        }
    }
    out
}
