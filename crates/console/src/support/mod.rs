//! Support settings, per tenant: ticket settings and notifications for admins, canned replies
//! for everyone who answers tickets.

mod add_tier;
mod api;
mod canned;
mod canned_edit;
mod hours;
mod notify;
mod notify_test;
mod page;
mod policy;
mod tickets;

pub use canned::{CannedProps, CannedReplies};
pub use canned_edit::{CannedEdit, CannedEditProps};
pub use notify::{NotifyForm, NotifyProps};
pub use notify_test::{NotifyTest, NotifyTestProps};
pub use page::{SupportProps, SupportSettings};
pub use tickets::{TicketSettingsForm, TicketSettingsProps};
