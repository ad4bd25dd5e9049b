//! A catalogue as typed in the form: rows of items, and the link origins one a line. Read
//! back into a catalogue before saving, naming each field that cannot be read as the server
//! would name it.

use panelcare_model::{
    FieldError,
    offers::{Catalogue, ItemKind},
};

use super::{errors::split_lines, item_draft::ItemDraft};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub plans: Vec<ItemDraft>,
    pub addons: Vec<ItemDraft>,
    pub support: Vec<ItemDraft>,
    pub origins: String,
}

/// How the server names a kind's list, and how the form words it.
pub fn list(kind: ItemKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ItemKind::Plan => ("plans", "Plans", "Add a plan"),
        ItemKind::Addon => ("addons", "Add-ons", "Add an add-on"),
        ItemKind::Support => ("support", "Support tiers", "Add a support tier"),
    }
}

impl Draft {
    pub fn of(c: &Catalogue) -> Self {
        let rows =
            |items: &[panelcare_model::offers::Item]| items.iter().map(ItemDraft::of).collect();
        Self {
            plans: rows(&c.plans),
            addons: rows(&c.addons),
            support: rows(&c.support),
            origins: c.link_origins.join("\n"),
        }
    }

    pub fn list_of(&self, kind: ItemKind) -> &[ItemDraft] {
        match kind {
            ItemKind::Plan => &self.plans,
            ItemKind::Addon => &self.addons,
            ItemKind::Support => &self.support,
        }
    }

    /// The catalogue to send, or every field that cannot be read, named as the server would.
    pub fn catalogue(&self) -> Result<Catalogue, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut c = Catalogue {
            link_origins: split_lines(&self.origins),
            ..Catalogue::default()
        };
        for (kind, rows) in [
            (ItemKind::Plan, &self.plans),
            (ItemKind::Addon, &self.addons),
            (ItemKind::Support, &self.support),
        ] {
            let (name, _, _) = list(kind);
            for (n, row) in rows.iter().enumerate() {
                match row.item(kind) {
                    Ok(item) => match kind {
                        ItemKind::Plan => c.plans.push(item),
                        ItemKind::Addon => c.addons.push(item),
                        ItemKind::Support => c.support.push(item),
                    },
                    Err(found) => errors.extend(found.into_iter().map(|mut e| {
                        e.field = format!("{name}[{n}].{}", e.field);
                        e
                    })),
                }
            }
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }

    /// The currency new rows start with: the one already in use.
    pub fn currency(&self) -> String {
        self.plans
            .iter()
            .chain(&self.addons)
            .chain(&self.support)
            .map(|d| d.currency.trim())
            .find(|c| !c.is_empty())
            .unwrap_or("EUR")
            .to_owned()
    }
}
