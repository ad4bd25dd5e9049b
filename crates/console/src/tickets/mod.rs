//! The console's ticket screens: the queue and one ticket.

mod api;
mod detail;
mod queue;
pub mod text;

pub use detail::TicketDetail;
pub use queue::TicketQueue;
