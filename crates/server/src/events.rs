//! What happened to a ticket, as the ticket lifecycle announces it inside the change's own
//! transaction, and who listens: the agents' notifications, the ticket bridge and the
//! low-rating alerts, which turn it into rows of their outboxes in that same transaction
//! (nothing is sent for a change that rolled back, nothing lost for one that committed). A
//! new suggestion is announced the same way, inside the transaction that stores it.
//!
//! The lifecycle knows no listener and the listeners know no handler: `crate::app_state`
//! wires them together, so tickets, notifications and the bridge import each other in one
//! direction only (the bridge's helpdesk calls go through the lifecycle).

use std::{fmt, future::Future, pin::Pin, sync::Arc};

use panelcare_model::ticket::TicketStatus;

use crate::db::Conn;

/// One thing that happened to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketEvent<'a> {
    /// A new ticket with its first message.
    Opened { message_id: &'a str },
    /// The customer wrote (in the widget, or in the helpdesk's client area).
    CustomerReply { message_id: &'a str },
    /// Support answered or posted a progress update the customer sees.
    AgentReply { message_id: &'a str },
    /// The ticket moved to a status.
    Status(TicketStatus),
    /// An answer owed is in its last quarter, or late.
    SlaDueSoon,
    /// The customer rated the help, once the ticket was resolved.
    Rated { rating: u8, comment: &'a str },
}

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The widget, the console or a background job of ours.
    Panelcare,
    /// The tenant's helpdesk, over the bridge: it is not told what it told us.
    Helpdesk,
}

/// A [`TicketEvent`] about one ticket.
#[derive(Debug, Clone, Copy)]
pub struct Happened<'a> {
    pub tenant_id: &'a str,
    pub ticket_id: &'a str,
    pub event: TicketEvent<'a>,
    pub source: Source,
}

/// A suggestion a customer sent, just stored.
#[derive(Debug, Clone, Copy)]
pub struct FeedbackSent<'a> {
    pub tenant_id: &'a str,
    pub feedback_id: &'a str,
    pub account_id: &'a str,
    /// The customer's name as the host sent it.
    pub customer: Option<&'a str>,
    pub category: &'a str,
    pub message: &'a str,
    pub rating: Option<u8>,
    pub page: Option<&'a str>,
}

/// The future a listener returns.
pub type Heard<'c> = Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + 'c>>;

/// Something that keeps an outbox of ticket events.
pub trait Listener: Send + Sync + fmt::Debug {
    /// Records `what` through `conn`, the transaction of the change itself.
    fn heard<'c>(&'c self, conn: &'c mut Conn, what: Happened<'c>) -> Heard<'c>;

    /// Records a new suggestion through `conn`, the transaction that stores it. Most
    /// listeners keep to tickets: by default, nothing.
    fn heard_feedback<'c>(&'c self, _conn: &'c mut Conn, _sent: FeedbackSent<'c>) -> Heard<'c> {
        Box::pin(async { Ok(()) })
    }
}

/// Everyone who hears about ticket events, in the order they were wired. There is no empty
/// default: a state built without listeners would quietly queue no notification.
#[derive(Debug, Clone)]
pub struct Listeners(Arc<Vec<Arc<dyn Listener>>>);

impl Listeners {
    pub fn new(listeners: Vec<Arc<dyn Listener>>) -> Self {
        Self(Arc::new(listeners))
    }

    /// Tells every listener, inside `conn`'s transaction; the first failure rolls it all back.
    pub async fn tell(&self, conn: &mut Conn, what: Happened<'_>) -> Result<(), sqlx::Error> {
        for listener in self.0.iter() {
            listener.heard(&mut *conn, what).await?;
        }
        Ok(())
    }

    /// Tells every listener of a new suggestion, inside `conn`'s transaction; the first
    /// failure rolls it all back.
    pub async fn tell_feedback(
        &self,
        conn: &mut Conn,
        sent: FeedbackSent<'_>,
    ) -> Result<(), sqlx::Error> {
        for listener in self.0.iter() {
            listener.heard_feedback(&mut *conn, sent).await?;
        }
        Ok(())
    }
}
