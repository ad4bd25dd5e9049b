//! Canned replies: the prepared answers a tenant's agents pick in the ticket composer, kept
//! on the support settings page.

mod add;
mod api;
mod edit;
mod list;
mod row;
mod state;

pub use add::{CannedAdd, CannedAddProps};
pub use edit::{CannedEdit, CannedEditProps};
pub use list::{CannedProps, CannedReplies};
pub use row::{CannedRow, CannedRowProps};
