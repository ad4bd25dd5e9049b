//! Notifications to agents: new tickets, customer replies and answers about to be late reach
//! the tenant's e-mail addresses and its signed webhook.
//!
//! The notifications [`Outbox`] listens to the ticket lifecycle: events are written to the
//! outbox in the same transaction as the ticket change that caused them (so none is lost or
//! sent for a change that rolled back); the `jobs` module delivers them and retries
//! failures with growing pauses.

pub mod deliver;
mod outbox;
mod settings;
pub mod store;
mod trial;

use utoipa_axum::{router::OpenApiRouter, routes};

pub use deliver::deliver_due;

use crate::{
    db::Conn,
    events::{Happened, Heard, Listener, TicketEvent},
    state::AppState,
};

/// Why agents are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Created,
    CustomerReply,
    SlaDueSoon,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "ticket.created",
            Self::CustomerReply => "ticket.customer_reply",
            Self::SlaDueSoon => "ticket.sla_due_soon",
        }
    }
}

/// Routes under `/console/api`, for admins.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(settings::read, settings::update))
        .routes(routes!(trial::send))
}

/// Hears ticket events and queues what agents should be told of them.
#[derive(Debug)]
pub struct Outbox {
    /// This server's address as agents reach it, for the console link in e-mails.
    pub public_url: String,
}

impl Listener for Outbox {
    fn heard<'c>(&'c self, conn: &'c mut Conn, what: Happened<'c>) -> Heard<'c> {
        Box::pin(async move {
            let event = match what.event {
                TicketEvent::Opened { .. } => Event::Created,
                // From the widget or the helpdesk's client area alike: either way the
                // customer wrote and support owes an answer.
                TicketEvent::CustomerReply { .. } => Event::CustomerReply,
                TicketEvent::SlaDueSoon => Event::SlaDueSoon,
                TicketEvent::AgentReply { .. } | TicketEvent::Status(_) => return Ok(()),
            };
            outbox::enqueue(conn, event, what.ticket_id, &self.public_url).await
        })
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::notify::{EVENTS, TEST_EVENT};

    use super::Event;

    #[test]
    fn every_event_sent_is_in_the_published_list() {
        for e in [Event::Created, Event::CustomerReply, Event::SlaDueSoon] {
            assert!(EVENTS.contains(&e.as_str()), "{e:?}");
        }
        assert!(EVENTS.contains(&TEST_EVENT));
    }
}
