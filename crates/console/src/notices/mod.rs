//! The notices screens: maintenance and incidents of the tenants in scope (now, coming up,
//! over), publishing and changing one at its own address, and posting incident updates.

mod actions;
mod api;
mod card;
mod draft;
mod fields;
mod form;
mod group;
mod page;
mod phase;
mod state;
mod update;

pub use card::{NoticeCard, NoticeCardProps};
pub use form::{NoticeForm, NoticeFormProps};
pub use page::{NoticesProps, NoticesView};
pub use phase::Phase;

/// The id in a new notice's address, `/console/notices/new` (stored notices have UUIDs).
pub const NEW: &str = "new";
