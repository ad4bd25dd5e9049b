//! A reseller's changes as typed, and the overrides the server stores: an item left alone
//! (not hidden, no own name or price) is not sent at all.

use std::collections::BTreeMap;

use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    offers::{Catalogue, Override, Overrides, Price, ResellerCatalogue},
};

use super::{errors::split_lines, units};

/// One provider item's change as typed; all blank and not hidden is no change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub hidden: bool,
    pub name: String,
    pub price: String,
    pub currency: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub changes: BTreeMap<String, Change>,
    pub origins: String,
}

impl Draft {
    pub fn of(r: &ResellerCatalogue) -> Self {
        let changes = r
            .overrides
            .items
            .iter()
            .map(|(k, o)| {
                let c = Change {
                    hidden: o.hidden,
                    name: o.name.clone().unwrap_or_default(),
                    price: o
                        .price
                        .as_ref()
                        .map(|p| units::cents_input(p.cents))
                        .unwrap_or_default(),
                    currency: o
                        .price
                        .as_ref()
                        .map(|p| p.currency.clone())
                        .unwrap_or_default(),
                };
                (k.clone(), c)
            })
            .collect();
        Self {
            changes,
            origins: r.link_origins.join("\n"),
        }
    }

    /// What to send (the provider part is ignored by the server), or what cannot be read.
    pub fn body(&self, provider: &Catalogue) -> Result<ResellerCatalogue, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut items = BTreeMap::new();
        for (k, c) in &self.changes {
            let item = provider.item(k).map(|(_, i)| i);
            let price = if c.price.trim().is_empty() {
                None
            } else {
                match units::parse_cents(&c.price) {
                    // A reseller's price keeps the provider's period: it resells the same thing.
                    Some(cents) => Some(Price {
                        cents,
                        currency: match c.currency.trim() {
                            "" => item.map(|i| i.price.currency.clone()).unwrap_or_default(),
                            typed => typed.to_ascii_uppercase(),
                        },
                        period: item.map(|i| i.price.period).unwrap_or_default(),
                    }),
                    None => {
                        errors.push(FieldError::new(
                            format!("items.{k}.price.cents"),
                            FieldErrorCode::InvalidType,
                            "Write the price as an amount like 9.00, or leave it blank.",
                        ));
                        None
                    }
                }
            };
            let name = Some(c.name.trim().to_owned()).filter(|n| !n.is_empty());
            if c.hidden || name.is_some() || price.is_some() {
                items.insert(
                    k.clone(),
                    Override {
                        hidden: c.hidden,
                        name,
                        price,
                    },
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ResellerCatalogue {
            provider: Catalogue::default(),
            overrides: Overrides { items },
            link_origins: split_lines(&self.origins),
        })
    }
}
