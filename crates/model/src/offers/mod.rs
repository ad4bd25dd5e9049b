//! Upgrade suggestions: the catalogue a tenant sells from, the usage a host reports, the
//! rules that turn one into an offer, and the numbers that say what offers earn.
//!
//! Rules are checked when saved ([`rule::Rule::compile`]) and evaluated on every dashboard
//! view ([`evaluate::evaluate`]); both are pure so the server, the console and the tests
//! agree on what a rule means.

pub mod catalogue;
pub mod condition;
pub mod evaluate;
pub mod format;
pub mod numbers;
pub mod rule;
pub mod template;
pub mod usage;

// Tests may unwrap: clippy's allowance for test code does not see through this `cfg`.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests;

pub use catalogue::{
    Catalogue, Item, ItemKind, Override, Overrides, Period, Price, ResellerCatalogue,
};
pub use condition::Facts;
pub use evaluate::{BestOffer, Change, History, Input, Offer, Why, evaluate};
pub use rule::{Cap, Compiled, Rule, Variant, Wording};
pub use usage::{Amount, Limit, Metric, Raw, Snapshot};

/// What the offers endpoint evaluates for one tenant: its catalogue (a reseller's with its
/// overrides applied) and its rules, compiled against it.
#[derive(Debug, Clone)]
pub struct Offering {
    pub catalogue: Catalogue,
    pub rules: Vec<Compiled>,
}

/// Events a widget reports about an offer it drew.
pub const EVENT_KINDS: [&str; 4] = ["impression", "click", "snooze", "dismiss"];

/// `POST /api/v1/offers/events`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferEvent {
    pub rule: String,
    #[serde(default)]
    pub variant: String,
    /// One per drawn card: an impression is counted once per view, however often the card
    /// scrolls into sight.
    pub view: String,
    pub kind: String,
}

/// `PUT /console/api/offers/rules?tenant=`: the whole ordered list.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleSet {
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
}

/// `POST /api/v1/offers/conversions` (signed by the host's backend).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conversion {
    pub tenant: String,
    pub account: String,
    /// What was bought: `plan:pro`, `addon:backups`, `support:premium`.
    pub target: String,
    /// The host's order or invoice id; the same id is counted once.
    pub order_id: String,
}

/// Premium support offered while a customer on a slower tier opens an urgent ticket
/// (part of `GET /api/v1/ticket-options`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "rule": "support:premium",
    "name": "Premium support",
    "price": "€19.00/month",
    "first_response": {"low": 480, "normal": 240, "high": 60, "critical": 30},
    "cta_url": "https://billing.example-host.com/cart.php?a=add&pid=42&account=cust-1001"
})))]
pub struct Upsell {
    /// The pseudo-rule its events are counted under: `support:<item id>`.
    pub rule: String,
    pub name: String,
    /// The price written out (`€19.00/month`).
    pub price: String,
    /// The tier's promise, minutes to a first answer per priority.
    pub first_response: crate::sla::Targets,
    pub cta_url: String,
}
