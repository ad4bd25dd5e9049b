//! What a tenant sells: plans with their limits, add-ons and support tiers, and how a
//! reseller hides, renames and reprices what its provider offers it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::usage::{Limit, Metric};
use crate::{
    console::parse_origin,
    error::{FieldError, FieldErrorCode},
};

/// How often a price is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    Month,
    Year,
    /// Paid once (an SSL certificate install, a migration).
    Once,
}

/// A price in minor units (cents), so sums never drift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Price {
    pub cents: i64,
    /// ISO 4217, upper case.
    pub currency: String,
    #[serde(default)]
    pub period: Period,
}

impl Price {
    /// What it costs a month: a yearly price spread over twelve; a one-off counts in full.
    pub fn monthly_cents(&self) -> i64 {
        match self.period {
            Period::Month | Period::Once => self.cents,
            Period::Year => self.cents / 12,
        }
    }
}

/// What kind of thing an offer sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Plan,
    Addon,
    Support,
}

impl ItemKind {
    pub const ALL: [Self; 3] = [Self::Plan, Self::Addon, Self::Support];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Addon => "addon",
            Self::Support => "support",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One thing in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    /// Stable id, the one hosts use (`pro`, `backups`): the token's `plan` names a plan by it.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub price: Price,
    /// Plans only: what the plan allows. A metric missing here is not compared.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<Metric, Limit>,
    /// Support tiers only: the SLA policy (a tier of the ticket settings) it buys.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sla_tier: String,
    /// Support tiers only: where "get premium support" leads (a link template, see
    /// [`super::template`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cta_url: String,
}

/// `GET|PUT /console/api/offers/catalogue?tenant=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalogue {
    #[serde(default)]
    pub plans: Vec<Item>,
    #[serde(default)]
    pub addons: Vec<Item>,
    #[serde(default)]
    pub support: Vec<Item>,
    /// Origins offer links may lead to besides the tenant's panel origins (a billing site:
    /// `https://billing.example.com`).
    #[serde(default)]
    pub link_origins: Vec<String>,
}

/// Most items of one kind.
pub const ITEMS_MAX: usize = 100;

/// A reseller's change to one item its provider offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Override {
    #[serde(default)]
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
}

/// `GET|PUT /console/api/offers/overrides?tenant=`: keyed `plan:pro`, `addon:backups`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overrides {
    #[serde(default)]
    pub items: BTreeMap<String, Override>,
}

impl Catalogue {
    pub fn items(&self, kind: ItemKind) -> &[Item] {
        match kind {
            ItemKind::Plan => &self.plans,
            ItemKind::Addon => &self.addons,
            ItemKind::Support => &self.support,
        }
    }

    fn items_mut(&mut self, kind: ItemKind) -> &mut Vec<Item> {
        match kind {
            ItemKind::Plan => &mut self.plans,
            ItemKind::Addon => &mut self.addons,
            ItemKind::Support => &mut self.support,
        }
    }

    pub fn find(&self, kind: ItemKind, id: &str) -> Option<&Item> {
        self.items(kind).iter().find(|i| i.id == id)
    }

    /// The item a key (`plan:pro`) names, with its kind.
    pub fn item(&self, key: &str) -> Option<(ItemKind, &Item)> {
        let (kind, id) = parse_key(key)?;
        Some((kind, self.find(kind, id)?))
    }

    /// What `item` adds a month for a customer on `plan`: a plan's price over the current
    /// plan's (when both are in one currency); anything else, its whole monthly price.
    pub fn monthly_difference(&self, kind: ItemKind, item: &Item, plan: Option<&str>) -> i64 {
        match plan.and_then(|p| self.find(ItemKind::Plan, p)) {
            Some(c) if kind == ItemKind::Plan && c.price.currency == item.price.currency => {
                item.price.monthly_cents() - c.price.monthly_cents()
            }
            _ => item.price.monthly_cents(),
        }
    }

    /// A reseller's view of its provider's catalogue: hidden items gone, names and prices
    /// replaced. The reseller's own link origins replace the provider's.
    pub fn with_overrides(&self, overrides: &Overrides, link_origins: &[String]) -> Self {
        let mut out = self.clone();
        out.link_origins = link_origins.to_vec();
        for kind in ItemKind::ALL {
            let items = out.items_mut(kind);
            items.retain(|i| {
                !overrides
                    .items
                    .get(&key(kind, &i.id))
                    .is_some_and(|o| o.hidden)
            });
            for item in items.iter_mut() {
                if let Some(o) = overrides.items.get(&key(kind, &item.id)) {
                    if let Some(name) = &o.name {
                        item.name.clone_from(name);
                    }
                    if let Some(price) = &o.price {
                        item.price = price.clone();
                    }
                }
            }
        }
        out
    }

    /// Checks every item; templates are checked by the caller, which knows the origins.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for kind in ItemKind::ALL {
            let items = self.items(kind);
            let list = match kind {
                ItemKind::Plan => "plans",
                ItemKind::Addon => "addons",
                ItemKind::Support => "support",
            };
            if items.len() > ITEMS_MAX {
                errors.push(FieldError::new(
                    list,
                    FieldErrorCode::TooLong,
                    format!("At most {ITEMS_MAX} items."),
                ));
            }
            for (n, item) in items.iter().enumerate() {
                let at = |f: &str| format!("{list}[{n}].{f}");
                if !valid_id(&item.id) {
                    errors.push(FieldError::new(
                        at("id"),
                        FieldErrorCode::InvalidType,
                        ID_RULE,
                    ));
                } else if items[..n].iter().any(|i| i.id == item.id) {
                    errors.push(FieldError::new(
                        at("id"),
                        FieldErrorCode::Duplicate,
                        format!("Two items are called '{}'.", item.id),
                    ));
                }
                text(&mut errors, at("name"), &item.name, 1, 80);
                text(&mut errors, at("description"), &item.description, 0, 400);
                price(&mut errors, &at("price"), &item.price);
                for (metric, limit) in &item.limits {
                    if let Limit::Of(v) = limit
                        && !(v.is_finite() && (0.0..=super::usage::MAX_AMOUNT).contains(v))
                    {
                        errors.push(FieldError::new(
                            at(&format!("limits.{}", metric.as_str())),
                            FieldErrorCode::OutOfRange,
                            "A limit is a number from 0 up, or unlimited.",
                        ));
                    }
                }
                if kind == ItemKind::Support && item.sla_tier.trim().is_empty() {
                    errors.push(FieldError::new(
                        at("sla_tier"),
                        FieldErrorCode::Required,
                        "Name the SLA tier this support level buys.",
                    ));
                }
            }
        }
        for (n, o) in self.link_origins.iter().enumerate() {
            if parse_origin(o).is_none() {
                errors.push(FieldError::new(
                    format!("link_origins[{n}]"),
                    FieldErrorCode::InvalidUrl,
                    "Write an origin like https://billing.example.com (no path).",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Overrides {
    pub fn validate(&self, provider: &Catalogue) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (k, o) in &self.items {
            let at = |f: &str| format!("items.{k}.{f}");
            if provider.item(k).is_none() {
                errors.push(FieldError::new(
                    format!("items.{k}"),
                    FieldErrorCode::UnknownValue,
                    format!("Your provider offers nothing called '{k}'."),
                ));
            }
            if let Some(name) = &o.name {
                text(&mut errors, at("name"), name, 1, 80);
            }
            if let Some(p) = &o.price {
                price(&mut errors, &at("price"), p);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// `plan:pro`: how overrides and offers name an item.
pub fn key(kind: ItemKind, id: &str) -> String {
    format!("{}:{id}", kind.as_str())
}

/// The kind and id of a key written as [`key`] writes it.
pub fn parse_key(key: &str) -> Option<(ItemKind, &str)> {
    let (kind, id) = key.split_once(':')?;
    Some((ItemKind::parse(kind)?, id))
}

const ID_RULE: &str = "Use 1 to 40 lower-case letters, digits and '-'.";

/// Ids of items, rules and variants: short, lower-case, safe in a URL and a CSV.
pub fn valid_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn text(errors: &mut Vec<FieldError>, field: String, value: &str, min: usize, max: usize) {
    let n = value.trim().chars().count();
    if let Err(refused) = crate::clean::text(value) {
        errors.push(refused.on(&field));
    } else if n < min {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::Required,
            "Fill this in.",
        ));
    } else if n > max {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::TooLong,
            format!("At most {max} characters."),
        ));
    }
}

fn price(errors: &mut Vec<FieldError>, at: &str, p: &Price) {
    if !(0..=100_000_000).contains(&p.cents) {
        errors.push(FieldError::new(
            format!("{at}.cents"),
            FieldErrorCode::OutOfRange,
            "A price is from 0 to 1,000,000.00.",
        ));
    }
    if !(p.currency.len() == 3 && p.currency.bytes().all(|b| b.is_ascii_uppercase())) {
        errors.push(FieldError::new(
            format!("{at}.currency"),
            FieldErrorCode::InvalidType,
            "Write the currency as three capital letters, like EUR.",
        ));
    }
}

/// `GET|PUT /console/api/offers/overrides?tenant=`: what a reseller's provider offers it,
/// the reseller's changes, and where the reseller's own offer links may lead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResellerCatalogue {
    /// The provider's catalogue as the provider wrote it (ignored when saving).
    #[serde(default)]
    pub provider: Catalogue,
    #[serde(default)]
    pub overrides: Overrides,
    #[serde(default)]
    pub link_origins: Vec<String>,
}
