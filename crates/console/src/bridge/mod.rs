//! The ticket bridge in the console: where a tenant's widget tickets are copied to (the WHMCS
//! addon, or another helpdesk that speaks the same signed calls), shown on the support
//! settings page for admins.

mod api;
mod form;
mod off;
mod section;
mod status;

pub use form::{BridgeForm, BridgeFormProps};
pub use off::{BridgeOff, BridgeOffProps};
pub use section::{BridgeDone, TicketBridge, TicketBridgeProps, WHMCS_ADDRESS};
pub use status::{BridgeStatus, BridgeStatusProps};
