//! The console's ticket screens: the queue and one ticket (its thread, the composer and the
//! controls beside it).

mod api;
mod composer;
mod detail;
mod queue;
mod side;
pub mod text;
mod thread;

use std::{future::Future, pin::Pin};

use panelcare_model::ticket::console::AgentThread;

use crate::api::ApiError;
pub use detail::TicketDetail;
pub use queue::TicketQueue;

/// A call that answers with the whole ticket.
type Pending = Pin<Box<dyn Future<Output = Result<AgentThread, ApiError>>>>;

/// How a change to a ticket went: the ticket as it is now (or why not), and what to tell the
/// agent when it worked.
#[derive(Debug)]
pub struct Done {
    result: Result<AgentThread, ApiError>,
    message: &'static str,
}

impl Done {
    fn new(result: Result<AgentThread, ApiError>, message: &'static str) -> Self {
        Self { result, message }
    }
}
