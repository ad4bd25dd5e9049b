//! A tenant's ticket settings (departments, the response-time promise per support tier with
//! its business hours, reopening, attachments) and the "Support settings" page that gathers
//! them with canned replies, notifications and the ticket bridge.

mod add_tier;
mod api;
mod form;
mod hours;
mod page;
mod policy;
mod tiers;

pub use form::{TicketSettingsForm, TicketSettingsProps};
pub use page::SupportSettings;
