//! Agents' notifications in the console: where a tenant's agents hear about new tickets,
//! customers' replies, answers about to be late and low ratings, which events its webhook
//! gets, and a test of that set-up.

mod api;
mod events;
mod form;
mod low_ratings;
mod send_test;

pub use form::{NotifyForm, NotifyProps};
pub use send_test::{NotifyTest, NotifyTestProps};
