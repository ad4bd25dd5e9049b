//! Alerts on unhappy customers: low ratings reach agents by mail and signed webhook from the
//! rating's own transaction ([`delivery`]); the console's badge, list and figure, per tenant
//! ([`console`]).

mod console;
mod delivery;
mod steps;
