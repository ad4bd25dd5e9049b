//! Notifications to agents: new tickets, customer replies and answers about to be late reach
//! the tenant's e-mail addresses and its signed webhook; new suggestions its webhook; low
//! ratings (a suggestion, or a resolved ticket, rated 1–2 ★) the addresses the tenant chose
//! for them and its webhook.
//!
//! The notifications [`Outbox`] listens to the ticket lifecycle and to new suggestions: events
//! are written to the outbox in the same transaction as the change that caused them (so none
//! is lost or sent for a change that rolled back); the `jobs` module delivers them and
//! retries failures with growing pauses.

pub mod deliver;
mod feedback;
mod low_rating;
mod outbox;
mod settings;
pub mod store;
mod trial;

use panelcare_model::alerts::is_low;
use utoipa_axum::{router::OpenApiRouter, routes};

pub use deliver::deliver_due;
use outbox::TicketNews;

use crate::{
    db::Conn,
    events::{FeedbackSent, Happened, Heard, Listener, TicketEvent},
    state::AppState,
};

/// Why agents are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Created,
    CustomerReply,
    SlaDueSoon,
    /// A resolved ticket rated 1–2 ★.
    TicketLowRating,
    /// Any new suggestion (the webhook only: mail for each would drown the low ones).
    FeedbackCreated,
    /// A suggestion rated 1–2 ★.
    FeedbackLowRating,
}

impl Event {
    pub const ALL: [Self; 6] = [
        Self::Created,
        Self::CustomerReply,
        Self::SlaDueSoon,
        Self::TicketLowRating,
        Self::FeedbackCreated,
        Self::FeedbackLowRating,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "ticket.created",
            Self::CustomerReply => "ticket.customer_reply",
            Self::SlaDueSoon => "ticket.sla_due_soon",
            Self::TicketLowRating => "ticket.low_rating",
            Self::FeedbackCreated => "feedback.created",
            Self::FeedbackLowRating => "feedback.low_rating",
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
            let news = match what.event {
                TicketEvent::Opened { .. } => TicketNews::Created,
                // From the widget or the helpdesk's client area alike: either way the
                // customer wrote and support owes an answer.
                TicketEvent::CustomerReply { .. } => TicketNews::CustomerReply,
                TicketEvent::SlaDueSoon => TicketNews::SlaDueSoon,
                TicketEvent::Rated { rating, comment } if is_low(rating) => {
                    let rated = low_rating::Rated { rating, comment };
                    return low_rating::enqueue(conn, what.ticket_id, rated, &self.public_url)
                        .await;
                }
                TicketEvent::Rated { .. }
                | TicketEvent::AgentReply { .. }
                | TicketEvent::Status(_) => return Ok(()),
            };
            outbox::enqueue(conn, news, what.ticket_id, &self.public_url).await
        })
    }

    fn heard_feedback<'c>(&'c self, conn: &'c mut Conn, sent: FeedbackSent<'c>) -> Heard<'c> {
        Box::pin(async move { feedback::enqueue(conn, &sent, &self.public_url).await })
    }
}

#[cfg(test)]
mod tests {
    use panelcare_model::notify::{EVENTS, TEST_EVENT};

    use super::Event;

    #[test]
    fn every_event_sent_is_in_the_published_list() {
        for e in Event::ALL {
            assert!(EVENTS.contains(&e.as_str()), "{e:?}");
        }
        assert!(EVENTS.contains(&TEST_EVENT));
        assert_eq!(
            Event::ALL.len() + 1,
            EVENTS.len(),
            "and every published one is sent"
        );
    }
}
