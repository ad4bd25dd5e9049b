//! Queuing what happened to a ticket for the tenant's bridge, in the same transaction as the
//! change itself: nothing is sent for a change that rolled back, nothing is lost for one
//! that committed. What the helpdesk itself reported is never sent back to it.

use super::store::{self, NewEvent};
use crate::{
    db::Conn,
    events::{Happened, Heard, Listener, Source, TicketEvent},
    tickets, time,
};

/// The helpdesk's name for an event.
fn name(event: TicketEvent<'_>) -> Option<&'static str> {
    Some(match event {
        TicketEvent::Opened { .. } => "ticket.created",
        TicketEvent::CustomerReply { .. } => "ticket.customer_reply",
        TicketEvent::AgentReply { .. } => "ticket.agent_reply",
        TicketEvent::Status(_) => "ticket.status",
        // Deadlines are ours: the helpdesk keeps its own. Ratings are the console's (the
        // helpdesk's API has no place for them).
        TicketEvent::SlaDueSoon | TicketEvent::Rated { .. } => return None,
    })
}

/// Hears ticket events and queues them for the tenant's helpdesk, when it bridges.
#[derive(Debug)]
pub struct Outbox;

impl Listener for Outbox {
    fn heard<'c>(&'c self, conn: &'c mut Conn, what: Happened<'c>) -> Heard<'c> {
        Box::pin(async move {
            if what.source == Source::Helpdesk {
                return Ok(());
            }
            let Some(event) = name(what.event) else {
                return Ok(());
            };
            enqueue(conn, &what, event).await
        })
    }
}

/// Queues `event` about the ticket when its tenant bridges; does nothing otherwise. A ticket
/// the helpdesk has not been told about (opened before the bridge was set) is created there
/// first, with its opening message, so no reply arrives for a ticket it does not know.
async fn enqueue(conn: &mut Conn, what: &Happened<'_>, event: &str) -> Result<(), sqlx::Error> {
    if store::settings(conn, what.tenant_id).await?.is_none() {
        return Ok(());
    }
    let now = time::now_ms();
    if !matches!(what.event, TicketEvent::Opened { .. })
        && !store::knows_ticket(conn, what.ticket_id).await?
    {
        let first = tickets::store::messages::first_from_customer(conn, what.ticket_id).await?;
        let created = NewEvent {
            tenant_id: what.tenant_id,
            ticket_id: what.ticket_id,
            event: "ticket.created",
            message_id: Some(&first),
            status: None,
        };
        store::insert(conn, &created, now).await?;
    }
    let (message_id, status) = match what.event {
        TicketEvent::Opened { message_id }
        | TicketEvent::CustomerReply { message_id }
        | TicketEvent::AgentReply { message_id } => (Some(message_id), None),
        TicketEvent::Status(s) => (None, Some(s.as_str())),
        TicketEvent::SlaDueSoon | TicketEvent::Rated { .. } => (None, None),
    };
    let e = NewEvent {
        tenant_id: what.tenant_id,
        ticket_id: what.ticket_id,
        event,
        message_id,
        status,
    };
    store::insert(conn, &e, now).await
}
