//! The feedback panel: customers leave suggestions, complaints and ratings, and follow what
//! became of them.

mod category;
mod form;
mod history;
mod item;
mod outbox;
mod panel;
mod pending_item;
pub mod rating;
pub mod state;

pub use panel::FeedbackPanel;
