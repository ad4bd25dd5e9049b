//! The notices screens: maintenance and incidents of the tenants in scope (now, coming up,
//! over), publishing and changing one, and posting incident updates.

mod api;
mod card;
mod draft;
mod form;
mod page;

pub use card::{NoticeCard, NoticeCardProps, Phase};
pub use form::{NoticeForm, NoticeFormProps};
pub use page::{NoticesProps, NoticesView};
