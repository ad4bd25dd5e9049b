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

use wasm_bindgen::JsCast;

/// Moves focus to the element `id` once the draw under way is done (a field to fix, the line
/// that says how an action went), so keyboard and screen-reader users land on it.
fn focus_later(id: &'static str) {
    gloo_timers::callback::Timeout::new(0, move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    })
    .forget();
}
