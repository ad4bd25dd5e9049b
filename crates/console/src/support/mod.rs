//! Support settings, per tenant: ticket settings, notifications and the ticket bridge for
//! admins, canned replies for everyone who answers tickets.

mod add_tier;
mod api;
mod bridge;
mod bridge_form;
mod bridge_off;
mod bridge_status;
mod canned;
mod canned_edit;
mod hours;
mod notify;
mod notify_test;
mod page;
mod policy;
mod tickets;

pub use bridge::{BridgeDone, TicketBridge, TicketBridgeProps, WHMCS_ADDRESS};
pub use bridge_form::{BridgeForm, BridgeFormProps};
pub use bridge_off::{BridgeOff, BridgeOffProps};
pub use bridge_status::{BridgeStatus, BridgeStatusProps};
pub use canned::{CannedProps, CannedReplies};
pub use canned_edit::{CannedEdit, CannedEditProps};
pub use notify::{NotifyForm, NotifyProps};
pub use notify_test::{NotifyTest, NotifyTestProps};
pub use page::{SupportProps, SupportSettings};
pub use tickets::{TicketSettingsForm, TicketSettingsProps};
