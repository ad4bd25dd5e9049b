//! Upgrade offers, for admins: what a tenant sells (or, for a reseller, how it changes what
//! its provider sells), the rules that turn a customer's usage into an offer, and what the
//! offers earned.

mod api;
mod catalogue;
mod errors;
mod funnel;
mod help;
mod import;
mod item;
mod item_draft;
mod numbers;
mod override_draft;
mod overrides;
mod page;
mod preview;
mod rule_form;
mod rule_row;
mod rules;
mod units;
mod variants;

pub use catalogue::{CatalogueEditor, CatalogueProps};
pub use numbers::{OfferNumbersProps, OfferNumbersView};
pub use overrides::{OverridesEditor, OverridesProps};
pub use page::{OffersProps, OffersView};
pub use rules::{RulesEditor, RulesProps};

use wasm_bindgen::JsCast;

/// Moves focus to the element with `id` once it is drawn (a new row's first input, the
/// button that replaced a removed one), so keyboard users stay where they were working.
fn focus_later(id: String) {
    gloo_timers::callback::Timeout::new(0, move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    })
    .forget();
}
