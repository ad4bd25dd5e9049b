//! Picks the one offer a customer sees, if any: the highest-priority rule whose conditions
//! hold, that the customer has not turned down, and that has not been shown too often.
//!
//! Pure: the server gathers the facts (snapshot, earlier answers, ticket counts) and calls
//! [`evaluate`]. Nothing in here can panic on any snapshot (see the property tests).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    catalogue::{Catalogue, Item, ItemKind},
    condition::{Facts, Field, Part},
    format,
    rule::Compiled,
    template::Var,
    usage::{Metric, Snapshot},
};
use crate::Lang;

const DAY_MS: i64 = 86_400_000;

/// What one customer did with one rule's offer before.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// "Don't show again".
    pub dismissed: bool,
    /// When "not now" was last chosen.
    pub last_snooze_ms: Option<i64>,
    /// When the offer was seen, recent ones at least (the cap window).
    pub impressions_ms: Vec<i64>,
}

/// Everything evaluation reads.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub account_id: &'a str,
    pub snapshot: &'a Snapshot,
    pub facts: &'a Facts,
    /// Growth of each metric's use over 30 days, in percent, where known.
    pub trends: &'a BTreeMap<Metric, f64>,
    /// By rule id.
    pub history: &'a BTreeMap<String, History>,
    pub now_ms: i64,
    pub lang: Lang,
}

/// One reason an offer is shown: `key` names the figure (`disk`, `tickets_urgent`,
/// `bandwidth_trend`), `text` is the figure written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "key": "disk",
    "text": "9.2\u{a0}GB / 10\u{a0}GB (92%)"
})))]
pub struct Why {
    pub key: String,
    pub text: String,
}

/// One line of "what changes": a metric's limit now and with the offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "metric": "disk",
    "current": "10\u{a0}GB",
    "offered": "50\u{a0}GB"
})))]
pub struct Change {
    pub metric: Metric,
    pub current: String,
    pub offered: String,
}

/// The offer as the widget draws it (the `offer` of `POST /api/v1/offers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "rule": "disk-nearly-full",
    "variant": "b",
    "kind": "plan",
    "target": "pro",
    "target_name": "Pro",
    "current_name": "Starter",
    "headline": "Your site is almost out of space",
    "body": "You use 9.2\u{a0}GB of 10\u{a0}GB. Pro gives you 50\u{a0}GB for +€5.00/month.",
    "why": [
        {"key": "disk", "text": "9.2\u{a0}GB / 10\u{a0}GB (92%)"},
        {"key": "disk_trend", "text": "+18%"}
    ],
    "changes": [
        {"metric": "disk", "current": "10\u{a0}GB", "offered": "50\u{a0}GB"},
        {"metric": "databases", "current": "5", "offered": "unlimited"}
    ],
    "price": "€9.00/month",
    "price_diff": "+€5.00/month",
    "price_diff_cents": 500,
    "cta_url": "https://billing.example-host.com/upgrade.php?account=cust-1001&plan=pro",
    "snooze_days": 14
})))]
pub struct Offer {
    pub rule: String,
    #[serde(default)]
    pub variant: String,
    pub kind: ItemKind,
    pub target: String,
    pub target_name: String,
    #[serde(default)]
    pub current_name: String,
    pub headline: String,
    pub body: String,
    pub why: Vec<Why>,
    pub changes: Vec<Change>,
    /// The offered price, written out (`€9.00/month`).
    pub price: String,
    /// The difference a month against the current plan (`+€5.00/month`), when known.
    #[serde(default)]
    pub price_diff: String,
    pub price_diff_cents: i64,
    pub cta_url: String,
    pub snooze_days: u32,
}

/// `POST /api/v1/offers`: the best offer for the usage the host reported, or `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "offer": {
        "rule": "disk-nearly-full",
        "variant": "b",
        "kind": "plan",
        "target": "pro",
        "target_name": "Pro",
        "current_name": "Starter",
        "headline": "Your site is almost out of space",
        "body": "You use 9.2\u{a0}GB of 10\u{a0}GB. Pro gives you 50\u{a0}GB for +€5.00/month.",
        "why": [
            {"key": "disk", "text": "9.2\u{a0}GB / 10\u{a0}GB (92%)"},
            {"key": "disk_trend", "text": "+18%"}
        ],
        "changes": [
            {"metric": "disk", "current": "10\u{a0}GB", "offered": "50\u{a0}GB"},
            {"metric": "databases", "current": "5", "offered": "unlimited"}
        ],
        "price": "€9.00/month",
        "price_diff": "+€5.00/month",
        "price_diff_cents": 500,
        "cta_url": "https://billing.example-host.com/upgrade.php?account=cust-1001&plan=pro",
        "snooze_days": 14
    }
})))]
pub struct BestOffer {
    /// Always present; `null` when no rule picks an offer.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub offer: Option<Offer>,
}

/// The variant of `rule` that `account` sees: the same one on every visit, spread by weight.
pub fn variant_of(account: &str, rule: &Compiled) -> String {
    let total: u64 = rule.rule.variants.iter().map(|v| u64::from(v.weight)).sum();
    if total == 0 {
        return String::new();
    }
    let mut point = fnv1a(&format!("{account}/{}", rule.rule.id)) % total;
    for v in &rule.rule.variants {
        let w = u64::from(v.weight);
        if point < w {
            return v.id.clone();
        }
        point -= w;
    }
    String::new()
}

/// 64-bit FNV-1a: stable across builds and platforms, unlike `std`'s hasher.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Whether earlier answers and the frequency cap let `rule` be shown now.
pub fn allowed(rule: &Compiled, history: Option<&History>, now_ms: i64) -> bool {
    let Some(h) = history else { return true };
    if h.dismissed {
        return false;
    }
    let snooze = i64::from(rule.rule.snooze_days) * DAY_MS;
    if h.last_snooze_ms
        .is_some_and(|at| now_ms.saturating_sub(at) < snooze)
    {
        return false;
    }
    let window = i64::from(rule.rule.cap.per_days) * DAY_MS;
    let seen = h
        .impressions_ms
        .iter()
        .filter(|at| now_ms.saturating_sub(**at) < window)
        .count();
    seen < rule.rule.cap.impressions as usize
}

/// The offer to show, or none. `rules` are tried by priority (then in order).
pub fn evaluate(rules: &[Compiled], catalogue: &Catalogue, input: &Input<'_>) -> Option<Offer> {
    let mut order: Vec<&Compiled> = rules.iter().filter(|r| r.rule.enabled).collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.rule.priority));
    order
        .into_iter()
        .find_map(|rule| offer(rule, catalogue, input))
}

fn offer(rule: &Compiled, catalogue: &Catalogue, input: &Input<'_>) -> Option<Offer> {
    let target = catalogue.find(rule.kind, &rule.target)?;
    let facts = input.facts;
    // Never offer what the customer already has.
    match rule.kind {
        ItemKind::Plan if facts.plan.as_deref() == Some(target.id.as_str()) => return None,
        ItemKind::Support if facts.support_tier.as_deref() == Some(target.sla_tier.as_str()) => {
            return None;
        }
        _ => {}
    }
    if !allowed(rule, input.history.get(&rule.rule.id), input.now_ms) {
        return None;
    }
    let trend = |m: Metric| input.trends.get(&m).copied();
    if !rule
        .when
        .iter()
        .all(|c| c.holds(input.snapshot, &trend, facts))
    {
        return None;
    }
    let lang = input.lang;
    let current = facts
        .plan
        .as_deref()
        .and_then(|p| catalogue.find(ItemKind::Plan, p));
    let diff_cents = catalogue.monthly_difference(rule.kind, target, facts.plan.as_deref());
    let money = |cents: i64, item: &Item| format::money(cents, &item.price.currency, lang);
    let price = format!(
        "{}{}",
        money(target.price.cents, target),
        format::per(target.price.period, lang)
    );
    let price_diff = if rule.kind == ItemKind::Plan && current.is_some() {
        let sign = if diff_cents >= 0 { "+" } else { "" };
        format!(
            "{sign}{}{}",
            money(diff_cents, target),
            format::per(super::catalogue::Period::Month, lang)
        )
    } else {
        String::new()
    };
    let value = |v: Var| -> Option<String> {
        let amount = |m: Metric| input.snapshot.get(m);
        Some(match v {
            Var::Used(m) => format::amount(m.unit(), amount(m)?.used, lang),
            Var::Limit(m) => format::limit(m.unit(), amount(m)?.limit, lang),
            Var::Percent(m) => format::percent(amount(m)?.percent()?, lang),
            Var::Target(m) => format::limit(m.unit(), *target.limits.get(&m)?, lang),
            Var::PlanId => facts.plan.clone()?,
            Var::PlanName => current?.name.clone(),
            Var::TargetId => target.id.clone(),
            Var::TargetName => target.name.clone(),
            Var::TargetPrice => price.clone(),
            Var::PriceDiff => {
                if price_diff.is_empty() {
                    price.clone()
                } else {
                    price_diff.clone()
                }
            }
            Var::AccountId => input.account_id.to_owned(),
            Var::ServiceId => input.snapshot.service_id.clone()?,
        })
    };
    let variant = variant_of(input.account_id, rule);
    let (h, b) = rule
        .wording
        .get(&lang)
        .or_else(|| rule.wording.get(&Lang::En))?;
    let (vh, vb) = rule
        .variant_wording
        .get(&variant)
        .map(|(h, b)| (h.as_ref(), b.as_ref()))
        .unwrap_or((None, None));
    // A variant's own wording is in the provider's main language; a translation wins.
    let translated = lang != Lang::En && rule.wording.contains_key(&lang);
    let headline = if translated { h } else { vh.unwrap_or(h) }.render(&value)?;
    let body = if translated { b } else { vb.unwrap_or(b) }.render(&value)?;
    let cta_url = rule.link.render_link(&value)?;
    Some(Offer {
        rule: rule.rule.id.clone(),
        variant,
        kind: rule.kind,
        target: target.id.clone(),
        target_name: target.name.clone(),
        current_name: current.map(|c| c.name.clone()).unwrap_or_default(),
        headline,
        body,
        why: why(rule, input),
        changes: changes(rule.kind, current, target, input.snapshot, lang),
        price,
        price_diff,
        price_diff_cents: diff_cents,
        cta_url,
        snooze_days: rule.rule.snooze_days,
    })
}

/// The figures the rule's conditions looked at, written out.
fn why(rule: &Compiled, input: &Input<'_>) -> Vec<Why> {
    let lang = input.lang;
    let mut out: Vec<Why> = Vec::new();
    let mut push = |key: String, text: String| {
        if !out.iter().any(|w| w.key == key) {
            out.push(Why { key, text });
        }
    };
    for c in &rule.when {
        match c.field {
            Field::Usage(m, Part::Trend) => {
                if let Some(t) = input.trends.get(&m) {
                    let sign = if *t >= 0.0 { "+" } else { "" };
                    push(
                        format!("{}_trend", m.as_str()),
                        format!("{sign}{}", format::percent(*t, lang)),
                    );
                }
            }
            Field::Usage(m, _) => {
                if let Some(a) = input.snapshot.get(m) {
                    let of = format!(
                        "{} / {}",
                        format::amount(m.unit(), a.used, lang),
                        format::limit(m.unit(), a.limit, lang)
                    );
                    let text = match a.percent() {
                        Some(p) => format!("{of} ({})", format::percent(p, lang)),
                        None => of,
                    };
                    push(m.as_str().to_owned(), text);
                }
            }
            Field::TicketsUrgent => push(
                "tickets_urgent".into(),
                input.facts.tickets_urgent.to_string(),
            ),
            Field::TicketsRecent => push(
                "tickets_recent".into(),
                input.facts.tickets_recent.to_string(),
            ),
            _ => {}
        }
    }
    out
}

/// Current and offered limits, for every metric the offered plan limits.
fn changes(
    kind: ItemKind,
    current: Option<&Item>,
    target: &Item,
    snapshot: &Snapshot,
    lang: Lang,
) -> Vec<Change> {
    if kind != ItemKind::Plan {
        return Vec::new();
    }
    target
        .limits
        .iter()
        .filter_map(|(m, offered)| {
            let now = current
                .and_then(|c| c.limits.get(m).copied())
                .or_else(|| snapshot.get(*m).map(|a| a.limit))?;
            Some(Change {
                metric: *m,
                current: format::limit(m.unit(), now, lang),
                offered: format::limit(m.unit(), *offered, lang),
            })
        })
        .collect()
}
