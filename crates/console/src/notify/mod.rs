//! Agents' notifications in the console: where a tenant's agents hear about new tickets,
//! customers' replies and answers about to be late, and a test of that set-up.

mod api;
mod form;
mod send_test;

pub use form::{NotifyForm, NotifyProps};
pub use send_test::{NotifyTest, NotifyTestProps};
