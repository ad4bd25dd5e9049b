//! Upgrade offers, for admins: what a tenant sells (or, for a reseller, how it changes what
//! its provider sells), the rules that turn a customer's usage into an offer, and what the
//! offers earned.

mod api;
mod catalogue;
mod catalogue_draft;
mod errors;
mod funnel;
mod help;
mod import;
mod item;
mod item_draft;
mod kind_section;
mod numbers;
mod override_draft;
mod override_row;
mod overrides;
mod page;
mod preview;
mod rules;
mod units;
mod variants;

pub use catalogue::{CatalogueEditor, CatalogueProps};
pub use numbers::OfferNumbersView;
pub use overrides::{OverridesEditor, OverridesProps};
pub use page::{OffersProps, OffersView};
pub use rules::{RulesEditor, RulesProps};
