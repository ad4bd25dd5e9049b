//! A catalogue item as the admin types it — the price as an amount, sizes in GB, a limit
//! per metric or unlimited — and the item the server stores.

use std::collections::BTreeMap;

use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    offers::{Item, ItemKind, Limit, Metric, Period, Price},
};

use super::units;

/// A metric's limit as typed; blank and not unlimited leaves the metric out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LimitDraft {
    pub typed: String,
    pub unlimited: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemDraft {
    pub id: String,
    pub name: String,
    pub description: String,
    pub price: String,
    pub currency: String,
    pub period: Period,
    pub limits: BTreeMap<Metric, LimitDraft>,
    pub sla_tier: String,
    pub cta_url: String,
}

impl ItemDraft {
    pub fn of(item: &Item) -> Self {
        Self {
            id: item.id.clone(),
            name: item.name.clone(),
            description: item.description.clone(),
            price: units::cents_input(item.price.cents),
            currency: item.price.currency.clone(),
            period: item.price.period,
            limits: item
                .limits
                .iter()
                .map(|(m, l)| {
                    let d = match l {
                        Limit::Of(v) => LimitDraft {
                            typed: units::amount_input(*m, *v),
                            unlimited: false,
                        },
                        Limit::Unlimited => LimitDraft {
                            typed: String::new(),
                            unlimited: true,
                        },
                    };
                    (*m, d)
                })
                .collect(),
            sla_tier: item.sla_tier.clone(),
            cta_url: item.cta_url.clone(),
        }
    }

    /// A new row, in the currency the catalogue already uses.
    pub fn new(currency: &str) -> Self {
        Self {
            currency: currency.to_owned(),
            ..Self::default()
        }
    }

    /// The item to send, or what cannot be read, named inside the item (`price.cents`).
    pub fn item(&self, kind: ItemKind) -> Result<Item, Vec<FieldError>> {
        let mut errors = Vec::new();
        let cents = units::parse_cents(&self.price).unwrap_or_else(|| {
            errors.push(FieldError::new(
                "price.cents",
                FieldErrorCode::InvalidType,
                "Write the price as an amount like 9.00.",
            ));
            0
        });
        let mut limits = BTreeMap::new();
        if kind == ItemKind::Plan {
            for (m, l) in &self.limits {
                if l.unlimited {
                    limits.insert(*m, Limit::Unlimited);
                } else if !l.typed.trim().is_empty() {
                    match units::parse_amount(*m, &l.typed) {
                        Some(v) => {
                            limits.insert(*m, Limit::Of(v));
                        }
                        None => errors.push(FieldError::new(
                            format!("limits.{}", m.as_str()),
                            FieldErrorCode::InvalidType,
                            "Write a number from 0 up, or tick unlimited.",
                        )),
                    }
                }
            }
        }
        let support = kind == ItemKind::Support;
        let item = Item {
            id: self.id.trim().to_owned(),
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            price: Price {
                cents,
                currency: self.currency.trim().to_ascii_uppercase(),
                period: self.period,
            },
            limits,
            sla_tier: if support {
                self.sla_tier.trim().to_owned()
            } else {
                String::new()
            },
            cta_url: if support {
                self.cta_url.trim().to_owned()
            } else {
                String::new()
            },
        };
        if errors.is_empty() {
            Ok(item)
        } else {
            Err(errors)
        }
    }
}
