//! The offers feature's storage, and the only place its SQL lives: catalogues and rules,
//! the events customers cause, what is kept of each account, and the funnel's counts.

mod catalogue;
mod events;
mod numbers;
mod usage;

pub use catalogue::{
    catalogue, compiled, own_catalogue, panel_origins, reseller, rules, save_catalogue,
    save_overrides, save_rules,
};
pub use events::{answers, credit, record_event, seed_event};
pub use numbers::{funnel, rule_names};
pub use usage::{first_seen, latest_day, oldest_usage, save_day, ticket_counts};
