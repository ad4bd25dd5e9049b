//! Queuing what happened to a ticket for the tenant's bridge, in the same transaction as the
//! change itself: nothing is sent for a change that rolled back, nothing is lost for one
//! that committed.

use panelcare_model::ticket::TicketStatus;
use sqlx::SqliteConnection;

use crate::time;

/// What the helpdesk hears about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// A new ticket with its first message.
    Created { message_id: &'a str },
    /// The customer wrote in the widget.
    CustomerReply { message_id: &'a str },
    /// An agent answered (or posted a progress update) in the console.
    AgentReply { message_id: &'a str },
    /// The ticket moved to a status here.
    Status(TicketStatus),
}

impl Event<'_> {
    pub fn name(self) -> &'static str {
        match self {
            Self::Created { .. } => "ticket.created",
            Self::CustomerReply { .. } => "ticket.customer_reply",
            Self::AgentReply { .. } => "ticket.agent_reply",
            Self::Status(_) => "ticket.status",
        }
    }
}

/// Queues `event` about `ticket_id` when its tenant bridges; does nothing otherwise. A ticket
/// the helpdesk has not been told about (opened before the bridge was set) is created there
/// first, with its opening message, so no reply arrives for a ticket it does not know.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    tenant_id: &str,
    ticket_id: &str,
    event: Event<'_>,
) -> Result<(), sqlx::Error> {
    let bridged: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM ticket_bridges WHERE tenant_id = ?")
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    if bridged.is_none() {
        return Ok(());
    }
    if !matches!(event, Event::Created { .. }) {
        let known: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM bridge_outbox WHERE ticket_id = ? AND event = 'ticket.created'",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *conn)
        .await?;
        if known.is_none() {
            let first: String = sqlx::query_scalar(
                "SELECT id FROM ticket_messages WHERE ticket_id = ? AND kind = 'customer' \
                 ORDER BY created_at, rowid LIMIT 1",
            )
            .bind(ticket_id)
            .fetch_one(&mut *conn)
            .await?;
            insert(
                conn,
                tenant_id,
                ticket_id,
                Event::Created { message_id: &first },
            )
            .await?;
        }
    }
    insert(conn, tenant_id, ticket_id, event).await
}

async fn insert(
    conn: &mut SqliteConnection,
    tenant_id: &str,
    ticket_id: &str,
    event: Event<'_>,
) -> Result<(), sqlx::Error> {
    let (message, status) = match event {
        Event::Created { message_id }
        | Event::CustomerReply { message_id }
        | Event::AgentReply { message_id } => (Some(message_id), None),
        Event::Status(s) => (None, Some(s.as_str())),
    };
    let now = time::now_ms();
    sqlx::query(
        "INSERT INTO bridge_outbox (tenant_id, ticket_id, event, message_id, status, \
         next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(tenant_id)
    .bind(ticket_id)
    .bind(event.name())
    .bind(message)
    .bind(status)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
