//! What the tenant's helpdesk reports over the bridge: a reply written there (by support
//! staff, or by the customer in the helpdesk's own client area) and a status change made
//! there. The helpdesk moved its own ticket already, so ours follows and nothing it reported
//! is sent back to it (the events carry [`crate::events::Source::Helpdesk`]).

use panelcare_model::{
    ErrorCode,
    bridge::BridgeAuthor,
    ticket::{MessageKind, TicketStatus},
};

use super::{By, Ticket, announce, answered, move_to, request_hash};
use crate::{
    db::Conn,
    error::AppError,
    events::TicketEvent,
    state::AppState,
    tickets::store::{self, messages::NewEntry, tickets::Current},
    time,
};

/// What the helpdesk's call did: whether anything was recorded, and the ticket's status.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    pub recorded: bool,
    pub status: TicketStatus,
}

/// Ticket `id` of `tenant`, or not found (another tenant's tickets do not exist for it).
async fn of_tenant(conn: &mut Conn, tenant: &str, id: &str) -> Result<Current, AppError> {
    store::tickets::of_tenant(conn, tenant, id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// A reply written in the helpdesk, stored once per `external_id`.
pub async fn reply(
    state: &AppState,
    tenant: &str,
    id: &str,
    external_id: &str,
    from: BridgeAuthor,
    author: &str,
    text: &str,
) -> Result<Outcome, AppError> {
    // '/' is not allowed in a customer's Idempotency-Key, so no customer can take this key.
    let key = format!("bridge/{}", external_id.trim());
    let hash = request_hash(&[text]);
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let current = of_tenant(&mut tx, tenant, id).await?;
    if let Some((_, earlier)) = store::messages::by_key(&mut tx, id, &key).await? {
        if earlier != hash {
            return Err(AppError::client(
                ErrorCode::IdempotencyKeyReused,
                "A different reply was stored under this external_id.",
            ));
        }
        return Ok(Outcome {
            recorded: false,
            status: current.status,
        });
    }
    let (kind, author) = match from {
        BridgeAuthor::Support => {
            let name = author.trim();
            (
                MessageKind::Agent,
                Some(if name.is_empty() { "Support" } else { name }),
            )
        }
        BridgeAuthor::Customer => (MessageKind::Customer, None),
    };
    let message_id = store::messages::add(
        &mut tx,
        &NewEntry {
            tenant_id: tenant,
            ticket_id: id,
            kind,
            agent_id: None,
            author_name: author,
            body: text,
            status: None,
            key: Some((&key, &hash)),
            now_ms: now,
        },
    )
    .await?;
    let ticket = Ticket {
        tenant_id: tenant,
        id,
        priority: current.priority,
        support_tier: current.support_tier.as_deref(),
    };
    store::tickets::touch(&mut tx, id, now).await?;
    let next = match from {
        BridgeAuthor::Support => {
            answered(&mut tx, &ticket, By::Helpdesk, now).await?;
            TicketStatus::AwaitingCustomer
        }
        BridgeAuthor::Customer => {
            let event = TicketEvent::CustomerReply {
                message_id: &message_id,
            };
            announce(state, &mut tx, &ticket, event, By::Helpdesk).await?;
            TicketStatus::AwaitingSupport
        }
    };
    // A customer writing on a ticket that already waits for support keeps its clock.
    if next != current.status {
        move_to(state, &mut tx, &ticket, next, By::Helpdesk, now).await?;
    }
    let status = next;
    tx.commit().await?;
    Ok(Outcome {
        recorded: true,
        status,
    })
}

/// A status change made in the helpdesk; the same status again changes nothing.
pub async fn set_status(
    state: &AppState,
    tenant: &str,
    id: &str,
    new: TicketStatus,
) -> Result<Outcome, AppError> {
    let mut tx = state.db.write().await?;
    let current = of_tenant(&mut tx, tenant, id).await?;
    if new == current.status {
        return Ok(Outcome {
            recorded: false,
            status: new,
        });
    }
    let ticket = Ticket {
        tenant_id: tenant,
        id,
        priority: current.priority,
        support_tier: current.support_tier.as_deref(),
    };
    move_to(state, &mut tx, &ticket, new, By::Helpdesk, time::now_ms()).await?;
    tx.commit().await?;
    Ok(Outcome {
        recorded: true,
        status: new,
    })
}
